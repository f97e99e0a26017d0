'use strict';
// The push-server API over TCP (newline-delimited JSON, port 9800), with plain Node `net` sockets across two
// gateway nodes: connect, heartbeat, register and get_topic, do_push to channels and aliases, pushes acked with
// t:-5, messages stored for offline aliases and sent again until acked, pull, and bad frames.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const { platform } = require('./lib/platform');
const { connect } = require('./lib/clients');
const { gatewayTcp, type, pushOf } = require('./lib/tcp-lines');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;

const tcp = (node) => gatewayTcp(node, opened);

async function connected(node, alias) {
  const c = await tcp(node);
  c.send({ t: 14, alias });
  assert.deepEqual(await c.next(type(-14)), { t: -14, alias });
  return c;
}

describe('push-server API over TCP', () => {
  test('connect, heartbeat, register and get_topic answer as the seed writes them', async () => {
    const alias = uniq('door');
    const c = await connected(0, alias);
    c.send({ t: 1, alias });
    assert.deepEqual(await c.next(type(-1)), { t: -1, alias });
    c.send({ t: 2, topic: ['m_2', 'c_2'], info: { communityId: '42', name: 'unit 1' }, num: '1700000000' });
    assert.deepEqual(await c.next(type(-2)), { t: -2, num: '1700000000' });
    c.send({ t: 3, num: '2' });
    assert.deepEqual(await c.next(type(-3)), { t: -3, num: '2', topic: ['c_2', 'm_2'] });
  });

  test('do_push to a channel reaches its clients on the other node as t:5 with a mid, and an alias too', async () => {
    const channel = uniq('chan');
    const alias = uniq('phone');
    const subscriber = await connected(1, alias);
    subscriber.send({ t: 2, topic: [channel], num: '1' });
    await subscriber.next(type(-2));
    const sender = await connected(0, uniq('sender'));

    sender.send({ t: 6, method: 'publish', topic: [channel], msg: 'door opened', opts: { time_to_live: 60 }, num: '9' });
    assert.deepEqual(await sender.next(type(-6)), { t: -6, num: '9' });
    const pushed = await subscriber.next(pushOf('door opened'));
    assert.equal(pushed.topic, channel);
    assert.match(pushed.mid, /^\d+$/);
    subscriber.send({ t: -5, mid: pushed.mid });

    sender.send({ t: 6, method: 'publish_to_alias', alias: [alias], msg: { call: 'incoming' }, num: '10' });
    await sender.next(type(-6));
    const direct = await subscriber.next((f) => f.t === 5 && f.alias === alias);
    assert.deepEqual(direct.msg, { call: 'incoming' });
  });

  test('an offline alias gets its pushes when it connects, again until it acks them; pull lists what is unacked', async () => {
    const alias = uniq('offline');
    // known to the platform from its first connect; a push is stored until the client acks it, so one that reached
    // this closing connection waits for the next all the same
    (await connected(1, alias)).close();
    const sender = await connected(0, uniq('sender'));
    sender.send({ t: 6, method: 'publish_to_alias', alias: [alias], msg: 'while away', num: '1' });
    await sender.next(type(-6));

    const first = await connected(1, alias);
    const pushed = await first.next(pushOf('while away'));
    first.close();

    // not acked: it comes back on the next connect, and pull lists it
    const second = await connected(0, alias);
    const again = await second.next(pushOf('while away'));
    assert.equal(again.mid, pushed.mid);
    second.send({ t: 4, num: '5' });
    const pulled = await second.next(type(-4));
    assert.equal(pulled.num, '5');
    assert.deepEqual(pulled.msg.map((m) => m.mid), [pushed.mid]);
    second.send({ t: -5, mid: pushed.mid });
    // the ack is settled on its way through routing: pulled until it shows
    for (let pulls = 0, left = [pushed]; left.length > 0; pulls++) {
      assert.ok(pulls < 50, 'the ack was never settled');
      second.send({ t: 4, num: `after-ack-${pulls}` });
      left = (await second.next(type(-4))).msg;
      if (left.length > 0) await new Promise((r) => setTimeout(r, 100));
    }
    second.close();

    // acked: gone for good
    const third = await connected(1, alias);
    third.send({ t: 4, num: '6' });
    assert.deepEqual((await third.next(type(-4))).msg, []);
  });

  test('across protocols: a pubsub publish reaches TCP clients of its topic and alias, and a TCP do_push reaches pubsub subscribers', async () => {
    const channel = uniq('shared');
    const alias = uniq('tcp_alias');
    const device = await connected(1, alias);
    device.send({ t: 2, topic: [channel], num: '1' });
    await device.next(type(-2));
    const web = await connect('v4', platform().gateways[0].pubsub);
    opened.push(web);
    await web.connectApp(platform().demo.appkey, uniq('web'));
    await web.request('subscribe', { topic: channel }, 'suback');

    // pubsub -> TCP, to the topic and to the alias
    await web.request('publish', { topic: channel, msg: 'from socket.io', qos: 1 }, 'puback');
    const toTopic = await device.next(pushOf('from socket.io'));
    assert.equal(toTopic.topic, channel);
    device.send({ t: -5, mid: toTopic.mid });
    assert.equal((await web.next('message'))[0].msg, 'from socket.io'); // its own publish, as pubsub sends it
    await web.request('publish_to_alias', { alias, msg: 'to the device' }, 'puback');
    assert.equal((await device.next(pushOf('to the device'))).alias, alias);

    // TCP -> pubsub
    device.send({ t: 6, method: 'publish', topic: [channel], msg: 'from tcp', num: '2' });
    await device.next(type(-6));
    const [message] = await web.next('message');
    assert.deepEqual(message, { topic: channel, msg: 'from tcp' });
  });

  test('a client that heartbeats first, as the seed says, is identified by it: it registers, pulls and pushes; connect then sends what it missed', async () => {
    // given an alias that was sent a push while away
    const alias = uniq('heartbeat_first');
    (await connected(1, alias)).close();
    const sender = await connected(0, uniq('sender'));
    sender.send({ t: 6, method: 'publish_to_alias', alias: [alias], msg: 'while away', num: '1' });
    await sender.next(type(-6));

    // when it comes back with a heartbeat before anything else
    const c = await tcp(0);
    c.send({ t: 1, alias });
    assert.deepEqual(await c.next(type(-1)), { t: -1, alias });

    // then every operation works without connect, and the heartbeat alone sent nothing it missed
    const channel = uniq('hb_chan');
    c.send({ t: 2, topic: [channel], num: '2' });
    assert.deepEqual(await c.next(type(-2)), { t: -2, num: '2' });
    c.send({ t: 3, num: '3' });
    assert.deepEqual(await c.next(type(-3)), { t: -3, num: '3', topic: [channel] });
    c.send({ t: 4, num: '4' });
    assert.deepEqual((await c.next(type(-4))).msg.map((m) => m.msg), ['while away']);
    c.send({ t: 6, method: 'publish', topic: [channel], msg: 'to myself', num: '5' });
    assert.deepEqual(await c.next(type(-6)), { t: -6, num: '5' });
    assert.equal((await c.next(pushOf('to myself'))).topic, channel);
    assert.equal(c.frames.some((f) => f.t === 5 && f.msg === 'while away'), false, 'the heartbeat sent what it missed');

    // and connect sends what it missed, once
    c.send({ t: 14, alias });
    assert.deepEqual(await c.next(type(-14)), { t: -14, alias });
    await c.next(pushOf('while away'));
  });

  test('bad frames get {t:0, error} and the connection lives on', async () => {
    const c = await tcp(0);
    c.send({ t: 2, topic: ['x'], num: '3' });
    const notConnected = await c.next(type(0));
    assert.match(notConnected.error, /not connected/);
    assert.equal(notConnected.num, '3');
    c.send('this is not json');
    assert.equal((await c.next(type(0))).error, 'invalid JSON');
    c.send({ t: 99, num: '4' });
    assert.deepEqual(await c.next(type(0)), { t: 0, error: 'unknown type t: 99', num: '4' });
    c.send({ t: 6, method: 'publish', topic: ['x'], num: '5' });
    c.send('x'.repeat(300 * 1024));
    c.send({ t: 1, alias: 'still-here' });
    // the gateway answers the long line itself, routing the publish: in either order
    const errors = [(await c.next(type(0))).error, (await c.next(type(0))).error].sort();
    assert.match(errors[0], /^frame over \d+ bytes$/);
    assert.match(errors[1], /not connected/);
    assert.deepEqual(await c.next(type(-1)), { t: -1, alias: 'still-here' });
    assert.equal(c.closed, false);
  });
});
