'use strict';
// Chat: the chat API (socket.io-client v4, devices spread over the gateway nodes) against a plain Node socket.io
// server keeping the same rules in memory (reference-chat-server.js) and the platform, in one run; two tables.
//   1:1: P pairs of contacts, each receiver with two devices (web and mobile, on different nodes), the senders
//        sending R messages per second in all, M per pair; a message counts delivered once both devices of its
//        receiver have it (stored first, on the platform). msgs/s and the latency from send to the second device.
//   group: one group of G members of whom O are online (a device each), K messages from one member at 10 per
//        second: the latency from send to the last online member's delivery, p50/p99.
//   bench/run chat [--pairs P] [--messages M] [--rate R] [--group G] [--online O] [--groupMessages K] [--target ...]
const path = require('node:path');
const readline = require('node:readline');
const { execFileSync, spawn } = require('node:child_process');
const io = require('socket.io-client');
const { options, compare, pace, latencyColumns, sleep } = require('./lib');

function platformTarget() {
  const status = JSON.parse(execFileSync(path.resolve(__dirname, '../pushctl'), ['status', '--json'], { encoding: 'utf8' }));
  if (!status.running) throw new Error('the platform is not running: start it with ./pushctl up --detach --gateways 2');
  const rest = (status.chatServices || [{ http: status.chat }]).map((c) => c.http);
  return {
    name: 'platform', app: status.demo.appkey, token: status.demo.adminToken, rest, sockets: status.gateways.map((g) => g.chat),
    detail: `${status.gateways.length} gateways, ${rest.length} chat-service`, stop: () => {},
  };
}

function referenceTarget() {
  const child = spawn(process.execPath, [path.join(__dirname, 'reference-chat-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => readline.createInterface({ input: child.stdout }).once('line', (port) => resolve({
    name: 'node reference', app: 'reference', token: 'none', rest: [`http://127.0.0.1:${port}`], sockets: [`http://127.0.0.1:${port}`],
    detail: '1 Node process', stop: () => child.kill(),
  })));
}

