'use strict';
// Tenancy from outside: one app's credential, forged or genuine, never reaches another app's connections, rooms or
// stored messages, and one app's bad commands never cost another app its messages. Real clients: raw TCP, `ws`,
// socket.io-client v4, fetch against the REST API, kafkajs on push.commands.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { Kafka, logLevel } = require('kafkajs');
const { connect } = require('./lib/clients');
const { platform, admin, createApp } = require('./lib/platform');
const { gatewayTcp, type } = require('./lib/tcp-lines');

const opened = [];
const uniq = (prefix) => `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let appA;
let appB;
let producer;

before(async () => {
  appA = await createApp(uniq('tenant-a'));
  appB = await createApp(uniq('tenant-b'));
  producer = new Kafka({ clientId: 'e2e-tenancy', brokers: [platform().kafka], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
});

after(async () => {
  opened.forEach((c) => c.close());
  if (producer) await producer.disconnect();
});

async function token(appkey) {
  const res = await admin('POST', `/admin/apps/${appkey}/push-tokens`, { ttlSeconds: 3600 });
  assert.equal(res.status, 201, JSON.stringify(res));
  return res.body.token;
}

/** A WebSocket intercom member; `frames` collects what it hears. */
function intercomMember(node, path) {
  const ws = new WebSocket(platform().gateways[node].http.replace('http', 'ws') + path);
  const member = { frames: [], close: () => ws.terminate() };
  ws.on('message', (data) => member.frames.push(data.toString()));
  opened.push(member);
  return new Promise((resolve, reject) => { ws.once('open', () => resolve(member)); ws.once('error', reject); });
}

async function until(condition, what, ms = 10000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
    await sleep(50);
  }
}

/** A pubsub socket.io-client v4 connected to an app on gateway `node`. */
async function pubsubOf(app, node, customid) {
  const c = await connect('v4', platform().gateways[node].pubsub);
  opened.push(c);
  assert.equal((await c.connectApp(app.appkey, customid))[0].success, true);
  return c;
}

async function post(app, path, body) {
  const res = await fetch(`${platform().routing}/api/v1/apps/${app.appkey}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-app-secret': app.secret },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const connectionOf = (app, client, node) => ({
  type: 'connection', app: app.appkey, nodeId: platform().gateways[node].nodeId, connectionId: client.socket.io.engine.id,
});

