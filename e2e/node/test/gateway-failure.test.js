'use strict';
// A gateway node that vanishes without a goodbye (kill -9) is noticed by its missing heartbeats: its clients
// show offline within a bounded time, and what is sent to them meanwhile waits for their reconnect. The node is
// started again afterwards for the other test files.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { platform, pushctl } = require('./lib/platform');

const opened = [];
after(() => {
  opened.forEach((c) => c.close());
  pushctl('restart', 'connection-gateway-2');
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
