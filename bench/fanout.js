'use strict';
// Fan-out: N subscribers of one topic spread over every gateway node, one publisher sending M messages at
// R per second (QoS 0 unless --qos); prints deliveries/s and delivery latency (publish emit to message arrival).
const { platform, options, client, request, percentile, table, sleep } = require('./lib');

async function main() {
  const opts = options({ subscribers: 200, messages: 200, rate: 50, qos: 0 });
  const status = platform();
  const appkey = status.demo.appkey;
  const gateways = status.gateways.map((g) => g.pubsub);
  const topic = `bench_fanout_${Date.now()}`;
  const latencies = [];
  let deliveries = 0;

  const subscribers = [];
  for (let i = 0; i < opts.subscribers; i++) {
    const socket = await client(gateways[i % gateways.length], appkey, `bench-sub-${i}-${Date.now()}`);
    await request(socket, 'subscribe', { topic }, 'suback');
    socket.on('message', (m) => {
      deliveries++;
      latencies.push(Date.now() - Number(JSON.parse(m.msg).sentAt));
    });
    subscribers.push(socket);
  }
  const publisher = await client(gateways[0], appkey, `bench-pub-${Date.now()}`);

  const expected = opts.subscribers * opts.messages;
  const started = Date.now();
  for (let n = 0; n < opts.messages; n++) {
    publisher.emit('publish', { topic, msg: JSON.stringify({ n, sentAt: Date.now() }), qos: opts.qos });
    const due = started + ((n + 1) * 1000) / opts.rate;
    await sleep(Math.max(0, due - Date.now()));
  }
  const deadline = Date.now() + 30000;
  while (deliveries < expected && Date.now() < deadline) await sleep(50);
  const seconds = (Date.now() - started) / 1000;

  latencies.sort((a, b) => a - b);
  table([{
    scenario: `fan-out QoS ${opts.qos}`,
    gateways: gateways.length,
    subscribers: opts.subscribers,
    messages: opts.messages,
    'rate/s': opts.rate,
    delivered: `${deliveries}/${expected}`,
    'deliveries/s': Math.round(deliveries / seconds),
    'p50 ms': percentile(latencies, 50),
    'p99 ms': percentile(latencies, 99),
    'max ms': latencies[latencies.length - 1],
  }]);
  subscribers.forEach((s) => s.close());
  publisher.close();
  process.exit(deliveries === expected ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
