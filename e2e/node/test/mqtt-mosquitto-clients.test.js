'use strict';
// Debian's mosquitto_sub, mosquitto_pub and mosquitto_rr (libmosquitto, MQTT 3.1.1 and 5) against the gateways: a
// subscriber on one node gets what a publisher on the other sends, and an IoT channel binds with a request/response.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { platform, admin, createApp } = require('./lib/platform');

const run = promisify(execFile);
const started = [];
after(() => started.forEach((child) => child.kill('SIGKILL')));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const hostPort = (i) => {
  const { hostname, port } = new URL(platform().gateways[i % platform().gateways.length].mqtt);
  return ['-h', hostname, '-p', port];
};

/** mosquitto_sub on node i, resolved once its SUBACK came; `lines()` resolves with `count` lines of its output. */
function subscriber(i, app, args, count) {
  // line-buffered: its debug lines say when the SUBACK came
  const child = spawn('stdbuf', ['-oL', 'mosquitto_sub', ...hostPort(i), '-u', app.appkey, '-P', app.secret, '-d', '-v',
    '-C', String(count), ...args]);
  started.push(child);
  let out = '';
  const lines = new Promise((resolve, reject) => {
    // its debug lines left out, what is left is the messages, as `topic payload`
    const messages = () => out.split('\n').filter((l) => l && !/^(Client |Subscribed )/.test(l));
    child.on('exit', (code) => (code === 0 ? resolve(messages()) : reject(new Error(out))));
  });
  const subscribed = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no SUBACK: ' + out)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      if (/received SUBACK/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return subscribed.then(() => ({ lines: () => lines }));
}

for (const version of ['mqttv311', 'mqttv5']) {
  test(`mosquitto_pub on one node, mosquitto_sub on the other (${version}), QoS 1 and a wildcard`, async () => {
    const app = await createApp(uniq('mosq'));
    const sub = await subscriber(1, app, ['-V', version, '-q', '1', '-i', uniq('sub'), '-t', 'sensors/+/temp'], 2);
    const pub = (topic, message) => run('mosquitto_pub', [...hostPort(0), '-u', app.appkey, '-P', app.secret, '-V', version,
      '-q', '1', '-t', topic, '-m', message]);
    await pub('sensors/k1/temp', '21.5');
    await pub('sensors/k1/humidity', 'not for the filter');
    await pub('sensors/k2/temp', '19');
    assert.deepEqual(await sub.lines(), ['sensors/k1/temp 21.5', 'sensors/k2/temp 19']);
    await assert.rejects(run('mosquitto_pub', [...hostPort(0), '-u', app.appkey, '-P', 'wrong', '-V', version, '-t', 't', '-m', 'x']),
      (e) => /not authori[sz]ed|bad user name or password|Connection Refused/i.test(e.stderr));
  });
}

test('an IoT channel binds with mosquitto_rr: the request on app/up/account/bind, the response on bind_reply', async () => {
  const app = await createApp(uniq('mosq-iot'));
  const iot = (method, path, body) => admin(method, `/admin/apps/${app.appkey}${path}`, body, platform().iot);
  assert.equal((await iot('POST', '/products', { productKey: 'appChan' })).status, 201);
  assert.equal((await iot('POST', '/accounts', { accountId: 'carol' })).status, 201);
  const { iotToken } = (await iot('POST', '/accounts/carol/tokens', {})).body;
  const clientId = uniq('phone');
  const { stdout } = await run('mosquitto_rr', [...hostPort(1), '-u', app.appkey, '-P', app.secret, '-i', clientId, '-q', '1', '-W', '15',
    '-t', '/sys/appChan/phone9/app/up/account/bind', '-e', '/sys/appChan/phone9/app/down/account/bind_reply',
    '-m', JSON.stringify({ id: 'rr1', version: '1.0', request: { clientId }, params: { iotToken } })]);
  assert.deepEqual(JSON.parse(stdout), { id: 'rr1', code: 200, message: 'success' });
  assert.deepEqual((await iot('GET', '/accounts/carol')).body.channels, [{ clientId, productKey: 'appChan', deviceName: 'phone9' }]);
});
