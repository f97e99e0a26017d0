'use strict';
// A gateway node that vanishes without a goodbye (kill -9) is noticed by its missing heartbeats: its clients
// show offline within a bounded time. The platform is restarted afterwards for the other test files.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { connect } = require('./lib/clients');
const { platform, ROOT } = require('./lib/platform');

const opened = [];
const pushctl = (...args) => execFileSync(path.join(ROOT, 'pushctl'), args, { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
after(() => {
  opened.forEach((c) => c.close());
  pushctl('down');
  pushctl('up', '--detach', '--gateways', '2');
});

test('clients of a killed gateway node show offline within three heartbeat intervals', { timeout: 120000 }, async () => {
  // given a client with an alias on node 2, and an observer on node 1
  const status = platform();
  const alias = `doomed_${Date.now()}`;
  const doomed = await connect('v4', status.gateways[1].pubsub, { transports: ['websocket'] });
  opened.push(doomed);
  await doomed.connectApp(status.demo.appkey, alias);
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
});
