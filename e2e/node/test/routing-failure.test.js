'use strict';
// Two routing instances share the sessions by Kafka partition. One is killed (kill -9) while QoS 1 messages flow
// between pairs of clients whose sessions are spread over both: the survivor takes its partitions over, with the
// live connections it learns from PostgreSQL, and every message arrives. The instance is started again afterwards.
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

test('killing one of two routing instances loses no QoS 1 message', { timeout: 180000 }, async () => {
  // given pairs of clients, receivers on node 2 with an alias each, publishers on node 1, v4 and v2 mixed
  const run = Date.now();
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) {
    const version = i % 2 ? 'v2' : 'v4';
    const alias = `survivor_${run}_${i}`;
    const receiver = await session(version, 1, alias);
    await receiver.request('set_alias', { alias }, 'set_alias_ack');
    const received = new Set();
    receiver.socket.on('message', (m) => received.add(m.msg));
    pairs.push({ alias, receiver, received, publisher: await session(version, 0, `sender_${run}_${i}`) });
  }

  // when every publisher sends QoS 1 messages at 20/s and one routing instance dies a second in
  const victim = platform().services['routing-service-2'].pid;
  const sending = pairs.map(async ({ alias, publisher }) => {
    for (let n = 0; n < MESSAGES; n++) {
      publisher.emit('publish_to_alias', { alias, msg: `m${n}`, qos: 1 });
      await sleep(50);
    }
  });
  await sleep(1000);
  process.kill(victim, 'SIGKILL');
  const killedAt = Date.now();
  await Promise.all(sending);

  // then every receiver gets every message (at least once; duplicates are allowed by QoS 1)
  const complete = () => pairs.every((p) => p.received.size === MESSAGES);
  while (!complete() && Date.now() - killedAt < 90000) await sleep(250);
  const missing = pairs.map((p) => MESSAGES - p.received.size);
  console.log(`all ${PAIRS * MESSAGES} messages delivered ${Date.now() - killedAt} ms after the kill; missing per pair: ${missing}`);
  assert.deepEqual(missing, new Array(PAIRS).fill(0));
});
