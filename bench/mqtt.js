'use strict';
// MQTT in the terms of the Open MQTT Benchmark Suite (emqx/mqttbs), scaled to one machine, npm mqtt clients, QoS 1,
// 16-byte payloads, against Debian's Mosquitto and the platform (publishers and subscribers spread over its gateway
// nodes) in one run. Per scenario: success rate, throughput and p90/p99 latency, and the platform's throughput as a
// ratio of Mosquitto's.
//   conn      C connections opened at R per second (mqttbs conn-tcp-10K-1K at 1/5 scale)
//   p2p       P publishers each to its own subscriber's topic, R messages per second in all (p2p-1K-1K-1K-1K)
//   fanout    5 publishers, S subscribers on 5 topics, each message to S/5 of them, F deliveries per second (fanout-5-1000-5-5K)
//   sharesub  P publishers on P topics, 5 subscribers in one shared subscription, R per second (sharesub-1K-5-1K-1K)
//   bench/run mqtt [--scenario all|conn|p2p|fanout|sharesub] [--connections C] [--connectRate R] [--pairs P] [--rate R]
//                  [--seconds T] [--subscribers S] [--fanoutRate F] [--target platform|reference|both]
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const mqtt = require('mqtt');
const { pace, sleep, table } = require('./lib');
const { startMosquitto } = require('../e2e/node/test/lib/mosquitto');

function parse() {
  const o = { scenario: 'all', connections: 2000, connectRate: 500, pairs: 200, rate: 1000, seconds: 10, subscribers: 500, fanoutRate: 5000,
    target: 'both' };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i].replace(/^--/, '');
    if (!(key in o)) throw new Error(`unknown option --${key}; known: ${Object.keys(o).join(', ')}`);
    o[key] = ['scenario', 'target'].includes(key) ? args[i + 1] : Number(args[i + 1]);
  }
  return o;
}

async function platformTarget() {
  const status = JSON.parse(execFileSync(path.resolve(__dirname, '../pushctl'), ['status', '--json'], { encoding: 'utf8' }));
  if (!status.running) throw new Error('the platform is not running: start it with ./pushctl up --detach --gateways 2');
  const res = await fetch(`${status.routing}/admin/apps`, { method: 'POST', headers: { 'content-type': 'application/json',
    authorization: 'Bearer ' + status.demo.adminToken }, body: JSON.stringify({ name: `bench-mqtt-${Date.now()}` }) });
  const app = await res.json();
  return { name: 'platform', urls: status.gateways.map((g) => g.mqtt), username: app.appkey, password: app.secret,
    detail: `${status.gateways.length} gateways, Kafka, PostgreSQL`, stop: () => {} };
}

async function mosquittoTarget() {
  const broker = await startMosquitto();
  return { name: 'mosquitto', urls: [broker.url], username: 'bench', password: 'bench', detail: 'Mosquitto 2, in memory', stop: broker.stop };
}

function connect(target, i, options = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const c = mqtt.connect(target.urls[i % target.urls.length], { username: target.username, password: target.password,
      reconnectPeriod: 0, connectTimeout: 30000, protocolVersion: 5, ...options });
    c.once('connect', () => { c.connectMs = Date.now() - started; resolve(c); });
    c.once('error', (e) => { c.end(true); reject(e); });
  });
}

const subscribe = (c, filter) => new Promise((resolve, reject) => c.subscribe(filter, { qos: 1 }, (e) => (e ? reject(e) : resolve())));

