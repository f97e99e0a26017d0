'use strict';
// QoS 2 exactly once with npm mqtt both ways, and with a client that sends a PUBLISH again under its packet id, on
// the same connection and on another gateway node after its first connection died before PUBREC.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { platform, createApp } = require('./lib/platform');
const { connectMqtt, subscribe, publish, rawClient } = require('./lib/mqtt');

const opened = [];
after(() => opened.forEach((c) => (c.end ? c.end(true) : c.destroy())));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const node = (i) => platform().gateways[i % platform().gateways.length].mqtt;
const settle = (ms = 700) => new Promise((r) => setTimeout(r, ms));

async function subscriber(app, filter) {
  const { client } = await connectMqtt(node(1), { username: app.appkey, password: app.secret, protocolVersion: 5, clientId: uniq('sub') });
  opened.push(client);
  assert.deepEqual((await subscribe(client, filter, { qos: 2 })).map((g) => g.qos), [2]);
  return client;
}

async function raw(i, app, clientId) {
  const c = rawClient(node(i));
  opened.push(c);
  c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: false, clientId, keepalive: 60, username: app.appkey,
    password: Buffer.from(app.secret) });
  assert.equal((await c.next('connack')).returnCode, 0);
  return c;
}

test('QoS 2 with npm mqtt: published, granted and delivered at QoS 2, once each', async () => {
  const app = await createApp(uniq('qos2'));
  const sub = await subscriber(app, 'meters/#');
  const { client: pub } = await connectMqtt(node(0), { username: app.appkey, password: app.secret, protocolVersion: 5 });
  opened.push(pub);
  for (let i = 0; i < 5; i++) await publish(pub, `meters/${i}`, `reading ${i}`, { qos: 2 });
  const got = await sub.messages(5);
  assert.deepEqual(got.map((m) => [m.payload.toString(), m.packet.qos]), [0, 1, 2, 3, 4].map((i) => [`reading ${i}`, 2]));
  await settle();
  assert.equal(sub.received.length, 5);
});

test('a QoS 2 PUBLISH sent again before PUBREL is one message; after PUBREL its packet id is a new one', async () => {
  const app = await createApp(uniq('qos2-resend'));
  const sub = await subscriber(app, 'orders/+');
  const c = await raw(0, app, uniq('raw'));
  const first = { cmd: 'publish', topic: 'orders/1', payload: 'pay once', qos: 2, messageId: 7 };
  c.send(first);
  assert.equal((await c.next('pubrec')).messageId, 7);
  c.send({ ...first, dup: true });
  assert.equal((await c.next('pubrec')).messageId, 7);
  c.send({ cmd: 'pubrel', messageId: 7 });
  assert.equal((await c.next('pubcomp')).messageId, 7);
  c.send({ cmd: 'publish', topic: 'orders/2', payload: 'a new message under packet id 7', qos: 2, messageId: 7 });
  assert.equal((await c.next('pubrec')).messageId, 7);
  const got = await sub.messages(2);
  assert.deepEqual(got.map((m) => m.payload.toString()), ['pay once', 'a new message under packet id 7']);
  await settle();
  assert.equal(sub.received.length, 2);
});

test('a connection that dies before PUBREC, its PUBLISH sent again on the other node: exactly once', async () => {
  const app = await createApp(uniq('qos2-failover'));
  const sub = await subscriber(app, 'transfers/#');
  const clientId = uniq('payer');
  const gone = await raw(0, app, clientId);
  gone.send({ cmd: 'publish', topic: 'transfers/42', payload: 'move 100', qos: 2, messageId: 42 });
  gone.destroy();
  await gone.closed;
  const back = await raw(1, app, clientId);
  back.send({ cmd: 'publish', topic: 'transfers/42', payload: 'move 100', qos: 2, messageId: 42, dup: true });
  assert.equal((await back.next('pubrec')).messageId, 42);
  back.send({ cmd: 'pubrel', messageId: 42 });
  assert.equal((await back.next('pubcomp')).messageId, 42);
  assert.equal((await sub.messages(1))[0].payload.toString(), 'move 100');
  await settle(1500);
  assert.equal(sub.received.length, 1);
});

test('MQTT 5 acknowledgements carry their reason codes on the wire: PUBREC and PUBCOMP, 0x92 for an unknown packet id', async () => {
  const app = await createApp(uniq('qos2-codes'));
  const c = rawClient(node(0), 5);
  opened.push(c);
  c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clean: true, clientId: uniq('codes'), keepalive: 60,
    username: app.appkey, password: Buffer.from(app.secret) });
  assert.equal((await c.next('connack')).reasonCode, 0);
  c.send({ cmd: 'pubrel', messageId: 99 });
  const unknown = await c.next('pubcomp');
  assert.deepEqual([unknown.messageId, unknown.reasonCode], [99, 0x92]);
  c.send({ cmd: 'publish', topic: 'codes/1', payload: 'x', qos: 2, messageId: 3 });
  const rec = await c.next('pubrec');
  assert.deepEqual([rec.messageId, rec.reasonCode || 0], [3, 0]);
  c.send({ cmd: 'publish', topic: 'codes/+', payload: 'a wildcard in a topic name', qos: 2, messageId: 4 });
  const refused = await Promise.race([c.next('pubrec'), c.next('disconnect')]);
  // a wildcard in a topic name breaks MQTT's packet rules: Malformed Packet (0x90 is for a well-formed name refused)
  assert.equal(refused.reasonCode, 0x81);
});

test('a message sent to a connection that never acked it goes again on the next one marked DUP; a first send is not', async () => {
  const app = await createApp(uniq('dup'));
  const clientId = uniq('dup');
  const first = await raw(0, app, clientId);
  first.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'jobs/#', qos: 1 }] });
  assert.deepEqual((await first.next('suback')).granted, [1]);
  const { client: pub } = await connectMqtt(node(1), { username: app.appkey, password: app.secret });
  opened.push(pub);
  await publish(pub, 'jobs/1', 'never acked', { qos: 1 });
  const sent = await first.next('publish');
  assert.equal(sent.payload.toString(), 'never acked');
  assert.equal(sent.dup, false, 'the first time it is sent');
  first.destroy();
  await first.closed;
  const again = await raw(1, app, clientId);
  const resent = await again.next('publish');
  assert.equal(resent.payload.toString(), 'never acked');
  assert.equal(resent.dup, true, 'sent again on the next connection: DUP');
  again.send({ cmd: 'puback', messageId: resent.messageId });
  await publish(pub, 'jobs/2', 'new', { qos: 1 });
  const fresh = await again.next('publish');
  assert.equal(fresh.payload.toString(), 'new');
  assert.equal(fresh.dup, false);
});
