'use strict';
// MQTT 3.1.1 and 5 with npm mqtt across two gateway nodes: credentials per app, wildcards, QoS 0 and 1, one topic
// space with pubsub's Socket.IO clients, persistent sessions that catch up on another node, takeover, tenancy, limits.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { connect } = require('./lib/clients');
const { platform, createApp } = require('./lib/platform');
const { connectMqtt, subscribe, publish, end, rawClient } = require('./lib/mqtt');

const opened = [];
after(() => opened.forEach((c) => (c.end ? c.end(true) : c.destroy ? c.destroy() : c.close())));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const node = (i) => platform().gateways[i % platform().gateways.length].mqtt;

async function client(i, app, options = {}) {
  const { client: c, connack } = await connectMqtt(node(i), { username: app.appkey, password: app.secret, ...options });
  opened.push(c);
  c.connack = connack;
  return c;
}

for (const protocolVersion of [4, 5]) {
  describe(`MQTT ${protocolVersion === 5 ? '5' : '3.1.1'} with npm mqtt`, () => {
    test('a wrong password or an unknown app is refused; the app secret connects', async () => {
      const app = await createApp(uniq('mqtt-auth'));
      const refused = async (options) => assert.rejects(connectMqtt(node(0), { protocolVersion, ...options }),
        (e) => /Bad User Name or Password|bad username or password/i.test(e.message) && [4, 134].includes(e.code));
      await refused({ username: app.appkey, password: 'guessed' });
      await refused({ username: 'no-such-app', password: app.secret });
      // a client id is bounded where it enters: 129 characters are refused (3.1.1: 2, MQTT 5: 0x85)
      await assert.rejects(connectMqtt(node(0), { protocolVersion, username: app.appkey, password: app.secret, clientId: 'c'.repeat(129) }),
        (e) => [2, 0x85].includes(e.code));
      const ok = await client(0, app, { protocolVersion });
      assert.equal(ok.connected, true);
    });

    test('wildcard subscribers on the other node get QoS 1 messages byte for byte, and QoS 0 ones', async () => {
      const app = await createApp(uniq('mqtt-wild'));
      const sub = await client(1, app, { protocolVersion, clientId: uniq('sub') });
      const granted = await subscribe(sub, { 'sensors/+/temp': { qos: 1 }, 'alerts/#': { qos: 0 } });
      assert.deepEqual(granted.map((g) => [g.topic, g.qos]), [['sensors/+/temp', 1], ['alerts/#', 0]]);
      const pub = await client(0, app, { protocolVersion, clientId: uniq('pub') });
      const binary = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
      await publish(pub, 'sensors/k1/temp', binary, { qos: 1 });
      await publish(pub, 'sensors/k1/humidity', 'not for the filter', { qos: 1 });
      await publish(pub, 'alerts/fire/floor2', 'qos 1 to a qos 0 filter', { qos: 1 });
      await publish(pub, 'alerts', 'the parent level too', { qos: 0 });
      const got = await sub.messages(3);
      const byTopic = Object.fromEntries(got.map((m) => [m.topic, m]));
      assert.deepEqual(byTopic['sensors/k1/temp'].payload, binary);
      assert.equal(byTopic['sensors/k1/temp'].packet.qos, 1);
      assert.equal(byTopic['alerts/fire/floor2'].packet.qos, 0, 'delivered at most at the QoS granted');
      assert.equal(byTopic.alerts.payload.toString(), 'the parent level too');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(sub.received.length, 3, 'sensors/k1/humidity matched no filter');
    });

    test('one topic space: pubsub Socket.IO clients and MQTT clients get each other\'s messages', async () => {
      const app = await createApp(uniq('mqtt-bridge'));
      const web = await connect('v4', platform().gateways[0].pubsub);
      opened.push(web);
      assert.deepEqual((await web.connectApp(app.appkey, uniq('web')))[0], { success: true });
      assert.equal((await web.request('subscribe', { topic: 'rooms/kitchen' }, 'suback'))[0].success, true);
      const device = await client(1, app, { protocolVersion, clientId: uniq('device') });
      await subscribe(device, 'commands/#');

      const fromMqtt = web.next('message');
      await publish(device, 'rooms/kitchen', JSON.stringify({ temp: 21.5 }));
      assert.deepEqual((await fromMqtt)[0], { topic: 'rooms/kitchen', msg: { temp: 21.5 } });
      const text = web.next('message');
      await publish(device, 'rooms/kitchen', 'plain text');
      assert.deepEqual((await text)[0], { topic: 'rooms/kitchen', msg: 'plain text' });

      assert.equal((await web.request('publish', { topic: 'commands/light', msg: 'on', qos: 1 }, 'puback'))[0].success, true);
      assert.equal((await web.request('publish', { topic: 'commands/fan', msg: { speed: 2 }, qos: 1 }, 'puback'))[0].success, true);
      const [light, fan] = await device.messages(2);
      assert.deepEqual([light.topic, light.payload.toString()], ['commands/light', 'on']);
      assert.deepEqual([fan.topic, JSON.parse(fan.payload.toString())], ['commands/fan', { speed: 2 }]);
    });

    test('a persistent session keeps its subscriptions and QoS 1 messages while away, and resumes on the other node', async () => {
      const app = await createApp(uniq('mqtt-session'));
      const clientId = uniq('phone');
      const session = protocolVersion === 5 ? { clean: false, properties: { sessionExpiryInterval: 3600 } } : { clean: false };
      const first = await client(0, app, { protocolVersion, clientId, ...session });
      assert.equal(first.connack.sessionPresent, false);
      await subscribe(first, 'news/#');
      await end(first);
      const pub = await client(1, app, { protocolVersion, clientId: uniq('pub') });
      for (let i = 0; i < 5; i++) await publish(pub, `news/${i}`, `missed ${i}`, { qos: 1 });

      const back = await client(1, app, { protocolVersion, clientId, ...session });
      assert.equal(back.connack.sessionPresent, true);
      const missed = await back.messages(5);
      assert.deepEqual(missed.map((m) => m.payload.toString()), [0, 1, 2, 3, 4].map((i) => `missed ${i}`));
      const live = back.messages(6);
      await publish(pub, 'news/live', 'live after', { qos: 1 });
      assert.equal((await live)[5].payload.toString(), 'live after');

      // a clean start forgets it all
      await end(back);
      await publish(pub, 'news/5', 'kept for a session about to be dropped', { qos: 1 });
      const fresh = await client(0, app, { protocolVersion, clientId, clean: true });
      assert.equal(fresh.connack.sessionPresent, false);
      await publish(pub, 'news/6', 'no subscription any more', { qos: 1 });
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(fresh.received.length, 0);
    });

    test('the same client id connecting again takes the session over: the first connection is closed', async () => {
      const app = await createApp(uniq('mqtt-takeover'));
      const clientId = uniq('twice');
      const first = await client(0, app, { protocolVersion, clientId });
      const closed = new Promise((resolve) => {
        first.once('disconnect', (packet) => resolve(packet.reasonCode));
        first.once('close', () => resolve('closed'));
      });
      await client(1, app, { protocolVersion, clientId });
      const reason = await closed;
      if (protocolVersion === 5) assert.equal(reason, 0x8e); else assert.equal(reason, 'closed');
    });

    test('apps are walled off: another app\'s # subscriber sees nothing, even with the same client id', async () => {
      const mine = await createApp(uniq('mqtt-mine'));
      const theirs = await createApp(uniq('mqtt-theirs'));
      const spy = await client(0, theirs, { protocolVersion, clientId: 'same-id' });
      await subscribe(spy, '#');
      const owner = await client(1, mine, { protocolVersion, clientId: 'same-id' });
      await subscribe(owner, 'secret/#');
      await publish(owner, 'secret/plans', 'mine only', { qos: 1 });
      assert.equal((await owner.messages(1))[0].payload.toString(), 'mine only');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(spy.received.length, 0);
      assert.equal(spy.connected, true, 'the same client id in another app takes nothing over');
    });
  });
}

