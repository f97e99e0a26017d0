'use strict';
// A gateway node stopped the way Kubernetes stops a pod (SIGTERM) under QoS 1 load hands its clients over: new
// sockets are refused, Socket.IO clients see a dropped transport (the reason on which socket.io-client reconnects by
// itself), MQTT 5 clients are told 0x9C "use another server", and every message a publisher was told is stored
// reaches its receiver once it connected again to the other node. The node is started again by the same command.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { connect } = require('./lib/clients');
const { connectMqtt, subscribe, publish, rawClient } = require('./lib/mqtt');
const { platform, createApp, ROOT } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => (c.end ? c.end(true) : c.destroy ? c.destroy() : c.close())));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const within = (promise, ms, what) => Promise.race([promise,
  sleep(ms).then(() => { throw new Error(`${what} within ${ms} ms`); })]);

/** `./pushctl restart <service>` without blocking the event loop: SIGTERM, wait for the exit, start again. */
function restartInBackground(service) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'pushctl'), ['restart', service], { env: process.env, stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pushctl restart ${service}: exit ${code}`))));
  });
}

/** A pubsub receiver: on the draining node first, on the other node with the same customid once dropped. */
async function pubsubReceiver(appkey, alias, first, second) {
  const receiver = { alias, got: new Set(), reasons: [] };
  const listen = (client) => client.socket.on('message', (m) => receiver.got.add(m.msg));
  const c = await connect('v4', first, { transports: ['websocket'] });
  opened.push(c);
  listen(c);
  await c.connectApp(appkey, alias);
  await c.request('set_alias', { alias }, 'set_alias_ack');
  receiver.back = new Promise((resolve) => c.socket.once('disconnect', async (reason) => {
    receiver.reasons.push(reason);
    const again = await connect('v4', second, { transports: ['websocket'] });
    opened.push(again);
    listen(again);
    await again.connectApp(appkey, alias);
    resolve();
  }));
  return receiver;
}

test('a gateway stopped under QoS 1 load hands its clients to the other node and loses no stored message', { timeout: 180000 }, async () => {
  const status = platform();
  const [stays, drains] = status.gateways;
  const app = await createApp(uniq('drain'));

  // given pubsub receivers and an MQTT 5 subscriber with a kept session on the node that will be stopped
  const receivers = [];
  for (let i = 0; i < 6; i++) {
    receivers.push(await pubsubReceiver(status.demo.appkey, uniq(`drain${i}`), drains.pubsub, stays.pubsub));
  }
  const clientId = uniq('drain-mqtt');
  const session = { username: app.appkey, password: app.secret, protocolVersion: 5, clientId, clean: false,
    properties: { sessionExpiryInterval: 600 } };
  // (each client keeps what it received from its first packet on: `received`)
  const mqttClients = [];
  const mqttGot = () => new Set(mqttClients.flatMap((c) => c.received.map((m) => m.payload.toString())));
  const { client: sub } = await connectMqtt(drains.mqtt, session);
  opened.push(sub);
  mqttClients.push(sub);
  await subscribe(sub, 'drain/#', { qos: 1 });
  let mqttReason;
  const mqttBack = new Promise((resolve) => sub.once('disconnect', async (packet) => {
    mqttReason = packet.reasonCode;
    const { client: again } = await connectMqtt(stays.mqtt, session);
    opened.push(again);
    mqttClients.push(again);
    resolve();
  }));

  // and publishers on the node that stays, sending QoS 1 without a pause
  const publisher = await connect('v4', stays.pubsub);
  opened.push(publisher);
  await publisher.connectApp(status.demo.appkey, uniq('drain-pub'));
  const { client: mqttPublisher } = await connectMqtt(stays.mqtt, { username: app.appkey, password: app.secret, protocolVersion: 5 });
  opened.push(mqttPublisher);
  const stored = new Map(receivers.map((r) => [r.alias, []]));
  const mqttStored = [];
  let publishing = true;
  const pubsubLoad = (async () => {
    for (let n = 0; publishing; n++) {
      const r = receivers[n % receivers.length];
      const msg = `m${n}`;
      const [ack] = await publisher.request('publish2_to_alias', { alias: r.alias, msg, opts: { qos: 1 } }, 'puback');
      if (ack.success) stored.get(r.alias).push(msg);
    }
  })();
  const mqttLoad = (async () => {
    for (let n = 0; publishing; n++) {
      await publish(mqttPublisher, `drain/${n % 3}`, `q${n}`, { qos: 1 });
      mqttStored.push(`q${n}`);
    }
  })();
  await sleep(1000);

  // when the node is stopped as Kubernetes stops a pod
  const restarted = restartInBackground(drains.service);
  await within(Promise.race(receivers.map((r) => r.back)), 30000, 'no client of the stopped node dropped');

  // then while it drains it refuses new sockets: a new MQTT client gets no CONNACK
  const late = rawClient(drains.mqtt, 5);
  opened.push(late);
  late.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clean: true, clientId: uniq('late'), keepalive: 60,
    username: app.appkey, password: Buffer.from(app.secret) });
  await assert.rejects(late.next('connack', 3000), 'a socket accepted while the node drains');

  // and every client went to the other node, told the way its protocol says "connect again"
  await within(Promise.all(receivers.map((r) => r.back)), 30000, 'not every Socket.IO client dropped and connected again');
  await within(mqttBack, 30000, 'the MQTT 5 client was not told DISCONNECT and did not connect again');
  for (const r of receivers) assert.deepEqual(r.reasons, ['transport close'], `${r.alias}: a dropped transport, not a server disconnect`);
  assert.equal(mqttReason, 0x9c, 'MQTT 5: DISCONNECT 0x9C use another server');
  // (on a node just started the load may be slow: it goes on until each kind has sent enough to prove something)
  const sentPubsub = () => [...stored.values()].reduce((n, list) => n + list.length, 0);
  const enough = Date.now() + 20000;
  await sleep(1000);
  while ((sentPubsub() <= 50 || mqttStored.length <= 50) && Date.now() < enough) await sleep(100);
  publishing = false;
  await Promise.all([pubsubLoad, mqttLoad]);

  // and every message a publisher was told is stored arrived, before or after the move
  const deadline = Date.now() + 60000;
  const missing = () => [
    ...receivers.flatMap((r) => stored.get(r.alias).filter((m) => !r.got.has(m)).map((m) => `${r.alias}:${m}`)),
    ...mqttStored.filter((m) => !mqttGot().has(m)).map((m) => `mqtt:${m}`)];
  while (missing().length && Date.now() < deadline) await sleep(500);
  const sent = sentPubsub();
  assert.ok(sent > 50 && mqttStored.length > 50, `load while draining: ${sent} pubsub, ${mqttStored.length} MQTT messages`);
  assert.deepEqual(missing(), [], `lost of ${sent} pubsub and ${mqttStored.length} MQTT messages`);
  await restarted;
});