/** 16 bytes: the send time (ms, a double) and the message's number. */
function payload(n) {
  const b = Buffer.alloc(16);
  b.writeDoubleBE(Date.now(), 0);
  b.writeUInt32BE(n, 8);
  return b;
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/** Counts deliveries (and duplicates) until `expected` came or nothing new came for 10 s. */
async function collect(subscribers, expected, started) {
  const latencies = [];
  const seen = new Set();
  let duplicates = 0;
  let last = Date.now();
  subscribers.forEach((s, i) => s.on('message', (topic, p) => {
    const key = `${i}:${p.readUInt32BE(8)}`;
    if (seen.has(key)) { duplicates++; return; }
    seen.add(key);
    latencies.push(Date.now() - p.readDoubleBE(0));
    last = Date.now();
  }));
  return {
    latencies, get duplicates() { return duplicates; },
    done: async () => {
      while (latencies.length < expected && Date.now() - last < 30000) await sleep(100);
      return Date.now() - started;
    },
  };
}

function row(name, expected, got, ms, latencies, duplicates) {
  latencies.sort((a, b) => a - b);
  return { scenario: name, expected, received: got, 'success %': ((100 * got) / expected).toFixed(1), duplicates,
    'msgs/s': Math.round((got * 1000) / ms), 'p90 ms': percentile(latencies, 90), 'p99 ms': percentile(latencies, 99) };
}

async function closeAll(clients) {
  await Promise.all(clients.map((c) => new Promise((r) => c.end(true, {}, r))));
}

const SCENARIOS = {
  async conn(target, o) {
    const clients = [];
    let failed = 0;
    const started = Date.now();
    const pending = [];
    await pace(o.connections, o.connectRate, (n) => pending.push(connect(target, n, { clientId: `bench-conn-${started}-${n}` })
      .then((c) => clients.push(c), () => { failed++; })));
    await Promise.all(pending);
    const ms = Date.now() - started;
    const latencies = clients.map((c) => c.connectMs).sort((a, b) => a - b);
    await closeAll(clients);
    return { scenario: `conn-${o.connections}-${o.connectRate}`, expected: o.connections, received: clients.length,
      'success %': ((100 * clients.length) / o.connections).toFixed(1), duplicates: 0, 'msgs/s': Math.round((clients.length * 1000) / ms),
      'p90 ms': percentile(latencies, 90), 'p99 ms': percentile(latencies, 99) };
  },

  async p2p(target, o) {
    const run = Date.now();
    const subs = [];
    const pubs = [];
    for (let i = 0; i < o.pairs; i++) {
      const s = await connect(target, i + 1);
      await subscribe(s, `bench/p2p/${run}/${i}`);
      subs.push(s);
      pubs.push(await connect(target, i));
    }
    const total = o.rate * o.seconds;
    const started = Date.now();
    const counter = await collect(subs, total, started);
    let acked = 0;
    await pace(total, o.rate, (n) => pubs[n % o.pairs].publish(`bench/p2p/${run}/${n % o.pairs}`, payload(n), { qos: 1 }, (e) => { if (!e) acked++; }));
    const ms = await counter.done();
    console.error(`[bench] p2p: ${acked} of ${total} publishes acked`);
    await closeAll([...subs, ...pubs]);
    return row(`p2p-${o.pairs}-${o.pairs}-${o.pairs}-${o.rate}`, total, counter.latencies.length, ms, counter.latencies, counter.duplicates);
  },

  async fanout(target, o) {
    const run = Date.now();
    const subs = [];
    for (let i = 0; i < o.subscribers; i++) {
      const s = await connect(target, i + 1);
      await subscribe(s, `bench/fan/${run}/${i % 5}`);
      subs.push(s);
    }
    const pubs = [];
    for (let i = 0; i < 5; i++) pubs.push(await connect(target, i));
    // --fanoutRate deliveries per second in all: each publish reaches the subscribers of its topic (subscribers / 5)
    const perTopic = o.subscribers / 5;
    const publishes = Math.max(1, Math.round((o.fanoutRate * o.seconds) / perTopic));
    const started = Date.now();
    const counter = await collect(subs, publishes * perTopic, started);
    await pace(publishes, publishes / o.seconds, (n) => pubs[n % 5].publish(`bench/fan/${run}/${n % 5}`, payload(n), { qos: 1 }));
    const ms = await counter.done();
    await closeAll([...subs, ...pubs]);
    return row(`fanout-5-${o.subscribers}-5-${o.fanoutRate}`, publishes * perTopic, counter.latencies.length, ms, counter.latencies,
      counter.duplicates);
  },

  async sharesub(target, o) {
    const run = Date.now();
    const subs = [];
    for (let i = 0; i < 5; i++) {
      const s = await connect(target, i + 1);
      await subscribe(s, `$share/bench/bench/share/${run}/#`);
      subs.push(s);
    }
    const pubs = [];
    for (let i = 0; i < o.pairs; i++) pubs.push(await connect(target, i));
    const total = o.rate * o.seconds;
    const started = Date.now();
    // one copy per message across the group: count by message number alone
    const latencies = [];
    const seen = new Set();
    let duplicates = 0;
    let last = Date.now();
    subs.forEach((s) => s.on('message', (topic, p) => {
      const n = p.readUInt32BE(8);
      if (seen.has(n)) { duplicates++; return; }
      seen.add(n);
      latencies.push(Date.now() - p.readDoubleBE(0));
      last = Date.now();
    }));
    await pace(total, o.rate, (n) => pubs[n % o.pairs].publish(`bench/share/${run}/${n % o.pairs}`, payload(n), { qos: 1 }));
    while (latencies.length < total && Date.now() - last < 10000) await sleep(100);
    const ms = Date.now() - started;
    await closeAll([...subs, ...pubs]);
    return row(`sharesub-${o.pairs}-5-${o.pairs}-${o.rate}`, total, latencies.length, ms, latencies, duplicates);
  },
};

(async () => {
  const o = parse();
  const names = o.scenario === 'all' ? Object.keys(SCENARIOS) : [o.scenario];
  const kinds = o.target === 'both' ? ['reference', 'platform'] : [o.target];
  const rows = [];
  for (const name of names) {
    const pair = [];
    for (const kind of kinds) {
      const target = await (kind === 'reference' ? mosquittoTarget() : platformTarget());
      try {
        const result = await SCENARIOS[name](target, o);
        pair.push({ target: target.name, setup: target.detail, ...result });
        console.error(`[bench] ${name} on ${target.name}: ${JSON.stringify(result)}`);
      } finally {
        target.stop();
      }
      await sleep(2000);
    }
    if (pair.length === 2) pair[1].ratio = (pair[1]['msgs/s'] / pair[0]['msgs/s']).toFixed(2) + 'x';
    rows.push(...pair);
  }
  table(rows);
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
