'use strict';
// TLS on every listener of a gateway node, with real clients that check the certificate: socket.io-client v4 over
// wss, npm mqtt over mqtts (8883), the push-server API over a TLS socket, the intercom over wss and HTTPS on the HTTP
// port; a plain-text client on a TLS port gets no answer; a renewed certificate written over the files reaches new
// connections without a restart. The node is a third gateway JVM of its own, started with PUSH_GATEWAY_TLS=true
// against the platform's Kafka, so its messages cross to the platform's other nodes.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');
const selfsigned = require('selfsigned');
const WebSocket = require('ws');
const { connect } = require('./lib/clients');
const { connectMqtt, subscribe, publish } = require('./lib/mqtt');
const { platform, createApp } = require('./lib/platform');
const { startExtraGateway, freePort } = require('./lib/extra-gateway');
const { onJsonLines } = require('../../../bench/json-lines');

const opened = [];
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'push-tls-'));
const certFile = path.join(dir, 'tls.crt');
const keyFile = path.join(dir, 'tls.key');
let gateway;
let ports;
let firstCert;

/** A self-signed certificate for localhost and 127.0.0.1 under the common name given. */
async function certificate(commonName) {
  const pem = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    days: 1, keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  return { cert: pem.cert, key: pem.private };
}

/** Writes a certificate as a Kubernetes Secret's files change: each file replaced whole. */
function install({ cert, key }) {
  for (const [file, text] of [[keyFile, key], [certFile, cert]]) {
    fs.writeFileSync(file + '.new', text);
    fs.renameSync(file + '.new', file);
  }
}


/** The common name of the certificate a TLS listener presents now, trusted by `ca`. */
function presentedName(port, ca) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: 'localhost', port, ca }, () => {
      const name = socket.getPeerCertificate().subject.CN;
      socket.destroy();
      resolve(name);
    });
    socket.on('error', reject);
  });
}

before(async () => {
  firstCert = await certificate('push-tls-first');
  install(firstCert);
  ports = { http: await freePort(), https: await freePort(), pubsub: await freePort(), tcp: await freePort(), mqtts: await freePort() };
  gateway = await startExtraGateway(uniq('gw-tls'), ports, {
    PUSH_GATEWAY_TLS: 'true', PUSH_TLS_CERT_FILE: certFile, PUSH_TLS_KEY_FILE: keyFile, PUSH_TLS_RELOAD_PERIOD: '1s',
    PUSH_GATEWAY_HTTPS_PORT: String(ports.https), PUSH_GATEWAY_PUBSUB_PORT: String(ports.pubsub),
    PUSH_GATEWAY_PUSH_TCP_PORT: String(ports.tcp), PUSH_GATEWAY_MQTTS_PORT: String(ports.mqtts) });
});

after(async () => {
  opened.forEach((c) => (c.end ? c.end(true) : c.close()));
  if (gateway) await gateway.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

for (const transport of ['websocket', 'polling']) {
  test(`pubsub over ${transport === 'websocket' ? 'wss' : 'https polling'}: a client that checks the certificate gets what a client of a plain node publishes`, async () => {
    const topic = uniq('tls');
    const secure = await connect('v4', `https://localhost:${ports.pubsub}`, { ca: firstCert.cert, transports: [transport] });
    opened.push(secure);
    await secure.connectApp(platform().demo.appkey, uniq('secure'));
    await secure.request('subscribe', { topic }, 'suback');
    const plain = await connect('v4', platform().gateways[0].pubsub);
    opened.push(plain);
    await plain.connectApp(platform().demo.appkey, uniq('plain'));
    await plain.request('publish', { topic, msg: 'over TLS', qos: 1 }, 'puback');
    assert.deepEqual((await secure.next('message'))[0], { topic, msg: 'over TLS' });
  });
}

test('MQTT 5 over mqtts: CONNACK, subscribe and a QoS 1 round trip', async () => {
  const app = await createApp(uniq('tls-mqtt'));
  const { client, connack } = await connectMqtt(`mqtts://localhost:${ports.mqtts}`,
    { username: app.appkey, password: app.secret, protocolVersion: 5, ca: firstCert.cert });
  opened.push(client);
  assert.equal(connack.reasonCode, 0);
  await subscribe(client, 'tls/#', { qos: 1 });
  await publish(client, 'tls/1', 'secured', { qos: 1 });
  const [got] = await client.messages(1);
  assert.equal(got.payload.toString(), 'secured');
});

test('the push-server API over a TLS socket answers as over plain TCP', async () => {
  const alias = uniq('door');
  const socket = tls.connect({ host: 'localhost', port: ports.tcp, ca: firstCert.cert });
  opened.push({ close: () => socket.destroy() });
  const frame = new Promise((resolve) => onJsonLines(socket, resolve));
  await new Promise((resolve, reject) => { socket.once('secureConnect', resolve); socket.once('error', reject); });
  socket.write(JSON.stringify({ t: 14, alias }) + '\n');
  assert.deepEqual(await frame, { t: -14, alias });
});

test('HTTPS on the HTTP port, and the intercom over wss', async () => {
  const status = await new Promise((resolve, reject) => https.get(`https://localhost:${ports.https}/q/health/ready`,
    { ca: firstCert.cert }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject));
  assert.equal(status, 200);
  const room = uniq('tlsroom');
  const phone = new WebSocket(`wss://localhost:${ports.https}/${room}/1`, { ca: firstCert.cert });
  opened.push(phone);
  const heard = new Promise((resolve) => phone.once('message', (data) => resolve(data.toString())));
  await new Promise((resolve, reject) => { phone.once('open', resolve); phone.once('error', reject); });
  const unit = new WebSocket(platform().gateways[0].http.replace('http', 'ws') + `/${room}/0`);
  opened.push(unit);
  await new Promise((resolve, reject) => { unit.once('open', resolve); unit.once('error', reject); });
  // joining goes through routing and the seed gives no sign of it: the unit speaks until the phone hears it
  let got;
  heard.then((text) => { got = text; });
  for (let i = 0; got === undefined && i < 40; i++) {
    unit.send('ring');
    await sleep(250);
  }
  assert.equal(got, 'ring');
});

test('a plain-text client on a TLS port gets no answer', async () => {
  const answer = await new Promise((resolve) => {
    const socket = net.connect(ports.pubsub, '127.0.0.1', () => socket.write('GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n\r\n'));
    let text = '';
    socket.on('data', (d) => { text += d; });
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
    setTimeout(() => { socket.destroy(); resolve(text); }, 5000);
  });
  assert.doesNotMatch(answer, /HTTP\/1\.1/);
});

test('a renewed certificate written over the files reaches new connections without a restart', async () => {
  const renewed = await certificate('push-tls-renewed');
  install(renewed);
  const deadline = Date.now() + 20000;
  const names = async () => Promise.all([ports.mqtts, ports.pubsub, ports.tcp, ports.https].map(
    (port) => presentedName(port, [firstCert.cert, renewed.cert]).catch((e) => e.message)));
  let now = await names();
  while (now.some((name) => name !== 'push-tls-renewed') && Date.now() < deadline) {
    await sleep(500);
    now = await names();
  }
  assert.deepEqual(now, ['push-tls-renewed', 'push-tls-renewed', 'push-tls-renewed', 'push-tls-renewed'],
    'MQTT, Socket.IO, TCP and HTTPS present the renewed certificate');
  assert.equal(gateway.exitCode, null, 'the gateway ran on through the renewal');
});
