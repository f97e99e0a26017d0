'use strict';
// Device command round trip: D class boards (socket.io-client v4) spread over the gateway nodes, commands sent
// over REST at R per second, C in all, each `device_status ?wait=10s`: the device acks {ack: true, status: 'on'},
// and the REST answer carries the result as stored. Against a plain Node socket.io server doing the same job in
// memory (reference-device-server.js) and the platform, in one run. Prints commands/s, the latency from the REST
// call to its answer (p50/p99), and the ratio. At a rate above what a target can do, commands/s is its saturation.
const path = require('node:path');
const readline = require('node:readline');
const { execFileSync, spawn } = require('node:child_process');
const io = require('socket.io-client');
const { options, compare, pace, latencyColumns, sleep } = require('./lib');

function platformTarget() {
  const status = JSON.parse(execFileSync(path.resolve(__dirname, '../pushctl'), ['status', '--json'], { encoding: 'utf8' }));
  if (!status.running) throw new Error('the platform is not running: start it with ./pushctl up --detach --gateways 2');
  const rest = (status.deviceServices || [{ http: status.device }]).map((d) => d.http);
  return {
    name: 'platform', app: status.demo.appkey, token: status.demo.adminToken, rest, sockets: status.gateways.map((g) => g.device),
    detail: `${status.gateways.length} gateways, ${rest.length} device-service`, stop: () => {},
  };
}

function referenceTarget() {
  const child = spawn(process.execPath, [path.join(__dirname, 'reference-device-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => readline.createInterface({ input: child.stdout }).once('line', (port) => resolve({
    name: 'node reference', app: 'reference', token: 'none', rest: [`http://127.0.0.1:${port}`], sockets: [`http://127.0.0.1:${port}`],
    detail: '1 Node process', stop: () => child.kill(),
  })));
}

async function post(target, n, urlPath, body) {
  const res = await fetch(`${target.rest[n % target.rest.length]}/admin/apps/${target.app}${urlPath}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + target.token }, body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** A class board that acks every command with its status; resolves once authenticated. */
function board(url, signature) {
  const socket = io(url, { path: '/socket/socket.io', forceNew: true, reconnection: false, transports: ['websocket'] });
  socket.onAny((event, ...args) => {
    const callback = args[args.length - 1];
    if (typeof callback === 'function') callback({ ack: true, status: 'on' });
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => socket.emit('authentication', { signature }));
    socket.once('auth:ok', () => resolve(socket));
    socket.once('auth:fail', () => reject(new Error('auth:fail')));
    socket.once('connect_error', reject);
  });
}

async function scenario(target, opts) {
  const run = Date.now();
  const serials = [];
  const sockets = [];
  for (let i = 0; i < opts.devices; i++) {
    const created = await post(target, i, '/devices', { serial: `bench${run}x${i}` });
    serials.push(created.body.serial);
    sockets.push(await board(target.sockets[i % target.sockets.length], created.body.signature));
  }
  const latencies = [];
  let succeeded = 0;
  let failed = 0;
  const started = await pace(opts.commands, opts.rate, (n) => {
    const sentAt = Date.now();
    post(target, n, `/devices/${serials[n % serials.length]}/commands?wait=10s`, { event: 'device_status' }).then((res) => {
      if (res.status === 200 && res.body.state === 'SUCCESSFUL' && res.body.result.status === 'on') {
        succeeded++;
        latencies.push(Date.now() - sentAt);
      } else {
        failed++;
      }
    }, () => { failed++; });
  });
  const deadline = Date.now() + 60000;
  while (succeeded + failed < opts.commands && Date.now() < deadline) await sleep(20);
  const seconds = (Date.now() - started) / 1000;
  sockets.forEach((s) => s.close());
  return {
    complete: succeeded === opts.commands,
    row: { scenario: 'REST command -> device ack -> result', devices: opts.devices, 'offered/s': opts.rate,
      succeeded: `${succeeded}/${opts.commands}`, failed, 'commands/s': Math.round(succeeded / seconds), ...latencyColumns(latencies) },
  };
}

async function main() {
  const opts = options({ devices: 100, commands: 3000, rate: 300 });
  const ok = await compare(opts, (target) => scenario(target, opts), 'commands/s', { reference: referenceTarget, platform: platformTarget });
  process.exit(ok ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