async function call(target, method, urlPath, body) {
  const res = await fetch(`${target.rest[0]}/admin/apps/${target.app}${urlPath}`, {
    method, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + target.token },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${urlPath}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** An account with a token. */
async function account(target, id) {
  await call(target, 'POST', '/accounts', { id, name: id });
  return (await call(target, 'POST', `/accounts/${id}/tokens`, {})).token;
}

/** A device of an account, resolved once its first request is answered (authenticated). */
function device(target, n, token, name) {
  return new Promise((resolve, reject) => {
    const socket = io(target.sockets[n % target.sockets.length], {
      forceNew: true, reconnection: false, transports: ['websocket'], query: { token, app: target.app, device: name },
    });
    const timer = setTimeout(() => reject(new Error('no answer from ' + target.sockets[n % target.sockets.length])), 30000);
    socket.once('connect', () => socket.emit('unread count', {}, () => { clearTimeout(timer); resolve(socket); }));
    socket.once('connect_error', (e) => { clearTimeout(timer); reject(e); });
  });
}

async function direct(target, opts) {
  const run = Date.now().toString(36);
  const arrivals = new Map(); // n -> devices that have it
  const latencies = [];
  let complete = 0;
  let duplicates = 0;
  const pairs = [];
  for (let i = 0; i < opts.pairs; i++) {
    const [from, to] = [`bs${i}_${run}`, `br${i}_${run}`];
    const [fromToken, toToken] = [await account(target, from), await account(target, to)];
    await call(target, 'PUT', `/accounts/${from}/contacts/${to}`);
    const sender = await device(target, i, fromToken, 'web');
    for (const [k, name] of ['web', 'mobile'].entries()) {
      const receiver = await device(target, i + k, toToken, name);
      receiver.on('new message', (m) => {
        const { n, sentAt } = JSON.parse(m.msg.con);
        const got = arrivals.get(n) || new Set();
        if (got.has(name)) { duplicates++; return; }
        got.add(name);
        arrivals.set(n, got);
        if (got.size === 2) { complete++; latencies.push(Date.now() - sentAt); }
      });
      pairs.push({ receiver });
    }
    pairs[pairs.length - 1].sender = sender;
    pairs[pairs.length - 1].to = to;
  }
  const senders = pairs.filter((p) => p.sender);
  const expected = opts.pairs * opts.messages;
  let refused = 0;
  const started = await pace(expected, opts.rate, (n) => {
    const { sender, to } = senders[n % senders.length];
    sender.emit('send message', { touser: to, msg: JSON.stringify({ n, sentAt: Date.now() }), type: 1 }, (answer) => { if (!answer.id) refused++; });
  });
  const deadline = Date.now() + 60000;
  while (complete < expected && Date.now() < deadline) await sleep(20);
  const seconds = (Date.now() - started) / 1000;
  pairs.forEach((p) => { p.receiver.close(); if (p.sender) p.sender.close(); });
  return {
    complete: complete === expected,
    row: {
      scenario: '1:1, to both devices of the receiver', pairs: opts.pairs, 'offered/s': opts.rate,
      delivered: `${complete}/${expected}`, duplicates, refused, 'msgs/s': Math.round(complete / seconds), ...latencyColumns(latencies),
    },
  };
}

async function group(target, opts) {
  const run = Date.now().toString(36);
  const members = Array.from({ length: opts.group }, (_, i) => `gm${i}_${run}`);
  const tokens = [];
  for (const [i, id] of members.entries()) {
    if (i <= opts.online) tokens.push(await account(target, id)); else await call(target, 'POST', '/accounts', { id, name: id });
  }
  const gid = `bg_${run}`;
  await call(target, 'POST', '/groups', { id: gid, name: 'Bench', creator: members[0], members: members.slice(1) });
  const sender = await device(target, 0, tokens[0], 'web');
  const firstArrivals = new Map(); // n -> count
  const lastLatencies = [];
  const online = [];
  for (let i = 1; i <= opts.online; i++) {
    const d = await device(target, i, tokens[i], 'web');
    d.on('new group message', (m) => {
      const { n, sentAt } = JSON.parse(m.msg.con);
      const count = (firstArrivals.get(n) || 0) + 1;
      firstArrivals.set(n, count);
      if (count === opts.online) lastLatencies.push(Date.now() - sentAt);
    });
    online.push(d);
  }
  const started = await pace(opts.groupMessages, 10, (n) => {
    sender.emit('send group message', { togroup: gid, msg: JSON.stringify({ n, sentAt: Date.now() }), type: 1 }, () => {});
  });
  const deadline = Date.now() + 60000;
  while (lastLatencies.length < opts.groupMessages && Date.now() < deadline) await sleep(20);
  const seconds = (Date.now() - started) / 1000;
  const deliveries = [...firstArrivals.values()].reduce((a, b) => a + b, 0);
  online.forEach((d) => d.close());
  sender.close();
  return {
    complete: lastLatencies.length === opts.groupMessages,
    row: {
      scenario: `group of ${opts.group}, ${opts.online} online: last delivery`, messages: opts.groupMessages,
      'all reached': `${lastLatencies.length}/${opts.groupMessages}`, 'deliveries/s': Math.round(deliveries / seconds),
      ...latencyColumns(lastLatencies),
    },
  };
}

async function main() {
  const opts = options({ pairs: 100, messages: 20, rate: 2000, group: 1000, online: 100, groupMessages: 20 });
  const targets = { reference: referenceTarget, platform: platformTarget };
  const directOk = await compare(opts, (target) => direct(target, opts), 'msgs/s', targets);
  const groupOk = await compare(opts, (target) => group(target, opts), 'deliveries/s', targets);
  process.exit(directOk && groupOk ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
