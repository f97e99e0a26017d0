'use strict';
// Shared by the benchmark scenarios: where the platform is, clients, options and the result table.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const io = require('socket.io-client');

function platform() {
  const out = execFileSync(path.resolve(__dirname, '../pushctl'), ['status', '--json'], { encoding: 'utf8' });
  const status = JSON.parse(out);
  if (!status.running) throw new Error('the platform is not running: start it with ./pushctl up --detach --gateways 2 --routers 2');
  return status;
}

function options(defaults) {
  const result = { ...defaults };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i].replace(/^--/, '');
    if (!(key in defaults)) throw new Error(`unknown option --${key}; known: ${Object.keys(defaults).join(', ')}`);
    result[key] = Number(args[i + 1]);
  }
  return result;
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

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function table(rows) {
  const keys = Object.keys(rows[0]);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(keys));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  rows.forEach((r) => console.log(line(keys.map((k) => r[k]))));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { platform, options, client, request, percentile, table, sleep };
