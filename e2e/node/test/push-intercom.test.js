'use strict';
// The push-server API's intercom WebSockets (gateway HTTP port) with the `ws` client, across two gateway nodes:
// capture rooms /{r}/{d} (units reach phones and back), call rooms /{r}/{d}/{device} (caller and callee), text and
// binary frames passed unchanged, TCP types 8-10 relayed to a room's side, type 7 counting members, bad URLs refused.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const WebSocket = require('ws');
const { platform } = require('./lib/platform');
const { gatewayTcp } = require('./lib/tcp-lines');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

/** A websocket member of an intercom room on gateway `node`; collects what it receives. */
function member(node, path) {
  const url = platform().gateways[node].http.replace('http', 'ws') + path;
  const ws = new WebSocket(url);
  const received = [];
  const waiters = [];
  ws.on('message', (data, isBinary) => {
    const frame = { binary: isBinary, data: isBinary ? Buffer.from(data) : data.toString() };
    if (frame.data === PROBE) {
      client.heardProbe = true; // see joined(): probes are never among what a test reads
      return;
    }
    const i = waiters.findIndex((w) => w.match(frame));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(frame); else received.push(frame);
  });
  const client = {
    ws,
    heardProbe: false,
    received,
    send: (data) => ws.send(data),
    next: (match = () => true, ms = 10000) => {
      const i = received.findIndex(match);
      if (i >= 0) return Promise.resolve(received.splice(i, 1)[0]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching frame on ${path} within ${ms} ms; got ${JSON.stringify(received)}`)), ms);
        waiters.push({ match, resolve: (f) => { clearTimeout(timer); resolve(f); } });
      });
    },
    closed: new Promise((resolve) => ws.on('close', resolve)),
    close: () => ws.terminate(),
  };
  opened.push(client);
  return new Promise((resolve, reject) => { ws.once('open', () => resolve(client)); ws.once('error', reject); });
}

const text = (t) => (f) => !f.binary && f.data === t;
const PROBE = 'e2e-probe';

/**
 * Joining goes through routing, and the seed gives a member no sign that it joined: each side probes the other until
 * every member there heard one, which proves both sides are in the room.
 */
async function joined(sideA, sideB) {
  for (const [senders, hearers] of [[sideA, sideB], [sideB, sideA]]) {
    const deadline = Date.now() + 15000;
    while (!hearers.every((h) => h.heardProbe)) {
      if (Date.now() > deadline) throw new Error('the room\'s members did not hear each other within 15 s');
      senders[0].send(PROBE);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('push-server intercom WebSockets', () => {
  test('a capture room: what a unit sends, text or binary, reaches every phone on both nodes, and a phone reaches the unit', async () => {
    const room = uniq('capture-7-2-301');
    const unit = await member(0, `/${room}/0`);
    const phoneA = await member(0, `/${room}/1`);
    const phoneB = await member(1, `/${room}/1`);
    await joined([unit], [phoneA, phoneB]);

    const snapshot = crypto.randomBytes(200 * 1024);
    unit.send('{"event":"ring"}');
    unit.send(snapshot);
    for (const phone of [phoneA, phoneB]) {
      assert.equal((await phone.next(text('{"event":"ring"}'))).data, '{"event":"ring"}');
      const image = await phone.next((f) => f.binary);
      assert.ok(image.data.equals(snapshot), 'the snapshot arrives byte for byte');
    }
    phoneB.send('answer');
    await unit.next(text('answer'));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(phoneA.received, [], 'a phone does not hear the other phones');
    assert.ok(!unit.received.some((f) => f.data === '{"event":"ring"}'), 'nor a unit itself');
  });

  test('a call room: caller and callee on different nodes reach each other', async () => {
    const room = uniq('call');
    const caller = await member(1, `/${room}/0/android`);
    const callee = await member(0, `/${room}/1/ios`);
    await joined([caller], [callee]);
    caller.send('offer');
    await callee.next(text('offer'));
    callee.send(Buffer.from([1, 2, 3]));
    const back = await caller.next((f) => f.binary);
    assert.deepEqual([...back.data], [1, 2, 3]);
  });

  test('TCP types 8-10 reach a side of room r as the frame; type 7 counts the rooms\' members', async () => {
    const room = uniq('capture-1-1-1');
    const unit = await member(1, `/${room}/0`);
    const phone = await member(0, `/${room}/1`);
    await joined([unit], [phone]);
    const app = await gatewayTcp(0, opened);

    app.send({ t: 8, r: room, u: 'resident-1' });
    assert.deepEqual(JSON.parse((await unit.next()).data), { t: 8, r: room, u: 'resident-1' });
    app.send({ t: 9, r: room, u: 'resident-1' });
    assert.deepEqual(JSON.parse((await phone.next()).data), { t: 9, r: room, u: 'resident-1' });
    app.send({ t: 10, r: room, u: 'resident-1' });
    assert.equal(JSON.parse((await unit.next()).data).t, 10);

    // the counts come with the nodes' next heartbeats: asked until they show the room's two members
    let totals;
    for (let asked = 0; !(totals && totals.One2ManySize >= 2); asked++) {
      assert.ok(asked < 50, `type 7 never counted the room's members: ${JSON.stringify(totals)}`);
      app.send({ t: 7 });
      totals = await app.next((f) => 'One2ManySize' in f);
      if (totals.One2ManySize < 2) await new Promise((r) => setTimeout(r, 200));
    }
  });

  test('a URL with a side other than 0 or 1, or a forged token, gets {t:0, error} and is closed; an oversized frame closes its socket only', async () => {
    const bad = await member(0, `/${uniq('capture')}/5`);
    assert.deepEqual(JSON.parse((await bad.next()).data), { t: 0, error: 'd must be 0 or 1' });
    await bad.closed;
    const forged = await member(1, `/${uniq('capture')}/0?token=${platform().demo.appkey}.00`);
    assert.deepEqual(JSON.parse((await forged.next()).data), { t: 0, error: 'invalid token' });
    await forged.closed;

    // a frame over 512 KiB closes its socket, counted; the room's other members live on
    const room = uniq('capture-big');
    const unit = await member(0, `/${room}/0`);
    const phone = await member(0, `/${room}/1`);
    await joined([unit], [phone]);
    unit.send(Buffer.alloc(600 * 1024));
    await unit.closed;
    const metrics = await (await fetch(platform().gateways[0].http + '/q/metrics')).text();
    assert.match(metrics, /push_gateway_disconnects_total\{[^}]*reason="frame-too-large"[^}]*\} [1-9]/);
    const other = await member(1, `/${room}/0`);
    await joined([other], [phone]);
    other.send('still here');
    await phone.next(text('still here'));
  });
});