describe('tenancy', () => {
  test('a TCP client with a forged token of another app cannot open that app\'s doors; a genuine token can', async () => {
    // given: app B's door unit in an intercom capture room
    const room = uniq('capture-9-9-9');
    const tokenB = await token(appB.appkey);
    const unit = await intercomMember(1, `/${room}/0?token=${tokenB}`);
    const genuine = await gatewayTcp(0, opened);
    genuine.send({ token: tokenB });
    // the unit has joined when a genuine open-door reaches it
    for (let tries = 0; unit.frames.length === 0; tries++) {
      assert.ok(tries < 20, 'the unit hears its room');
      genuine.send({ t: 8, r: room, u: 'probe' });
      await sleep(500);
    }
    unit.frames.length = 0;

    // when: a client names app B with a forged token and sends open door
    const forger = await gatewayTcp(0, opened);
    forger.send({ token: `${appB.appkey}.deadbeef` });
    forger.send({ t: 8, r: room, u: 'intruder' });

    // then: it is refused and the door hears nothing of it
    assert.deepEqual(await forger.next(type(0)), { t: 0, error: 'invalid token' });
    genuine.send({ t: 10, r: room, u: 'after' });
    await until(() => unit.frames.some((f) => JSON.parse(f).u === 'after'), 'the genuine door frame arrives');
    assert.ok(!unit.frames.some((f) => JSON.parse(f).u === 'intruder'), JSON.stringify(unit.frames));
  });

  test('app A\'s secret cannot emit to, join, bind or disconnect a connection of app B; app B\'s can', async () => {
    // given: a pubsub client of app B
    const victim = await pubsubOf(appB, 0, uniq('victim'));
    const conn = (app) => connectionOf(app, victim, 0);

    // when: app A addresses app B's connection by its id
    for (const [path, body] of [
      ['/deliveries', { to: conn(appA), api: 'pubsub', event: 'foreign', args: ['from A'], qos: 0 }],
      ['/commands/room.join', { connection: conn(appA), room: 'a-lobby' }],
      ['/commands/identity.bind', { connection: conn(appA), identity: { type: 'identity', app: appA.appkey, kind: 'alias', id: 'a-user' }, api: 'pubsub' }],
    ]) {
      assert.equal((await post(appA, path, body)).status, 202, path);
    }
    await sleep(500);
    assert.equal((await post(appA, '/deliveries', { to: { type: 'room', app: appA.appkey, room: 'a-lobby' }, api: 'pubsub', event: 'foreign', args: ['room of A'], qos: 0 })).status, 202);
    assert.equal((await post(appA, '/deliveries', { to: { type: 'identity', app: appA.appkey, kind: 'alias', id: 'a-user' }, api: 'pubsub', event: 'foreign', args: ['alias of A'], qos: 0 })).status, 202);
    assert.equal((await post(appA, '/commands/connection.disconnect', { target: conn(appA), reason: 'taken over' })).status, 202);

    // then: nothing of A reaches it and it stays connected, while its own app still reaches it
    assert.equal(await victim.receives('foreign', 2500), false, 'app A reached a connection of app B');
    assert.equal(victim.connected, true);
    assert.equal((await post(appB, '/deliveries', { to: conn(appB), api: 'pubsub', event: 'own', args: ['from B'], qos: 0 })).status, 202);
    assert.deepEqual(await victim.next('own'), ['from B']);
  });

  test('fields over their bounds are refused with 400 over REST; over Kafka they fail alone and another app loses nothing', async () => {
    // given: a pubsub client of app B
    const customid = uniq('receiver');
    const receiver = await pubsubOf(appB, 1, customid);
    const longId = 'x'.repeat(300);
    const toA = { type: 'identity', app: appA.appkey, kind: 'alias', id: 'somebody' };

    // REST: each oversized field is a 400 with the reason
    const refused = await post(appA, '/deliveries', { to: toA, api: 'pubsub', event: 'e', args: [], qos: 1, messageId: longId });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error_msg, /messageId/);
    assert.equal((await post(appA, '/deliveries', { to: toA, api: 'pubsub', event: 'e', args: [], qos: 1, requester: longId })).status, 400);
    assert.equal((await post(appA, '/deliveries', { to: { ...toA, id: longId }, api: 'pubsub', event: 'e', args: [], qos: 1 })).status, 400);
    assert.equal((await post(appA, '/commands/room.join', { connection: connectionOf(appA, receiver, 1), room: longId })).status, 400);

    // Kafka: twenty bad commands of app A interleaved with twenty good ones of app B, in one batch
    const messages = [];
    for (let i = 0; i < 20; i++) {
      messages.push({ value: JSON.stringify({ v: 1, type: 'deliver', payload: { to: toA, api: 'pubsub', event: 'bad', args: [i], qos: 1, messageId: `${longId}${i}` } }) });
      messages.push({ value: JSON.stringify({ v: 1, type: 'deliver', payload: { to: { type: 'identity', app: appB.appkey, kind: 'session', id: customid }, api: 'pubsub', event: 'good', args: [i], qos: 1, messageId: uniq(`good${i}`) } }) });
    }
    await producer.send({ topic: 'push.commands', messages });

    const got = [];
    for (let i = 0; i < 20; i++) got.push((await receiver.next('good', 15000))[0]);
    assert.deepEqual(got.sort((a, b) => a - b), [...Array(20).keys()]);
  });
});
