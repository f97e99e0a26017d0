'use strict';
// MQTT behaviour from the interoperability test list of Eclipse Paho's MQTT 5 client tests, written as our own with
// npm mqtt (and raw packets where npm mqtt would not send them), run against a gateway node of the platform and,
// to prove each test, against Debian's Mosquitto in the same run.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { platform, createApp } = require('./lib/platform');
const { connectMqtt, subscribe, publish, end, rawClient } = require('./lib/mqtt');
const { startMosquitto } = require('./lib/mosquitto');

const opened = [];
let mosquitto;
before(async () => { mosquitto = await startMosquitto(); });
after(() => {
  opened.forEach((c) => (c.end ? c.end(true) : c.destroy()));
  if (mosquitto) mosquitto.stop();
});
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const settle = (ms = 700) => new Promise((r) => setTimeout(r, ms));

const TARGETS = [
  { name: 'the platform', url: (i) => platform().gateways[i % platform().gateways.length].mqtt, app: () => createApp(uniq('mqttc')) },
  { name: 'Mosquitto', url: () => mosquitto.url, app: async () => ({ appkey: 'any', secret: 'any' }) },
];

for (const target of TARGETS) {
  describe(`MQTT test list against ${target.name}`, () => {
    // each test has its own app (its own topic space) on the platform, and its own root topic on Mosquitto
    async function setup() {
      const app = await target.app();
      const root = uniq('t');
      const open = async (i, options = {}) => {
        const { client, connack } = await connectMqtt(target.url(i), { username: app.appkey, password: app.secret, protocolVersion: 5,
          ...options });
        client.connack = connack;
        opened.push(client);
        return client;
      };
      return { app, root, open };
    }

    test('retained: a new subscription gets the retained message with retain set; an empty one clears it', async () => {
      const { root, open } = await setup();
      const pub = await open(0);
      await publish(pub, `${root}/r/1`, 'kept', { qos: 1, retain: true });
      await publish(pub, `${root}/r/2`, 'kept too', { qos: 0, retain: true });
      const sub = await open(1);
      await subscribe(sub, `${root}/r/#`, { qos: 1 });
      const got = await sub.messages(2);
      const byTopic = Object.fromEntries(got.map((m) => [m.topic, m]));
      assert.equal(byTopic[`${root}/r/1`].payload.toString(), 'kept');
      assert.equal(byTopic[`${root}/r/1`].packet.retain, true);
      assert.equal(byTopic[`${root}/r/2`].packet.qos, 0);
      await publish(pub, `${root}/r/1`, '', { qos: 1, retain: true });
      await publish(pub, `${root}/r/2`, '', { qos: 1, retain: true });
      const late = await open(0);
      await subscribe(late, `${root}/r/#`, { qos: 1 });
      await settle();
      assert.equal(late.received.filter((m) => m.payload.length > 0).length, 0);
    });

    test('will: sent when the connection drops without DISCONNECT, not after a normal DISCONNECT', async () => {
      const { root, open } = await setup();
      const watcher = await open(1);
      await subscribe(watcher, `${root}/status/#`, { qos: 1 });
      const dropped = await open(0, { will: { topic: `${root}/status/dropped`, payload: Buffer.from('gone'), qos: 1, retain: false } });
      const polite = await open(0, { will: { topic: `${root}/status/polite`, payload: Buffer.from('should not be sent'), qos: 1 } });
      await end(polite);
      dropped.stream.destroy();
      const [will] = await watcher.messages(1);
      assert.deepEqual([will.topic, will.payload.toString()], [`${root}/status/dropped`, 'gone']);
      await settle(1500);
      assert.equal(watcher.received.length, 1);
    });

    test('will delay: a reconnect within the delay cancels the will; past it, the will goes', async () => {
      const { root, open } = await setup();
      const watcher = await open(1);
      await subscribe(watcher, `${root}/lwt/#`, { qos: 1 });
      const clientId = uniq('delayed');
      const options = { clientId, clean: false, properties: { sessionExpiryInterval: 60 } };
      const will = (name) => ({ topic: `${root}/lwt/${name}`, payload: Buffer.from(name), qos: 1, properties: { willDelayInterval: 2 } });
      const first = await open(0, { ...options, will: will('cancelled') });
      first.stream.destroy();
      await settle(500);
      const again = await open(1, { ...options, will: will('sent') });
      await settle(2500);
      assert.equal(watcher.received.length, 0, 'the reconnect cancelled the first will');
      again.stream.destroy();
      const [sent] = await watcher.messages(1, 10000);
      assert.equal(sent.payload.toString(), 'sent');
    });

    test('MQTT 5 properties pass through: user properties, content type, response topic, correlation data', async () => {
      const { root, open } = await setup();
      const responder = await open(1);
      await subscribe(responder, `${root}/req`, { qos: 1 });
      const requester = await open(0);
      await subscribe(requester, `${root}/resp/+`, { qos: 1 });
      await publish(requester, `${root}/req`, 'ping', { qos: 1, properties: { responseTopic: `${root}/resp/1`,
        correlationData: Buffer.from([1, 2, 3]), contentType: 'text/plain', payloadFormatIndicator: true,
        userProperties: { a: '1', b: '2' } } });
      const [req] = await responder.messages(1);
      const p = req.packet.properties;
      assert.equal(p.responseTopic, `${root}/resp/1`);
      assert.deepEqual(p.correlationData, Buffer.from([1, 2, 3]));
      assert.equal(p.contentType, 'text/plain');
      assert.equal(p.payloadFormatIndicator, true);
      assert.deepEqual({ ...p.userProperties }, { a: '1', b: '2' });
      await publish(responder, p.responseTopic, 'pong', { qos: 1, properties: { correlationData: p.correlationData } });
      const [resp] = await requester.messages(1);
      assert.deepEqual([resp.payload.toString(), resp.packet.properties.correlationData], ['pong', Buffer.from([1, 2, 3])]);
    });

    test('message expiry: an expired message is never delivered; one that is not comes with the time left', async () => {
      const { root, open } = await setup();
      const clientId = uniq('away');
      const options = { clientId, clean: false, properties: { sessionExpiryInterval: 300 } };
      const away = await open(0, options);
      await subscribe(away, `${root}/exp/#`, { qos: 1 });
      await end(away);
      const pub = await open(1);
      await publish(pub, `${root}/exp/short`, 'expires', { qos: 1, properties: { messageExpiryInterval: 1 } });
      await publish(pub, `${root}/exp/long`, 'stays', { qos: 1, properties: { messageExpiryInterval: 60 } });
      await settle(2500);
      const back = await open(0, options);
      const [got] = await back.messages(1);
      assert.equal(got.payload.toString(), 'stays');
      assert.ok(got.packet.properties.messageExpiryInterval <= 60 && got.packet.properties.messageExpiryInterval >= 55,
        `the time left: ${got.packet.properties.messageExpiryInterval}`);
      await settle();
      assert.equal(back.received.length, 1);
    });

    test('client topic alias: a PUBLISH sets it, later ones name the topic by alias alone', async () => {
      const { app, root, open } = await setup();
      const sub = await open(1);
      await subscribe(sub, `${root}/alias/#`, { qos: 1 });
      const c = rawClient(target.url(0), 5);
      opened.push(c);
      c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clean: true, clientId: uniq('aliaser'), keepalive: 60,
        username: app.appkey, password: Buffer.from(app.secret) });
      const connack = await c.next('connack');
      assert.equal(connack.reasonCode, 0);
      assert.ok(connack.properties.topicAliasMaximum >= 1, 'the broker takes topic aliases');
      c.send({ cmd: 'publish', topic: `${root}/alias/x`, payload: 'first', qos: 1, messageId: 1, properties: { topicAlias: 1 } });
      await c.next('puback');
      c.send({ cmd: 'publish', topic: '', payload: 'by alias', qos: 1, messageId: 2, properties: { topicAlias: 1 } });
      await c.next('puback');
      const got = await sub.messages(2);
      assert.deepEqual(got.map((m) => [m.topic, m.payload.toString()]), [[`${root}/alias/x`, 'first'], [`${root}/alias/x`, 'by alias']]);
    });

    test('keep alive: a client silent past 1.5 times its keep alive is disconnected', async () => {
      const { app } = await setup();
      const c = rawClient(target.url(0), 4);
      opened.push(c);
      c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: uniq('silent'), keepalive: 1,
        username: app.appkey, password: Buffer.from(app.secret) });
      assert.equal((await c.next('connack')).returnCode, 0);
      const started = Date.now();
      await Promise.race([c.closed, settle(10000).then(() => { throw new Error('still open after 10 s'); })]);
      assert.ok(Date.now() - started >= 1000, 'not before the keep alive');
    });

    test('zero-length client id: MQTT 3.1.1 refuses it for a persistent session; MQTT 5 gets one assigned', async () => {
      const { app } = await setup();
      const v3 = rawClient(target.url(0), 4);
      opened.push(v3);
      // mqtt-packet will not make it: CONNECT, MQTT 3.1.1, username and password, no clean session, an empty client id
      const str = (text) => { const b = Buffer.from(text); return Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]); };
      const body = Buffer.concat([str('MQTT'), Buffer.from([4, 0xc0, 0, 60]), str(''), str(app.appkey), str(app.secret)]);
      v3.sendBytes(Buffer.concat([Buffer.from([0x10, body.length]), body]));
      assert.equal((await v3.next('connack')).returnCode, 2);
      const c = rawClient(target.url(1), 5);
      opened.push(c);
      c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clean: true, clientId: '', keepalive: 60,
        username: app.appkey, password: Buffer.from(app.secret) });
      const connack = await c.next('connack');
      assert.equal(connack.reasonCode, 0);
      assert.ok(connack.properties.assignedClientIdentifier.length > 0);
    });

    test('subscribe options: no local, retain as published, retain handling', async () => {
      const { root, open } = await setup();
      const self = await open(0, { clientId: uniq('self') });
      await subscribe(self, `${root}/o/#`, { qos: 1, nl: true });
      await publish(self, `${root}/o/mine`, 'not back to me', { qos: 1 });
      const other = await open(1);
      await publish(other, `${root}/o/theirs`, 'to me', { qos: 1, retain: true });
      const [got] = await self.messages(1);
      assert.equal(got.payload.toString(), 'to me');
      assert.equal(got.packet.retain, false, 'a live message has retain cleared unless kept as published');

      const rap = await open(0);
      await subscribe(rap, `${root}/o/#`, { qos: 1, rap: true, rh: 2 });
      await settle();
      assert.equal(rap.received.length, 0, 'retain handling 2: no retained message at subscribe');
      await publish(other, `${root}/o/again`, 'retained, live', { qos: 1, retain: true });
      const [live] = await rap.messages(1);
      assert.equal(live.packet.retain, true, 'retain as published');

      const once = await open(1);
      await subscribe(once, `${root}/o/theirs`, { qos: 1, rh: 1 });
      await once.messages(1);
      await subscribe(once, `${root}/o/theirs`, { qos: 1, rh: 1 });
      await settle();
      assert.equal(once.received.length, 1, 'retain handling 1: only for a new subscription');
      await settle(300);
      assert.equal(self.received.length, 2, 'the two others published, not its own');
    });

    test('shared subscription: each message to one member of the group, the members sharing the load', async () => {
      const { root, open } = await setup();
      const a = await open(0);
      const b = await open(1);
      await subscribe(a, `$share/workers/${root}/jobs/+`, { qos: 1 });
      await subscribe(b, `$share/workers/${root}/jobs/+`, { qos: 1 });
      const pub = await open(0);
      for (let i = 0; i < 40; i++) await publish(pub, `${root}/jobs/${i}`, `job ${i}`, { qos: 1 });
      await settle(2000);
      const all = [...a.received, ...b.received].map((m) => m.payload.toString()).sort();
      assert.deepEqual(all, Array.from({ length: 40 }, (_, i) => `job ${i}`).sort());
      assert.ok(a.received.length > 0 && b.received.length > 0, `shared: ${a.received.length} and ${b.received.length}`);
    });

    test('subscription identifiers: each message carries those of the subscriptions it matched', async () => {
      const { root, open } = await setup();
      const sub = await open(1);
      await subscribe(sub, `${root}/id/+`, { qos: 1, properties: { subscriptionIdentifier: 7 } });
      await subscribe(sub, `${root}/id/#`, { qos: 1, properties: { subscriptionIdentifier: 9 } });
      const pub = await open(0);
      await publish(pub, `${root}/id/x`, 'both', { qos: 1 });
      await sub.messages(1);
      await settle();
      // one copy with both identifiers (the platform), or a copy per subscription, each with its own (Mosquitto): MQTT 5
      // allows both for overlapping subscriptions
      const ids = sub.received.flatMap((m) => [].concat(m.packet.properties.subscriptionIdentifier)).sort((a, b) => a - b);
      assert.deepEqual(ids, [7, 9]);
      if (target.name === 'the platform') assert.equal(sub.received.length, 1, 'overlapping subscriptions: one copy here');
    });

    test('server topic alias and the client\'s maximum packet size and receive maximum are kept', async () => {
      const { root, open } = await setup();
      const sub = await open(1, { properties: { topicAliasMaximum: 2, maximumPacketSize: 1000, receiveMaximum: 2 } });
      const aliases = [];
      sub.on('packetreceive', (p) => p.cmd === 'publish' && aliases.push([p.topic, p.properties && p.properties.topicAlias]));
      await subscribe(sub, `${root}/big/#`, { qos: 1 });
      const pub = await open(0);
      await publish(pub, `${root}/big/huge`, Buffer.alloc(2000, 7), { qos: 1 });
      for (let i = 0; i < 6; i++) await publish(pub, `${root}/big/small`, `small ${i}`, { qos: 1 });
      const got = await sub.messages(6);
      assert.deepEqual(got.map((m) => m.payload.toString()), [0, 1, 2, 3, 4, 5].map((i) => `small ${i}`), 'the big one is dropped');
      assert.ok(got.every((m) => m.topic === `${root}/big/small`), 'npm mqtt resolves the alias');
      if (aliases.some(([, alias]) => alias)) {
        assert.ok(aliases.slice(1).some(([topic]) => topic === ''), `later PUBLISHes name the topic by alias: ${JSON.stringify(aliases)}`);
      }
    });

    test('subscribe failure: an invalid filter is refused in SUBACK, the others granted', async () => {
      const { app, root } = await setup();
      // npm mqtt checks filters itself: raw packets
      const c = rawClient(target.url(1), 5);
      opened.push(c);
      c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clean: true, clientId: uniq('badsub'), keepalive: 60,
        username: app.appkey, password: Buffer.from(app.secret) });
      assert.equal((await c.next('connack')).reasonCode, 0);
      c.send({ cmd: 'subscribe', messageId: 3, subscriptions: [{ topic: `${root}/ok/+`, qos: 1 }, { topic: `${root}/bad#`, qos: 1 }] });
      // refused in SUBACK (the platform), or the connection closed for a malformed filter (Mosquitto): never granted
      const answer = await Promise.race([c.next('suback'), c.closed.then(() => 'closed')]);
      if (answer !== 'closed') {
        assert.equal(answer.granted[0], 1);
        assert.ok(answer.granted[1] >= 0x80, `refused: ${answer.granted[1]}`);
      }
      if (target.name === 'the platform') assert.notEqual(answer, 'closed', 'the platform answers in SUBACK');
    });

    test('dollar topics: not matched by a subscription starting with a wildcard', async () => {
      const { root, open } = await setup();
      const sub = await open(1);
      await subscribe(sub, '+/x', { qos: 1 });
      await subscribe(sub, `${root}/y`, { qos: 1 });
      const pub = await open(0);
      await publish(pub, '$x/x', 'not for +/x', { qos: 1 }).catch(() => {});
      await publish(pub, `${root}/y`, 'marker', { qos: 1 });
      const [got] = await sub.messages(1);
      assert.equal(got.payload.toString(), 'marker');
      await settle();
      assert.equal(sub.received.filter((m) => m.topic.startsWith('$')).length, 0);
    });

    test('DISCONNECT with will message (0x04) sends the will', async () => {
      const { root, open } = await setup();
      const watcher = await open(1);
      await subscribe(watcher, `${root}/w`, { qos: 1 });
      const leaving = await open(0, { will: { topic: `${root}/w`, payload: Buffer.from('left with will'), qos: 1 } });
      await new Promise((resolve) => leaving.end(false, { reasonCode: 0x04 }, resolve));
      const [got] = await watcher.messages(1);
      assert.equal(got.payload.toString(), 'left with will');
    });

    test('a packet split across TCP writes inside its variable header is one packet (found at load: it was refused)', async () => {
      const { app, root, open } = await setup();
      const sub = await open(1);
      await subscribe(sub, `${root}/split`, { qos: 1 });
      const c = rawClient(target.url(0), 4);
      opened.push(c);
      c.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: uniq('split'), keepalive: 60,
        username: app.appkey, password: Buffer.from(app.secret) });
      assert.equal((await c.next('connack')).returnCode, 0);
      const packet = require('mqtt-packet').generate({ cmd: 'publish', topic: `${root}/split`, payload: 'in two pieces', qos: 1, messageId: 5 });
      c.sendBytes(packet.subarray(0, 6));
      await settle(200);
      c.sendBytes(packet.subarray(6));
      assert.equal((await c.next('puback')).messageId, 5);
      assert.equal((await sub.messages(1))[0].payload.toString(), 'in two pieces');
    });

    test('a session resumed while its messages pour in gets its CONNACK before any of them (found at a drain: one was lost)', async () => {
      const { app, root, open } = await setup();
      const clientId = uniq('resumed');
      const session = { protocolId: 'MQTT', protocolVersion: 5, clean: false, clientId, keepalive: 60, username: app.appkey,
        password: Buffer.from(app.secret), properties: { sessionExpiryInterval: 600 } };
      const first = rawClient(target.url(1), 5);
      opened.push(first);
      first.send({ cmd: 'connect', ...session });
      await first.next('connack');
      first.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: `${root}/pour/#`, qos: 1 }] });
      await first.next('suback');
      first.destroy();
      // six publishers, each under the flood limit: about 600 messages a second
      const publishers = [];
      for (let i = 0; i < 6; i++) publishers.push(await open(i));
      let n = 0;
      const pouring = setInterval(() => publishers.forEach((pub) => pub.publish(`${root}/pour/${n % 4}`, `m${n++}`, { qos: 1 })), 10);
      try {
        for (let round = 0; round < 8; round++) {
          await settle(100);
          const again = rawClient(target.url(round), 5);
          opened.push(again);
          again.send({ cmd: 'connect', ...session });
          await again.next('connack');
          await again.next('publish');
          assert.equal(again.arrived[0], 'connack', `round ${round}: the first packet was ${again.arrived[0]}`);
          again.destroy();
        }
      } finally {
        clearInterval(pouring);
      }
    });

    test('unsubscribe: no more messages; MQTT 5 tells a filter it did not have', async () => {
      const { root, open } = await setup();
      const sub = await open(1);
      await subscribe(sub, `${root}/u/#`, { qos: 1 });
      const unsuback = new Promise((resolve) => sub.on('packetreceive', (packet) => packet.cmd === 'unsuback' && resolve(packet)));
      sub.unsubscribe([`${root}/u/#`, `${root}/never`]);
      const packet = await unsuback;
      assert.deepEqual(packet.granted || packet.reasonCode, [0, 0x11]);
      const pub = await open(0);
      await publish(pub, `${root}/u/1`, 'after unsubscribe', { qos: 1 });
      await settle();
      assert.equal(sub.received.length, 0);
    });
  });
}
