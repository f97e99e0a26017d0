'use strict';
// Shared by the benchmark scenarios: the two targets (the platform and the Node reference), clients, options,
// pacing and the result table.
const { execFileSync, spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const io = require('socket.io-client');

/** The running platform: its gateway nodes' pubsub URLs and the demo app. */
function platformTarget() {
  const out = execFileSync(path.resolve(__dirname, '../pushctl'), ['status', '--json'], { encoding: 'utf8' });
  const status = JSON.parse(out);
  if (!status.running) throw new Error('the platform is not running: start it with ./pushctl up --detach --gateways 2 --routers 2');
  return {
    name: 'platform', appkey: status.demo.appkey, urls: status.gateways.map((g) => g.pubsub),
    detail: `${status.gateways.length} gateways, ${(status.routers || []).length} routing`, stop: () => {},
  };
}

/** A plain Node socket.io server doing the same work without storage, started for this run. */
function referenceTarget() {
  const child = spawn(process.execPath, [path.join(__dirname, 'reference-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', (port) => resolve({
      name: 'node reference', appkey: 'reference', urls: [`http://127.0.0.1:${port}`], detail: '1 Node process',
      stop: () => child.kill(),
    }));
    child.once('exit', (code) => reject(new Error('the reference server exited with ' + code)));
  });
}

/** Options from the command line: numbers, and --target platform|reference|both. */
function options(defaults) {
  const result = { target: 'both', ...defaults };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i].replace(/^--/, '');
    if (!(key in result)) throw new Error(`unknown option --${key}; known: ${Object.keys(result).join(', ')}`);
    result[key] = key === 'target' ? args[i + 1] : Number(args[i + 1]);
  }
  return result;
}

/**
 * Runs the scenario against the Node reference first, then the platform, in this one run, and prints both rows
 * with the platform's rate as a ratio of the reference's. `targets` starts each (the pubsub ones unless given).
 */
async function compare(opts, scenario, rateKey, targets = { reference: referenceTarget, platform: platformTarget }) {
  const rows = [];
  const kinds = opts.target === 'both' ? ['reference', 'platform'] : [opts.target];
  let ok = true;
  for (const kind of kinds) {
    const target = await targets[kind]();
    try {
      const { row, complete } = await scenario(target);
      ok = ok && complete;
      rows.push({ target: target.name, setup: target.detail, ...row });
    } finally {
      target.stop();
    }
  }
  if (rows.length === 2) rows[1].ratio = (rows[1][rateKey] / rows[0][rateKey]).toFixed(2) + 'x';
  table(rows);
  return ok;
}

/** A websocket client connected to the app, resolved once connack arrived. */
function client(url, appkey, customid) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { forceNew: true, reconnection: false, transports: ['websocket'] });
    const timer = setTimeout(() => reject(new Error('connect timeout ' + url)), 15000);
    socket.once('socketconnectack', () => socket.emit('connect_v2', { appkey, customid }));
    socket.once('connack', (ok) => {
      clearTimeout(timer);
      if (ok.success) resolve(socket); else reject(new Error('connack refused'));
    });
    socket.once('connect_error', (e) => { clearTimeout(timer); reject(e); });
  });
}

function request(socket, event, payload, reply) {
  return new Promise((resolve) => { socket.once(reply, (...args) => resolve(args)); socket.emit(event, payload); });
}

/** Calls send(n) for n = 0..total-1 at `rate` per second, in small bursts (timers are too coarse for one each). */
async function pace(total, rate, send) {
  const started = Date.now();
  let n = 0;
  while (n < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) * rate) / 1000) + 1);
    for (; n < due; n++) send(n);
    await sleep(2);
  }
  return started;
}

/** The latency columns of a result row, from the latencies seen (sorted here). */
function latencyColumns(latencies) {
  latencies.sort((a, b) => a - b);
  return { 'p50 ms': percentile(latencies, 50), 'p99 ms': percentile(latencies, 99), 'max ms': latencies[latencies.length - 1] };
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function table(rows) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (r, k) => (r[k] === undefined ? '' : String(r[k]));
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r, k).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(keys));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  rows.forEach((r) => console.log(line(keys.map((k) => cell(r, k)))));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { options, compare, client, request, pace, latencyColumns, sleep, table };
