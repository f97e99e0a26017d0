'use strict';
// The push-server API on Socket.IO (port 9906): the seed's own clients send connect and disconnect as ordinary
// events, which socket.io-client cannot (it reserves the names): a raw websocket client (`ws`) speaks the wire as
// they do; socket.io-client v4 and v2 use connect_alias. Pushes are the event push {t:5, mid, ...}, acked by push_c.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { open } = require('./lib/clients');
const { platform } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;

/** A Socket.IO v4 client written by hand over a websocket: Engine.IO open, namespace connect, then events. */
function rawClient(node) {
  const url = platform().gateways[node].push.replace('http', 'ws') + '/socket.io/?EIO=4&transport=websocket';
  const ws = new WebSocket(url);
  const events = [];
  const waiters = [];
  const client = {
    emit: (event, payload) => ws.send('42' + JSON.stringify([event, payload])),
    next: (event, ms = 10000) => {
      const i = events.findIndex(([name]) => name === event);
      if (i >= 0) return Promise.resolve(events.splice(i, 1)[0][1]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms; got ${JSON.stringify(events)}`)), ms);
        waiters.push({ event, resolve: (args) => { clearTimeout(timer); resolve(args); } });
      });
    },
    // the server ends the Socket.IO session (packet 41) or the websocket
    closed: new Promise((resolve) => { ws.on('close', resolve); ws.on('message', (d) => { if (d.toString() === '41') resolve(); }); }),
    close: () => ws.terminate(),
  };
  opened.push(client);
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('0')) ws.send('40');
      else if (text.startsWith('40')) resolve(client);
      else if (text === '2') ws.send('3');
      else if (text.startsWith('42')) {
        const [event, arg] = JSON.parse(text.slice(2));
        const i = waiters.findIndex((w) => w.event === event);
        if (i >= 0) waiters.splice(i, 1)[0].resolve(arg); else events.push([event, arg]);
      }
    });
  });
}

/** A socket.io-client of the push-server port, once its Socket.IO connection is up (push-server sends no greeting). */
async function connect(version, url) {
  const c = open(version, url);
  if (!c.connected) await new Promise((resolve) => c.socket.once('connect', resolve));
  return c;
}

describe('push-server API on Socket.IO', () => {
  test('a raw client connects with the event connect, registers, gets pushes and acks them; disconnect closes it', async () => {
    const alias = uniq('unit');
    const channel = uniq('capture');
    const unit = await rawClient(1);
    unit.emit('connect', { alias });
    assert.deepEqual(await unit.next('connect_c'), { t: -14, alias });
    unit.emit('heartbeat', { t: 1, alias });
    assert.deepEqual(await unit.next('heartbeat_c'), { t: -1, alias });
    unit.emit('register', { t: 2, topic: [channel], num: '1' });
    assert.deepEqual(await unit.next('register_c'), { t: -2, num: '1' });
    unit.emit('get_topic', { t: 3, num: '2' });
    assert.deepEqual(await unit.next('get_topic_c'), { t: -3, num: '2', topic: [channel] });

    const sender = await rawClient(0);
    sender.emit('connect', { alias: uniq('sender') });
    await sender.next('connect_c');
    sender.emit('do_push', { t: 6, method: 'publish', topic: [channel], msg: 'snapshot ready', opts: { time_to_live: 60 }, num: '3' });
    assert.deepEqual(await sender.next('do_push_c'), { t: -6, num: '3' });
    const pushed = await unit.next('push');
    assert.equal(pushed.t, 5);
    assert.equal(pushed.msg, 'snapshot ready');
    unit.emit('push_c', { t: -5, alias, mid: pushed.mid });

    unit.emit('info_status', { alias });
    assert.deepEqual(await unit.next('info_status_c'), { alias, list: [channel], status: 'online' });
    unit.emit('disconnect', { alias });
    await Promise.race([unit.closed, new Promise((r, reject) => setTimeout(() => reject(new Error('not disconnected')), 10000))]);
  });

  test('a raw client that heartbeats first is identified by it: register and do_push work without connect', async () => {
    const alias = uniq('hb_unit');
    const channel = uniq('hb_capture');
    const unit = await rawClient(0);
    unit.emit('heartbeat', { t: 1, alias });
    assert.deepEqual(await unit.next('heartbeat_c'), { t: -1, alias });
    unit.emit('register', { t: 2, topic: [channel], num: '1' });
    assert.deepEqual(await unit.next('register_c'), { t: -2, num: '1' });
    unit.emit('do_push', { t: 6, method: 'publish', topic: [channel], msg: 'heard', num: '2' });
    assert.deepEqual(await unit.next('do_push_c'), { t: -6, num: '2' });
    assert.equal((await unit.next('push')).msg, 'heard');
  });

  for (const version of ['v4', 'v2']) {
    test(`socket.io-client ${version} uses connect_alias; what was pushed while it was away arrives, and again until acked`, async () => {
      const alias = uniq(`phone_${version}`);
      const first = await connect(version, platform().gateways[0].push);
      opened.push(first);
      assert.deepEqual((await first.request('connect_alias', { alias }, 'connect_c'))[0], { t: -14, alias });
      first.close();

      const sender = await connect(version, platform().gateways[1].push);
      opened.push(sender);
      await sender.request('connect_alias', { alias: uniq('sender') }, 'connect_c');
      await sender.request('do_push', { t: 6, method: 'publish_to_alias', alias: [alias], msg: 'call me', num: '1' }, 'do_push_c');

      const back = await connect(version, platform().gateways[1].push);
      opened.push(back);
      back.emit('connect_alias', { alias });
      const [pushed] = await back.next('push');
      assert.deepEqual({ t: pushed.t, alias: pushed.alias, msg: pushed.msg }, { t: 5, alias, msg: 'call me' });
      back.emit('pull', { t: 4, alias, num: '7' });
      const [pulled] = await back.next('pull_c');
      assert.deepEqual(pulled.msg.map((m) => m.mid), [pushed.mid]);
      back.emit('push_c', { t: -5, alias, mid: pushed.mid });
      // the ack is settled on its way through routing: pulled until it shows
      let left;
      for (let pulls = 0; pulls < 50; pulls++) {
        back.emit('pull', { t: 4, alias, num: '8' });
        [left] = await back.next('pull_c');
        if (left.msg.length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(left, { t: -4, num: '8', msg: [] });
    });
  }
});
