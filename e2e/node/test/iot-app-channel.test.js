'use strict';
// The IoT app channel (iot-app-channel-api.md) with npm mqtt across two gateway nodes: a channel binds to the account
// of an iotToken, gets every down topic in the seed's shapes for the devices its account owns (from REST, from other
// teams' CloudEvents on Kafka, and from the devices' own MQTT uplinks and presence), keeps them while away, and
// nothing once unbound.
const { test, after, before } = require('node:test');
const assert = require('node:assert/strict');
const { Kafka, logLevel } = require('kafkajs');
const { platform, admin, createApp } = require('./lib/platform');
const { connectMqtt, subscribe, publish, end } = require('./lib/mqtt');
const { connect } = require('./lib/clients');

const opened = [];
let producer;
before(async () => {
  producer = new Kafka({ clientId: 'e2e-iot', brokers: [platform().kafka], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
});
after(async () => {
  opened.forEach((c) => (c.end ? c.end(true) : c.close()));
  if (producer) await producer.disconnect();
});
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const node = (i) => platform().gateways[i % platform().gateways.length].mqtt;
const json = (message) => JSON.parse(message.payload.toString());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function client(i, app, options = {}) {
  const { client: c } = await connectMqtt(node(i), { username: app.appkey, password: app.secret, ...options });
  opened.push(c);
  return c;
}

/** An app with a channel product, a device product with one device, an account owning it and a token of the account. */
async function iotApp(label) {
  const app = await createApp(uniq(label));
  const iot = (method, path, body) => admin(method, `/admin/apps/${app.appkey}${path}`, body, platform().iot);
  assert.equal((await iot('POST', '/products', { productKey: 'appChan', name: 'the mobile app' })).status, 201);
  assert.equal((await iot('POST', '/products', { productKey: 'X5eCzh6fEH7', name: 'meters' })).status, 201);
  const device = await iot('POST', '/products/X5eCzh6fEH7/devices', { deviceName: '5gJtxDVeGAkaEztpisjX' });
  assert.equal(device.status, 201);
  assert.match(device.body.iotId, /^[A-Za-z0-9]{32}$/);
  assert.equal(device.body.status, '0');
  assert.equal((await iot('POST', '/accounts', { accountId: 'alice', name: 'Alice' })).status, 201);
  assert.equal((await iot('PUT', '/accounts/alice/devices/X5eCzh6fEH7/5gJtxDVeGAkaEztpisjX')).status, 204);
  const token = await iot('POST', '/accounts/alice/tokens', { ttlSeconds: 3600 });
  assert.equal(token.status, 201);
  return { app, iot, iotId: device.body.iotId, iotToken: token.body.iotToken };
}

/** The channel's client binds itself and resolves with the reply it got on bind_reply. */
async function bind(channel, clientId, iotToken, { id = 'msgid1', asClientId = clientId, productKey = 'appChan' } = {}) {
  const before = channel.received.length;
  await publish(channel, `/sys/${productKey}/phone1/app/up/account/bind`,
    JSON.stringify({ id, version: '1.0', request: { clientId: asClientId }, params: { iotToken } }), { qos: 1 });
  const [reply] = (await channel.messages(before + 1)).slice(before);
  assert.equal(reply.topic, `/sys/${productKey}/phone1/app/down/account/bind_reply`);
  return json(reply);
}

const DEVICE = { productKey: 'X5eCzh6fEH7', deviceName: '5gJtxDVeGAkaEztpisjX' };

test('bind, then every down topic in the seed\'s shapes from REST, Kafka and the device itself; unbind, then nothing', async () => {
  const { app, iot, iotId, iotToken } = await iotApp('iot-bind');
  const clientId = uniq('phone');
  const channel = await client(0, app, { clientId });
  await subscribe(channel, { '/sys/appChan/phone1/app/down/#': { qos: 1 } });
  assert.deepEqual(await bind(channel, clientId, iotToken), { id: 'msgid1', code: 200, message: 'success' });
  const account = await iot('GET', '/accounts/alice');
  assert.deepEqual(account.body.channels, [{ clientId, productKey: 'appChan', deviceName: 'phone1' }]);

  const down = (suffix) => `/sys/appChan/phone1/app/down/${suffix}`;
  const notice = (type, body) => iot('POST', `/products/X5eCzh6fEH7/devices/5gJtxDVeGAkaEztpisjX/notices/${type}`, body);
  let seen = channel.received.length;
  const next = async () => {
    const [m] = (await channel.messages(seen + 1)).slice(seen);
    seen += 1;
    return m;
  };

  const props = await notice('thing.properties', { id: 'msgid3', params: { items: {
    temperature: { time: 1510292697471, value: 30 }, alarm: 'normal' } } });
  assert.equal(props.status, 202);
  assert.deepEqual(props.body, { id: 'msgid3', channels: 1 });
  let m = await next();
  assert.equal(m.topic, down('thing/properties'));
  const properties = json(m);
  assert.deepEqual(Object.keys(properties), ['id', 'version', 'params', 'method']);
  assert.equal(properties.method, '', 'the seed\'s empty method');
  assert.deepEqual({ ...properties.params, items: undefined }, { iotId, ...DEVICE, items: undefined });
  assert.deepEqual(properties.params.items.temperature, { time: 1510292697471, value: 30 });
  assert.equal(properties.params.items.alarm.value, 'normal');
  assert.equal(typeof properties.params.items.alarm.time, 'number', 'a bare value is taken as reported now');

  await notice('thing.events', { id: 'msgid4', params: { identifier: 'BrokenInfo', name: '损坏率上报', type: 'info',
    value: { Power: 'on', structParam: { param1: 'abc', param2: 123 } }, time: 1510799670074 } });
  m = await next();
  assert.equal(m.topic, down('thing/events'));
  assert.deepEqual(json(m), { id: 'msgid4', version: '1.0', params: { identifier: 'BrokenInfo', name: '损坏率上报', type: 'info',
    iotId, ...DEVICE, value: { Power: 'on', structParam: { param1: 'abc', param2: 123 } }, time: 1510799670074 }, method: 'thing.events' });

  await notice('thing.status', { id: 'msgid5', params: { status: { time: 1510292697471, value: 1 } } });
  m = await next();
  assert.equal(m.topic, down('thing/status'));
  assert.deepEqual(json(m), { id: 'msgid5', version: '1.0', params: { iotId, ...DEVICE,
    status: { time: 1510292697471, value: '1' } }, method: 'thing.status' }, 'the status value is a string');
  assert.equal((await iot('GET', '/products/X5eCzh6fEH7/devices/5gJtxDVeGAkaEztpisjX')).body.status, '1');

  await notice('thing.topo.add.status', { id: 'msgId1', param: { status: 0, subIotId: 'sub1', subProductKey: 'subPk',
    subDeviceName: 'sub-dn' } });
  m = await next();
  assert.equal(m.topic, down('thing/topo/add/status'));
  const topo = json(m);
  assert.equal(topo.params, undefined, 'topology uses param, as the seed has it');
  assert.deepEqual(topo, { id: 'msgId1', version: '1.0', param: { status: 0, subIotId: 'sub1', subProductKey: 'subPk',
    subDeviceName: 'sub-dn', oldGwIotId: '', oldGwProductKey: '', oldGwDeviceName: '', newGwIotId: iotId,
    newGwProductKey: DEVICE.productKey, newGwDeviceName: DEVICE.deviceName }, method: 'thing.topo.add.status' });

  // from another team, as a CloudEvent on push.commands.iot
  await producer.send({ topic: 'push.commands.iot', messages: [{ key: `${app.appkey}/X5eCzh6fEH7/5gJtxDVeGAkaEztpisjX`,
    value: JSON.stringify({ specversion: '1.0', id: uniq('ce'), source: 'e2e/ota', type: 'org.pushplatform.iot.ota.device.forward',
      datacontenttype: 'application/json', data: { app: app.appkey, ...DEVICE, id: '123456790123',
        params: { srcVersion: '1.0.0', destVersion: '1.1.0', step: 40, desc: 'downloading', upgradeStatus: 1 } } }) }] });
  m = await next();
  assert.equal(m.topic, down('ota/device/forward'));
  assert.deepEqual(json(m), { id: '123456790123', version: '1.0', params: { iotId, srcVersion: '1.0.0', destVersion: '1.1.0',
    step: 40, desc: 'downloading', upgradeStatus: 1 }, method: 'ota.device.forward' });

  // from the device itself, over MQTT on the other node, under its own client id
  const device = await client(1, app, { clientId: '5gJtxDVeGAkaEztpisjX&X5eCzh6fEH7' });
  m = await next();
  assert.equal(m.topic, down('thing/status'), 'the device\'s client connecting is its status');
  assert.equal(json(m).params.status.value, '1');
  await publish(device, '/sys/X5eCzh6fEH7/5gJtxDVeGAkaEztpisjX/thing/event/property/post',
    JSON.stringify({ id: '77', version: '1.0', params: { temperature: 31.5 }, method: 'thing.event.property.post' }));
  const [postReply] = await device.messages(1);
  assert.equal(postReply.topic, '/sys/X5eCzh6fEH7/5gJtxDVeGAkaEztpisjX/thing/event/property/post_reply');
  assert.deepEqual(json(postReply), { id: '77', code: 200, data: {}, message: 'success', method: 'thing.event.property.post', version: '1.0' });
  m = await next();
  assert.equal(m.topic, down('thing/properties'));
  assert.equal(json(m).id, '77');
  assert.equal(json(m).params.items.temperature.value, 31.5);
  await publish(device, '/sys/X5eCzh6fEH7/5gJtxDVeGAkaEztpisjX/thing/event/BrokenInfo/post',
    JSON.stringify({ id: '78', version: '1.0', params: { value: { Power: 'off' }, time: 1510799670075 } }));
  m = await next();
  assert.equal(m.topic, down('thing/events'));
  assert.deepEqual(json(m).params.value, { Power: 'off' });
  assert.equal(json(m).params.identifier, 'BrokenInfo');

  // a client that is not the device cannot speak for it
  const impostor = await client(0, app, { clientId: uniq('impostor') });
  await publish(impostor, '/sys/X5eCzh6fEH7/5gJtxDVeGAkaEztpisjX/thing/event/property/post',
    JSON.stringify({ id: '79', params: { temperature: -40 } }));
  const [refused] = await impostor.messages(1);
  assert.equal(json(refused).code, 403);

  await end(device);
  m = await next();
  assert.equal(m.topic, down('thing/status'));
  assert.equal(json(m).params.status.value, '3', 'and its going away');
  assert.equal((await iot('GET', '/products/X5eCzh6fEH7/devices/5gJtxDVeGAkaEztpisjX')).body.status, '3');

  await publish(channel, '/sys/appChan/phone1/app/up/account/unbind',
    JSON.stringify({ id: 'msgid2', version: '1.0', request: { clientId }, params: {} }));
  m = await next();
  assert.equal(m.topic, down('account/unbind_reply'));
  assert.deepEqual(json(m), { id: 'msgid2', code: 200, message: 'success' });
  const after = await notice('thing.status', { params: { value: '3' } });
  assert.deepEqual(after.body.channels, 0);
  await sleep(1000);
  assert.equal(channel.received.length, seen, 'nothing once unbound');
});

test('bind refusals: malformed 400, unknown or another app\'s token 401, not its own client id 403, unknown product 404, expired 410', async () => {
  const { app, iot, iotToken } = await iotApp('iot-refusals');
  const other = await iotApp('iot-other');
  const clientId = uniq('phone');
  const channel = await client(1, app, { clientId, protocolVersion: 5 });
  const code = async (...args) => (await bind(channel, ...args)).code;
  assert.equal(await code(clientId, 'no-such-token'), 401);
  assert.equal(await code(clientId, other.iotToken), 401, 'a token of another app');
  assert.equal(await code(clientId, iotToken, { asClientId: 'someone-else' }), 403);
  assert.equal(await code(clientId, iotToken, { productKey: 'noSuchProduct' }), 404);
  assert.equal(await code(clientId, ''), 400);
  await publish(channel, '/sys/appChan/phone1/app/up/account/bind', 'not json');
  const [malformed] = (await channel.messages(6)).slice(5);
  assert.deepEqual(json(malformed), { id: '', code: 400, message: 'request malformed' });
  assert.equal((await iot('DELETE', `/tokens/${iotToken}`)).status, 204);
  const expired = await bind(channel, clientId, iotToken, { id: 'late' });
  assert.deepEqual(expired, { id: 'late', code: 410, message: 'iotToken has expired' });
  assert.deepEqual((await iot('GET', '/accounts/alice')).body.channels, [], 'nothing was bound');

  // /sys/ topics are not the topic space's: a pubsub client cannot fake a channel's down message, MQTT subscribers get none
  const snoop = await client(0, app, { clientId: uniq('snoop') });
  await subscribe(snoop, { '/sys/#': { qos: 1 }, '#': { qos: 1 } });
  const web = await connect('v4', platform().gateways[1].pubsub);
  opened.push(web);
  assert.deepEqual((await web.connectApp(app.appkey, uniq('web')))[0], { success: true });
  const [refused] = await web.request('publish', { topic: '/sys/appChan/phone1/app/down/thing/status', msg: 'fake', qos: 1 }, 'puback');
  assert.equal(refused.success, false);
  assert.match(refused.error_msg, /IoT channel/);
  await iot('POST', '/products/X5eCzh6fEH7/devices/5gJtxDVeGAkaEztpisjX/notices/thing.status', { params: { value: '1' } });
  await sleep(1000);
  assert.equal(snoop.received.length, 0, 'neither the fake nor the real notice went through the topic space');
});

test('a persistent channel keeps its notices while away and gets them on the other node; another app\'s same names get nothing', async () => {
  const { app, iot, iotToken } = await iotApp('iot-away');
  const twin = await iotApp('iot-twin');
  const clientId = uniq('phone');
  const first = await client(0, app, { clientId, clean: false });
  assert.equal((await bind(first, clientId, iotToken)).code, 200);
  const twinChannel = await client(1, twin.app, { clientId, clean: false });
  assert.equal((await bind(twinChannel, clientId, twin.iotToken)).code, 200);
  await end(first);
  for (let i = 0; i < 3; i++) {
    const sent = await iot('POST', '/products/X5eCzh6fEH7/devices/5gJtxDVeGAkaEztpisjX/notices/thing.properties',
      { id: `away-${i}`, params: { items: { step: i } } });
    assert.equal(sent.body.channels, 1);
  }
  const back = await client(1, app, { clientId, clean: false });
  const got = await back.messages(3);
  assert.deepEqual(got.map((m) => json(m).id), ['away-0', 'away-1', 'away-2']);
  await sleep(500);
  assert.equal(twinChannel.received.length, 1, 'the other app\'s channel of the same client id got only its bind reply');
});
