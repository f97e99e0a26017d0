'use strict';
// The delivery core from outside: another team sends delivery commands over REST to an alias, a topic, a room and
// a connection; real socket.io-client v4 and v2 clients on both gateway nodes get them, a client's ack callback
// payload comes back as the outcome on push.events.deliveries (read with kafkajs).
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Kafka, logLevel } = require('kafkajs');
const { connect } = require('./lib/clients');
const { platform, createApp } = require('./lib/platform');

const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const opened = [];
const requester = uniq('e2e-team');
const outcomes = new Map();
const outcomeWaiters = new Map();
let app;
let consumer;

before(async () => {
  app = await createApp(uniq('core'));
  const kafka = new Kafka({ clientId: 'e2e', brokers: [platform().kafka], logLevel: logLevel.NOTHING });
  consumer = kafka.consumer({ groupId: requester });
  await consumer.connect();
  await consumer.subscribe({ topic: 'push.events.deliveries', fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.key || message.key.toString() !== requester) return;
      const event = JSON.parse(message.value.toString());
      const id = event.data.messageId;
      const waiting = outcomeWaiters.get(id);
      if (waiting) waiting(event); else outcomes.set(id, event);
    },
  });
});

after(async () => {
  opened.forEach((c) => c.close());
  if (consumer) await consumer.disconnect();
});

function outcome(messageId, timeoutMs = 15000) {
  if (outcomes.has(messageId)) return Promise.resolve(outcomes.get(messageId));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no outcome for ${messageId} within ${timeoutMs} ms`)), timeoutMs);
    outcomeWaiters.set(messageId, (event) => { clearTimeout(timer); resolve(event); });
  });
}

async function post(path, body) {
  const res = await fetch(`${platform().routing}/api/v1/apps/${app.appkey}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-app-secret': app.secret },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function pubsubClient(version, node) {
  const c = await connect(version, platform().gateways[node].pubsub);
  opened.push(c);
  const [ack] = await c.connectApp(app.appkey, uniq('core-user'));
  assert.equal(ack.success, true);
  return c;
}

/** The address of a client's connection: its gateway node and its Engine.IO session id. */
function connectionOf(c, node) {
  return { type: 'connection', app: app.appkey, nodeId: platform().gateways[node].nodeId, connectionId: c.socket.io.engine.id };
}

for (const [version, node] of [['v4', 0], ['v2', 1]]) {
  describe(`delivery commands to a pubsub client with socket.io-client ${version}`, () => {
    test('a QoS 1 delivery to an alias arrives in its own shape and is reported delivered', async () => {
      const alias = uniq('core-alias');
      const c = await pubsubClient(version, node);
      await c.request('set_alias', { alias }, 'set_alias_ack');
      const messageId = uniq('m');

      const res = await post('/deliveries', { to: { type: 'identity', app: app.appkey, kind: 'alias', id: alias },
        api: 'pubsub', event: 'notice', args: [{ text: 'by alias' }, 2], qos: 1, messageId, requester });

      assert.equal(res.status, 202);
      assert.deepEqual(await c.next('notice'), [{ text: 'by alias' }, 2]);
      const delivered = await outcome(messageId);
      assert.equal(delivered.type, 'org.pushplatform.delivery.delivered');
      assert.equal(delivered.data.connectionId, c.socket.io.engine.id);
    });

    test('a delivery to a topic reaches its subscribers', async () => {
      const topic = uniq('core-topic');
      const c = await pubsubClient(version, node);
      await c.request('subscribe', { topic }, 'suback');

      await post('/deliveries', { to: { type: 'topic', app: app.appkey, topic }, api: 'pubsub', event: 'message',
        args: [{ topic, msg: 'by topic' }], qos: 0 });

      assert.deepEqual(await c.next('message'), [{ topic, msg: 'by topic' }]);
    });

    test('a connection joins a room by command, its outcome says when it took effect, and a delivery to the room reaches it', async () => {
      const room = uniq('room');
      const c = await pubsubClient(version, node);
      const join = await post('/commands/room.join', { connection: connectionOf(c, node), room, requester });
      assert.equal(join.status, 202);
      // joining is carried out on the client's node: its outcome comes once it has been
      const joined = await outcome(join.body.messageId);
      assert.equal(joined.type, 'org.pushplatform.delivery.delivered');
      assert.equal(joined.data.connectionId, c.socket.io.engine.id);

      await post('/deliveries', { to: { type: 'room', app: app.appkey, room }, api: 'pubsub', event: 'room_news',
        args: ['in the room'], qos: 0 });

      assert.deepEqual(await c.next('room_news'), ['in the room']);
    });

    test("a delivery to a connection waits for the client's ack callback and reports its payload", async () => {
      const c = await pubsubClient(version, node);
      c.socket.on('device_status', (query, callback) => callback({ status: 'online', asked: query.what }));
      const messageId = uniq('m');

      await post('/deliveries', { to: connectionOf(c, node), api: 'pubsub', event: 'device_status', args: [{ what: 'power' }],
        qos: 0, ack: { mode: 'CLIENT', timeoutMs: 5000 }, messageId, requester });

      const delivered = await outcome(messageId);
      assert.equal(delivered.type, 'org.pushplatform.delivery.delivered');
      assert.deepEqual(delivered.data.ack, { status: 'online', asked: 'power' });
    });
  });
}

test('every delivery command with a requester ends in one outcome: a gone connection, a dead node, a room with nobody', async () => {
  // a connection its live node does not have (closed long ago, or never there)
  const address = { type: 'connection', app: app.appkey, nodeId: platform().gateways[0].nodeId, connectionId: uniq('closed') };
  const gone = uniq('gone');
  await post('/deliveries', { to: address, api: 'pubsub', event: 'x', args: [], qos: 0, messageId: gone, requester });
  assert.equal((await outcome(gone)).data.reason, 'CONNECTION_GONE');

  const deadNode = uniq('dead-node');
  await post('/deliveries', { to: { ...address, nodeId: 'gw-never-was' }, api: 'pubsub', event: 'x', args: [], qos: 0, messageId: deadNode, requester });
  assert.equal((await outcome(deadNode)).data.reason, 'CONNECTION_GONE');

  const joinGone = await post('/commands/room.join', { connection: address, room: 'r', requester });
  assert.equal((await outcome(joinGone.body.messageId)).data.reason, 'CONNECTION_GONE');
});

test('bad commands get a clear error and nothing is sent', async () => {
  const noApi = await post('/deliveries', { to: { type: 'topic', app: app.appkey, topic: 't' }, api: 'fax', event: 'x', args: [] });
  assert.equal(noApi.status, 400);
  assert.match(noApi.body.error_msg, /api must be one of/);
  const otherApp = await post('/deliveries', { to: { type: 'topic', app: 'someone-else', topic: 't' }, api: 'pubsub', event: 'x', args: [] });
  assert.equal(otherApp.status, 400);
  const roomQos1 = await post('/deliveries', { to: { type: 'room', app: app.appkey, room: 'r' }, api: 'pubsub', event: 'x', args: [], qos: 1 });
  assert.equal(roomQos1.status, 400);
});
