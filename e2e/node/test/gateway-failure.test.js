'use strict';
// A gateway node that vanishes without a goodbye (kill -9) is noticed by its missing heartbeats: its clients
// show offline within a bounded time, and what is sent to them meanwhile waits for their reconnect. The node is
// started again afterwards for the other test files. A node that was only paused past its heartbeats (SIGSTOP, as a
// long GC pause or a stalled VM) strands none of its clients when it goes on.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { platform, pushctl } = require('./lib/platform');

const opened = [];
after(() => {
  opened.forEach((c) => c.close());
  pushctl('restart', 'connection-gateway-2');
});

test('a gateway node paused past its heartbeats and then resumed does not strand its clients', { timeout: 120000 }, async () => {
  // given a client with an alias on node 2, and a publisher on node 1
  const status = platform();
  const pid = JSON.parse(pushctl('status', '--json')).services[status.gateways[1].service].pid;
  const alias = `paused_${Date.now()}`;
  const paused = await connect('v4', status.gateways[1].pubsub, { transports: ['websocket'] });
  opened.push(paused);
  await paused.connectApp(status.demo.appkey, alias);
  await paused.request('set_alias', { alias }, 'set_alias_ack');
  const publisher = await connect('v4', status.gateways[0].pubsub);
  opened.push(publisher);
  await publisher.connectApp(status.demo.appkey, `publisher_${Date.now()}`);

  // when node 2 stops (a long GC pause, a stalled VM) until routing takes it for dead, then goes on
  process.kill(pid, 'SIGSTOP');
  try {
    let state;
    const stoppedAt = Date.now();
    do {
      await new Promise((r) => setTimeout(r, 250));
      [state] = await publisher.request('get_state', { alias }, 'get_state_ack');
    } while (state.data !== 'offline' && Date.now() - stoppedAt < 30000);
    assert.equal(state.data, 'offline', 'routing took the paused node for dead');
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  const [puback] = await publisher.request('publish2_to_alias', { alias, msg: 'after the pause', opts: { qos: 1 } }, 'puback');
  assert.equal(puback.success, true);

  // then its client gets the message: at once, or after the node closed it and it connected again (as clients do)
  const got = await Promise.race([
    paused.next('message', 20000).then((args) => args[0]),
    paused.disconnects(20000).then(async (closed) => {
      assert.ok(closed, 'neither the message nor a disconnect within 20 s');
      const back = await connect('v4', status.gateways[1].pubsub);
      opened.push(back);
      await back.connectApp(status.demo.appkey, alias);
      return (await back.next('message'))[0];
    }),
  ]);
  assert.deepEqual(got, { topic: alias, msg: 'after the pause' });
});

test('clients of a killed gateway node show offline within three heartbeat intervals', { timeout: 120000 }, async () => {
  // given a client with an alias on node 2, and an observer on node 1
  const status = platform();
  const alias = `doomed_${Date.now()}`;
  const doomed = await connect('v4', status.gateways[1].pubsub, { transports: ['websocket'] });
  opened.push(doomed);
  await doomed.connectApp(status.demo.appkey, alias); // the alias doubles as customid
  await doomed.request('set_alias', { alias }, 'set_alias_ack');
  const observer = await connect('v4', status.gateways[0].pubsub);
  opened.push(observer);
  await observer.connectApp(status.demo.appkey, `observer_${Date.now()}`);
  assert.deepEqual(await observer.request('get_state', { alias }, 'get_state_ack'), [{ success: true, data: 'online' }]);

  // when node 2 dies without closing anything
  process.kill(status.services[status.gateways[1].service].pid, 'SIGKILL');
  const killedAt = Date.now();

  // then its client turns offline once routing has missed three heartbeats
  const intervalMs = 1000 * Number((process.env.PUSH_HEARTBEAT_INTERVAL || '5s').replace('s', ''));
  let state;
  while (Date.now() - killedAt < 3 * intervalMs + 10000) {
    [state] = await observer.request('get_state', { alias }, 'get_state_ack');
    if (state.data === 'offline') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const detectedAfterMs = Date.now() - killedAt;
  assert.deepEqual(state, { success: true, data: 'offline' });
  console.log(`gateway death noticed after ${detectedAfterMs} ms (heartbeat every ${intervalMs} ms)`);
  assert.ok(detectedAfterMs >= 2 * intervalMs, 'not before heartbeats were actually missed');

  // and a QoS 1 message sent while it is away reaches it when it reconnects through the surviving node
  const [puback] = await observer.request('publish_to_alias', { alias, msg: 'while you were away' }, 'puback');
  assert.equal(puback.success, true);
  const back = await connect('v2', status.gateways[0].pubsub);
  opened.push(back);
  await back.connectApp(status.demo.appkey, alias);
  assert.deepEqual((await back.next('message'))[0], { topic: alias, msg: 'while you were away' });
});
