'use strict';
// Point to point over the push-server TCP API: N pairs of plain `net` clients, each sender pushing to its
// receiver's alias (do_push publish_to_alias, t:6), the receiver acking each push (t:-5); senders and receivers on
// different gateway nodes, R messages per second in all, M per pair; against a Node reference
// (reference-tcp-server.js) and the platform in one run. Prints msgs/s, latency (do_push to push arrival) and the ratio.
const net = require('node:net');
const path = require('node:path');
const readline = require('node:readline');
const { execFileSync, spawn } = require('node:child_process');
const { options, compare, pace, latencyColumns, sleep } = require('./lib');
const { onJsonLines } = require('./json-lines');

function platformTarget() {
  const status = JSON.parse(execFileSync(path.resolve(__dirname, '../pushctl'), ['status', '--json'], { encoding: 'utf8' }));
  if (!status.running) throw new Error('the platform is not running: start it with ./pushctl up --detach --gateways 2');
  return { name: 'platform', addresses: status.gateways.map((g) => g.pushTcp), detail: `${status.gateways.length} gateways`, stop: () => {} };
}

function referenceTarget() {
  const child = spawn(process.execPath, [path.join(__dirname, 'reference-tcp-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => readline.createInterface({ input: child.stdout }).once('line', (port) => resolve({
    name: 'node reference', addresses: [`127.0.0.1:${port}`], detail: '1 Node process', stop: () => child.kill(),
  })));
}

/** A TCP client connected as `alias`; `onFrame` gets every frame after the connect reply. */
function client(address, alias, onFrame) {
  const [host, port] = address.split(':');
  const socket = net.connect(Number(port), host);
  socket.setNoDelay(true);
  const send = (frame) => socket.write(JSON.stringify(frame) + '\n');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    onJsonLines(socket, (frame) => {
      if (frame.t === -14) resolve({ send, close: () => socket.destroy() }); else onFrame(frame, send);
    });
    socket.once('connect', () => send({ t: 14, alias }));
  });
}

async function scenario(target, opts) {
  const run = Date.now();
  const latencies = [];
  const seen = new Set();
  let duplicates = 0;
  let answered = 0;
  const pairs = [];
  for (let i = 0; i < opts.pairs; i++) {
    const alias = `bench_tcp_${run}_${i}`;
    const receiver = await client(target.addresses[i % target.addresses.length], alias, (frame, send) => {
      if (frame.t !== 5) return;
      send({ t: -5, mid: frame.mid });
      const { n, sentAt } = JSON.parse(frame.msg);
      if (seen.has(n)) { duplicates++; return; }
      seen.add(n);
      latencies.push(Date.now() - sentAt);
    });
    const sender = await client(target.addresses[(i + 1) % target.addresses.length], `bench_tcp_sender_${run}_${i}`, (frame) => {
      if (frame.t === -6) answered++;
    });
    pairs.push({ alias, receiver, sender });
  }
  const expected = opts.pairs * opts.messages;
  const started = await pace(expected, opts.rate, (n) => {
    const { alias, sender } = pairs[n % opts.pairs];
    sender.send({ t: 6, method: 'publish_to_alias', alias: [alias], msg: JSON.stringify({ n, sentAt: Date.now() }), num: String(n) });
  });
  const deadline = Date.now() + 60000;
  while ((seen.size < expected || answered < expected) && Date.now() < deadline) await sleep(20);
  const seconds = (Date.now() - started) / 1000;
  pairs.forEach(({ receiver, sender }) => { receiver.close(); sender.close(); });
  return {
    complete: seen.size === expected,
    row: { scenario: 'push-server TCP point-to-point, acked', pairs: opts.pairs, 'offered/s': opts.rate,
      delivered: `${seen.size}/${expected}`, duplicates, 'replies t:-6': answered, 'msgs/s': Math.round(seen.size / seconds),
      ...latencyColumns(latencies) },
  };
}

async function main() {
  const opts = options({ pairs: 100, messages: 50, rate: 2000 });
  const ok = await compare(opts, (target) => scenario(target, opts), 'msgs/s', { reference: referenceTarget, platform: platformTarget });
  process.exit(ok ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
