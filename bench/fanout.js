'use strict';
// Fan-out: N subscribers of one topic spread over every gateway node, one publisher sending M messages at R per
// second (QoS 0 unless --qos); against the Node reference and the platform in one run. Prints deliveries/s and
// delivery latency (publish emit to message arrival), and the platform's rate as a ratio of the reference's.
const { options, compare, client, request, pace, latencyColumns, sleep } = require('./lib');

async function scenario(target, opts) {
  const topic = `bench_fanout_${Date.now()}`;
  const latencies = [];
  let deliveries = 0;

  const subscribers = [];
  for (let i = 0; i < opts.subscribers; i++) {
    const socket = await client(target.urls[i % target.urls.length], target.appkey, `bench-sub-${i}-${Date.now()}`);
    await request(socket, 'subscribe', { topic }, 'suback');
    socket.on('message', (m) => {
      deliveries++;
      latencies.push(Date.now() - Number(JSON.parse(m.msg).sentAt));
    });
    subscribers.push(socket);
  }
  const publisher = await client(target.urls[0], target.appkey, `bench-pub-${Date.now()}`);

  const expected = opts.subscribers * opts.messages;
  const started = await pace(opts.messages, opts.rate, (n) =>
    publisher.emit('publish', { topic, msg: JSON.stringify({ n, sentAt: Date.now() }), qos: opts.qos }));
  const deadline = Date.now() + 30000;
  while (deliveries < expected && Date.now() < deadline) await sleep(20);
  const seconds = (Date.now() - started) / 1000;
  subscribers.forEach((s) => s.close());
  publisher.close();

  return {
    complete: deliveries === expected,
    row: {
      scenario: `fan-out QoS ${opts.qos}`,
      subscribers: opts.subscribers,
      messages: opts.messages,
      'offered/s': opts.rate,
      delivered: `${deliveries}/${expected}`,
      'deliveries/s': Math.round(deliveries / seconds),
      ...latencyColumns(latencies),
    },
  };
}

async function main() {
  const opts = options({ subscribers: 500, messages: 1000, rate: 190, qos: 0 });
  const ok = await compare(opts, (target) => scenario(target, opts), 'deliveries/s');
  process.exit(ok ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
