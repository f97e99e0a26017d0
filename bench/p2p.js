'use strict';
// Point to point: N pairs, each sender publishing M messages to its receiver's alias (publish_to_alias, QoS 1 by
// default: stored, sent, receipted), senders and receivers on different gateway nodes, R messages per second in
// all; prints msgs/s, delivery latency (emit to message arrival) and how many recvacks came back.
const { platform, options, client, request, percentile, table, sleep } = require('./lib');

async function main() {
  const opts = options({ pairs: 100, messages: 50, rate: 200, qos: 1 });
  const status = platform();
  const appkey = status.demo.appkey;
  const gateways = status.gateways.map((g) => g.pubsub);
  const run = Date.now();
  const latencies = [];
  const seen = new Set();
  let delivered = 0;
  let duplicates = 0;
  let recvacks = 0;

  const pairs = [];
  for (let i = 0; i < opts.pairs; i++) {
    const alias = `bench_p2p_${run}_${i}`;
    const receiver = await client(gateways[i % gateways.length], appkey, alias);
    await request(receiver, 'set_alias', { alias }, 'set_alias_ack');
    receiver.on('message', (m) => {
      const { n, sentAt } = JSON.parse(m.msg);
      if (seen.has(n)) { duplicates++; return; }
      seen.add(n);
      delivered++;
      latencies.push(Date.now() - Number(sentAt));
    });
    const sender = await client(gateways[(i + 1) % gateways.length], appkey, `bench_p2p_sender_${run}_${i}`);
    sender.on('recvack', () => recvacks++);
    pairs.push({ alias, receiver, sender });
  }

  const expected = opts.pairs * opts.messages;
  const started = Date.now();
  for (let n = 0; n < expected; n++) {
    const { alias, sender } = pairs[n % opts.pairs];
    sender.emit('publish2_to_alias', { alias, msg: JSON.stringify({ n, sentAt: Date.now() }), opts: { qos: opts.qos } });
    const due = started + ((n + 1) * 1000) / opts.rate;
    await sleep(Math.max(0, due - Date.now()));
  }
  const deadline = Date.now() + 60000;
  while ((delivered < expected || (opts.qos > 0 && recvacks < expected)) && Date.now() < deadline) await sleep(50);
  const seconds = (Date.now() - started) / 1000;

  latencies.sort((a, b) => a - b);
  table([{
    scenario: `point-to-point QoS ${opts.qos}`,
    gateways: gateways.length,
    routers: (status.routers || []).length,
    pairs: opts.pairs,
    'rate/s': opts.rate,
    delivered: `${delivered}/${expected}`,
    duplicates,
    recvacks: opts.qos > 0 ? recvacks : '-',
    'msgs/s': Math.round(delivered / seconds),
    'p50 ms': percentile(latencies, 50),
    'p99 ms': percentile(latencies, 99),
    'max ms': latencies[latencies.length - 1],
  }]);
  pairs.forEach(({ receiver, sender }) => { receiver.close(); sender.close(); });
  process.exit(delivered >= expected ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
