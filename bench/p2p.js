'use strict';
// Point to point: N pairs, each sender publishing to its receiver's alias (publish2_to_alias, QoS 1 by default:
// stored, sent, receipted), senders and receivers on different gateway nodes, R messages per second in all, M per
// pair; against the Node reference and the platform in one run. Prints msgs/s, delivery latency (emit to message
// arrival), duplicates and recvacks, and the platform's rate as a ratio of the reference's.
// --kill S: S seconds into the load, routing-service-2 is killed with kill -9 (and started again by pushctl) while
// every client stays connected: the fault figure, nothing lost or duplicated, and how late the last message came.
const path = require('node:path');
const { spawn } = require('node:child_process');
const { options, compare, client, request, pace, latencyColumns, sleep } = require('./lib');

/** Kills a routing instance with kill -9 after `seconds`, without waiting for pushctl to start it again. */
function killRouterAfter(seconds, service) {
  return setTimeout(() => {
    console.error(`[bench] kill -9 ${service} (${seconds} s into the load)`);
    spawn(path.resolve(__dirname, '../pushctl'), ['restart', service, '--kill'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }, seconds * 1000);
}

async function scenario(target, opts) {
  const run = Date.now();
  const latencies = [];
  const seen = new Set();
  let delivered = 0;
  let duplicates = 0;
  let recvacks = 0;

  const pairs = [];
  for (let i = 0; i < opts.pairs; i++) {
    const alias = `bench_p2p_${run}_${i}`;
    const receiver = await client(target.urls[i % target.urls.length], target.appkey, alias);
    await request(receiver, 'set_alias', { alias }, 'set_alias_ack');
    receiver.on('message', (m) => {
      const { n, sentAt } = JSON.parse(m.msg);
      if (seen.has(n)) { duplicates++; return; }
      seen.add(n);
      delivered++;
      latencies.push(Date.now() - Number(sentAt));
    });
    const sender = await client(target.urls[(i + 1) % target.urls.length], target.appkey, `bench_p2p_sender_${run}_${i}`);
    sender.on('recvack', () => recvacks++);
    pairs.push({ alias, receiver, sender });
  }

  const expected = opts.pairs * opts.messages;
  const killing = opts.kill >= 0 && target.name === 'platform';
  if (killing) killRouterAfter(opts.kill, 'routing-service-2');
  const started = await pace(expected, opts.rate, (n) => {
    const { alias, sender } = pairs[n % opts.pairs];
    sender.emit('publish2_to_alias', { alias, msg: JSON.stringify({ n, sentAt: Date.now() }), opts: { qos: opts.qos } });
  });
  const deadline = Date.now() + (killing ? 120000 : 60000);
  while ((delivered < expected || (opts.qos > 0 && recvacks < expected)) && Date.now() < deadline) await sleep(20);
  const seconds = (Date.now() - started) / 1000;
  pairs.forEach(({ receiver, sender }) => { receiver.close(); sender.close(); });

  return {
    complete: delivered === expected,
    row: {
      scenario: `point-to-point QoS ${opts.qos}${killing ? `, routing-service-2 killed at ${opts.kill} s` : ''}`,
      pairs: opts.pairs,
      'offered/s': opts.rate,
      delivered: `${delivered}/${expected}`,
      duplicates,
      recvacks: opts.qos > 0 ? recvacks : '-',
      'msgs/s': Math.round(delivered / seconds),
      ...latencyColumns(latencies),
    },
  };
}

async function main() {
  const opts = options({ pairs: 100, messages: 50, rate: 5000, qos: 1, kill: -1 });
  const ok = await compare(opts, (target) => scenario(target, opts), 'msgs/s');
  process.exit(ok ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
