'use strict';
// Two routing instances share the sessions by Kafka partition. One is killed (kill -9) while QoS 1 and QoS 2
// messages flow between pairs of clients whose sessions are spread over both: the survivor takes its partitions
// over, with the live connections it learns from PostgreSQL, every message arrives, and QoS 2 ones exactly once.
// The instance is started again afterwards.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { platform, pushctl } = require('./lib/platform');

const PAIRS = 8;
const MESSAGES = 60;
const opened = [];
after(() => {
  opened.forEach((c) => c.close());
  pushctl('restart', 'routing-service-2');
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function session(version, node, customid) {
  const c = await connect(version, platform().gateways[node].pubsub);
  opened.push(c);
  await c.connectApp(platform().demo.appkey, customid);
  return c;
}

test('killing one of two routing instances loses no QoS 1 message and duplicates no QoS 2 one', { timeout: 180000 }, async () => {
  // given pairs of clients, receivers on node 2 with an alias each, publishers on node 1, v4 and v2 mixed
  const run = Date.now();
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) {
    const version = i % 2 ? 'v2' : 'v4';
    const alias = `survivor_${run}_${i}`;
    const receiver = await session(version, 1, alias);
    await receiver.request('set_alias', { alias }, 'set_alias_ack');
    const received = new Set();
    const pair = { alias, receiver, received, qos: i < PAIRS / 2 ? 1 : 2, duplicates: 0 };
    receiver.socket.on('message', (m) => {
      if (received.has(m.msg)) pair.duplicates++;
      received.add(m.msg);
    });
    pair.publisher = await session(version, 0, `sender_${run}_${i}`);
    pairs.push(pair);
  }

  // when every publisher sends messages at 20/s (half the pairs QoS 1, half QoS 2) and one routing instance dies
  // a second in
  const victim = platform().services['routing-service-2'].pid;
  const sending = pairs.map(async ({ alias, publisher, qos }) => {
    for (let n = 0; n < MESSAGES; n++) {
      publisher.emit('publish2_to_alias', { alias, msg: `m${n}`, opts: { qos, messageId: `${alias}-${n}` } });
      await sleep(50);
    }
  });
  await sleep(1000);
  process.kill(victim, 'SIGKILL');
  const killedAt = Date.now();
  await Promise.all(sending);

  // then every receiver gets every message: QoS 1 at least once, QoS 2 exactly once
  const complete = () => pairs.every((p) => p.received.size === MESSAGES);
  while (!complete() && Date.now() - killedAt < 90000) await sleep(250);
  await sleep(2000); // time for a late duplicate to show
  const missing = pairs.map((p) => MESSAGES - p.received.size);
  const duplicates = pairs.map((p) => `QoS ${p.qos}: ${p.duplicates}`);
  console.log(`${PAIRS * MESSAGES} messages, delivered within ${Date.now() - killedAt} ms of the kill; missing per pair: ${missing}; duplicates: ${duplicates}`);
  assert.deepEqual(missing, new Array(PAIRS).fill(0));
  assert.deepEqual(pairs.filter((p) => p.qos === 2).map((p) => p.duplicates), new Array(PAIRS / 2).fill(0));
});
