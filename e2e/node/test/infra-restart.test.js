'use strict';
// Kafka and PostgreSQL restarted under a running platform (./pushctl restart kafka|postgres): QoS 1 messages
// stored for an offline client before the restart reach it after, and publishing works again end to end. Right after
// a Kafka restart, the first publishes (a kafkajs command on push.commands, a client's publish) reach a subscriber
// that stayed connected, each sent once.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { Kafka, logLevel } = require('kafkajs');
const { platform, pushctl, awaitHealthy } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function session(version, node, customid) {
  const c = await connect(version, platform().gateways[node].pubsub);
  opened.push(c);
  const [ok] = await c.connectApp(platform().demo.appkey, customid);
  assert.equal(ok.success, true);
  return c;
}

/** Asks until the platform answers again after the restart: the first frames may wait for reconnects. */
async function untilAnswered(client, event, payload, reply) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.request(event, payload, reply);
    } catch (e) {
      if (attempt === 6) throw e;
    }
  }
}

for (const component of ['kafka', 'postgres']) {
  test(`messages stored before a ${component} restart are delivered after it`, { timeout: 240000 }, async () => {
    // given an offline receiver with messages waiting for it
    const alias = `patient_${component}_${Date.now()}`;
    const receiver = await session('v4', 1, alias);
    await receiver.request('set_alias', { alias }, 'set_alias_ack');
    const publisher = await session('v2', 0, `sender_${component}_${Date.now()}`);
    receiver.close();
    for (let i = 0; i < 50; i++) {
      const [state] = await publisher.request('get_state', { alias }, 'get_state_ack');
      if (state.data === 'offline') break;
      await sleep(100);
    }
    for (let n = 1; n <= 5; n++) {
      assert.equal((await publisher.request('publish_to_alias', { alias, msg: `before ${n}` }, 'puback'))[0].success, true);
    }

    // when
    const started = Date.now();
    pushctl('restart', component);
    console.log(`${component} restarted in ${Date.now() - started} ms`);

    // then the receiver gets them on reconnect, and new messages flow
    const back = await connect('v4', platform().gateways[0].pubsub);
    opened.push(back);
    await untilAnswered(back, 'connect_v2', { appkey: platform().demo.appkey, customid: alias }, 'connack');
    const got = [];
    while (got.length < 5) got.push((await back.next('message', 60000))[0].msg);
    assert.deepEqual([...new Set(got)].sort(), ['before 1', 'before 2', 'before 3', 'before 4', 'before 5']);
    const [puback] = await untilAnswered(publisher, 'publish_to_alias', { alias, msg: 'after' }, 'puback');
    assert.equal(puback.success, true);
    let next;
    do { [next] = await back.next('message', 60000); } while (next.msg !== 'after');
    console.log(`${component}: stored messages and a new one delivered ${Date.now() - started} ms after the restart began`);
    await awaitHealthy();
    console.log(`${component}: every service healthy again ${Date.now() - started} ms after the restart began`);
  });
}

// Issue 17 item 3: when Kafka stopped, a gateway's beats and routing's own probes stopped together, and routing took
// the node for dead in the moment before it noticed it was deaf; the node then closed its connections (item 4's
// repair) and this subscriber got nothing. On a failure the test says whether the subscriber was disconnected and
// whether the messages came late (how late) or not at all.
test('the first publishes right after a Kafka restart reach a subscriber that stayed connected, each sent once',
  { timeout: 240000 }, async () => {
  // given a subscriber on node 2 and a publisher on node 1, connected through the restart
  const topic = `after_restart_${Date.now()}`;
  const subscriber = await session('v4', 1, `subscriber_${Date.now()}`);
  const disconnects = [];
  let restartedAt = Date.now();
  subscriber.socket.on('disconnect', (reason) => disconnects.push(`${reason} at +${Date.now() - restartedAt} ms`));
  assert.equal((await subscriber.request('subscribe', { topic }, 'suback'))[0].success, true);
  const publisher = await session('v4', 0, `publisher_${Date.now()}`);

  // when Kafka restarts, and right after it a command on push.commands and a client's publish are sent once each
  pushctl('restart', 'kafka');
  restartedAt = Date.now();
  const producer = new Kafka({ clientId: 'e2e-after-restart', brokers: [platform().kafka], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({ topic: 'push.commands', messages: [{ value: JSON.stringify({ type: 'publish', appkey: platform().demo.appkey,
      topic, msg: 'by command', opts: { qos: 1 } }) }] });
  } finally {
    await producer.disconnect();
  }
  publisher.emit('publish', { topic, msg: 'by client', qos: 1 });

  // then the subscriber gets both within seconds, without a second try
  const sentAt = Date.now();
  const got = new Set();
  const arrived = async (ms) => {
    while (got.size < 2) {
      try { got.add((await subscriber.next('message', Math.max(1, sentAt + ms - Date.now())))[0].msg); } catch (e) { return false; }
    }
    return true;
  };
  if (!(await arrived(10000))) {
    const late = await arrived(60000);
    assert.fail(`within 10 s the subscriber got ${JSON.stringify([...got])}; ${late ? `the rest came ${Date.now() - sentAt} ms`
      + ' after they were sent' : 'the rest never came (60 s)'}; the subscriber was ${disconnects.length ? `disconnected: ${disconnects}`
      : 'never disconnected'}`);
  }
  console.log(`the first publishes after the Kafka restart arrived ${Date.now() - sentAt} ms after they were sent`);
  assert.deepEqual([...got].sort(), ['by client', 'by command']);
  const [puback] = await publisher.next('puback', 15000);
  assert.equal(puback.success, true);
});