test('a shared subscription loses nothing when a member dies with messages it never acked', async () => {
  const app = await createApp(uniq('mqtt-shared'));
  const filter = '$share/billing/invoices/#';
  const dying = rawClient(node(0), 4);
  opened.push(dying);
  dying.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: uniq('dying'), keepalive: 60,
    username: app.appkey, password: Buffer.from(app.secret) });
  assert.equal((await dying.next('connack')).returnCode, 0);
  dying.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: filter, qos: 1 }] });
  await dying.next('suback');
  const survivor = await client(1, app, { protocolVersion: 5, clientId: uniq('survivor') });
  await subscribe(survivor, filter, { qos: 1 });
  const pub = await client(0, app, { protocolVersion: 5 });
  for (let i = 0; i < 30; i++) await publish(pub, `invoices/${i}`, `invoice ${i}`, { qos: 1 });
  await new Promise((r) => setTimeout(r, 1000));
  const unacked = dying.packets.filter((p) => p.cmd === 'publish').length;
  assert.ok(unacked > 0, 'the dying member got some and acked none');
  dying.destroy();
  const got = await survivor.messages(30, 20000);
  assert.deepEqual(got.map((m) => m.payload.toString()).sort(), Array.from({ length: 30 }, (_, i) => `invoice ${i}`).sort());
});

test('MQTT 5: a packet over the limit ends the connection with 0x95; a signed password works as the app secret does', async () => {
  const app = await createApp(uniq('mqtt-limits'));
  const big = await client(0, app, { protocolVersion: 5 });
  const reason = new Promise((resolve) => {
    big.once('disconnect', (packet) => resolve(packet.reasonCode));
    big.once('close', () => setTimeout(() => resolve('closed without DISCONNECT'), 100));
  });
  big.publish('big', Buffer.alloc(300 * 1024, 1), { qos: 0 });
  assert.equal(await reason, 0x95);

  const clientId = uniq('signed');
  const expires = Math.floor(Date.now() / 1000) + 300;
  const sign = crypto.createHmac('sha256', app.secret).update(`${app.appkey}:${clientId}:${expires}`).digest('hex');
  const signed = await client(1, app, { protocolVersion: 5, clientId, password: `sign:${expires}:${sign}` });
  assert.equal(signed.connected, true);
  await assert.rejects(connectMqtt(node(0), { protocolVersion: 5, clientId: uniq('other'), username: app.appkey,
    password: `sign:${expires}:${sign}` }), (e) => e.code === 134, 'a signature is for its client id only');
});
