'use strict';
// Socket.IO transport reliability: hundreds of consecutive real client sessions per client version, in the
// modes real clients use (default polling-then-upgrade, polling only, websocket only), with zero hangs and
// zero lost packets. PUSH_E2E_SESSIONS sets the sessions per version and mode (default 200).
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect, open } = require('./lib/clients');
const { platform } = require('./lib/platform');

const SESSIONS = Number(process.env.PUSH_E2E_SESSIONS || 200);
const PARALLEL = Number(process.env.PUSH_E2E_PARALLEL || 4);
const BURST = 120;
const REPLY_TIMEOUT_MS = 4000;
// long enough for a healthy upgrade (milliseconds on loopback), far shorter than the 10 s upgrade timeout
const QUIET_MS = 1000;
const quietly = (ms) => new Promise((r) => setTimeout(r, ms));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e9)}`;

let publisher;
const appkey = () => platform().demo.appkey;
const url = (node) => platform().gateways[node % platform().gateways.length].pubsub;

before(async () => {
  publisher = await connect('v4', url(0), { transports: ['websocket'] });
  await publisher.connectApp(appkey(), uniq('reliability-publisher'));
});
after(() => publisher && publisher.close());

/** Runs `session` SESSIONS times, PARALLEL at a time, and returns the failures with their reasons. */
async function runSessions(session) {
  const failures = [];
  let next = 0;
  async function worker() {
    while (next < SESSIONS) {
      const i = next++;
      try { await session(i); } catch (e) { failures.push(`#${i}: ${e.message}`); }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return failures;
}

async function subscribed(version, node, options) {
  const c = await connect(version, url(node), options);
  await c.connectApp(appkey(), uniq('rel'));
  const topic = uniq('rel-topic');
  await c.request('subscribe', { topic }, 'suback');
  return { c, topic };
}

const VERSIONS = (process.env.PUSH_E2E_VERSIONS || 'v4,v2,v1').split(',');
for (const version of VERSIONS) {
  describe(`socket.io-client ${version}: ${SESSIONS} sessions per mode`, () => {
    test('default mode, emitting right after connecting: every emit is answered and the transport upgrades', async () => {
      const failures = await runSessions(async (i) => {
        const c = open(version, url(i));
        try {
          // emitted before the handshake completes: the client buffers it and sends it over polling
          const [ok] = await c.request('connect_v2', { appkey: appkey(), customid: uniq('emit') }, 'connack');
          assert.equal(ok.success, true);
          const topic = uniq('emit-topic');
          await c.request('subscribe', { topic }, 'suback');
          await c.request('publish', { topic, msg: 'to myself' }, 'puback');
          assert.equal((await c.next('message'))[0].msg, 'to myself');
          await quietly(QUIET_MS);
          assert.equal(c.transport, 'websocket', 'upgraded to websocket');
        } finally { c.close(); }
      });
      assert.deepEqual(failures, []);
    });

    test('default mode, quiet after connecting: the transport upgrades and later emits and pushes get through', async () => {
      const failures = await runSessions(async (i) => {
        const c = await connect(version, url(i));
        try {
          // nothing from either side while the client probes and upgrades
          await quietly(QUIET_MS + (i % 5) * 50);
          assert.equal(c.transport, 'websocket', 'upgraded to websocket');
          const [ok] = await c.request('connect_v2', { appkey: appkey(), customid: uniq('quiet') }, 'connack');
          assert.equal(ok.success, true);
          const topic = uniq('quiet-topic');
          await c.request('subscribe', { topic }, 'suback');
          publisher.emit('publish', { topic, msg: 'push after quiet', qos: 1 });
          assert.equal((await c.next('message'))[0].msg, 'push after quiet');
        } finally { c.close(); }
      });
      assert.deepEqual(failures, []);
    });

    test(`polling only, bursts of ${BURST} server pushes: no packet is lost`, async () => {
      const failures = await runSessions(async (i) => {
        const { c, topic } = await subscribed(version, i, { transports: ['polling'] });
        // a publisher of its own: one connection's burst stays inside the gateway's flood limit
        const burster = await connect('v4', url(i + 1), { transports: ['websocket'] });
        try {
          await burster.connectApp(appkey(), uniq('burster'));
          for (let n = 0; n < BURST; n++) burster.emit('publish', { topic, msg: String(n), qos: 0 });
          for (let n = 0; n < BURST; n++) {
            const [message] = await c.next('message', REPLY_TIMEOUT_MS);
            assert.equal(message.msg, String(n), 'pushes arrive complete and in order');
          }
        } finally { c.close(); burster.close(); }
      });
      assert.deepEqual(failures, []);
    });

    test('websocket only: every emit is answered and every push arrives', async () => {
      const failures = await runSessions(async (i) => {
        const { c, topic } = await subscribed(version, i, { transports: ['websocket'] });
        try {
          publisher.emit('publish', { topic, msg: 'ws push', qos: 1 });
          assert.equal((await c.next('message', REPLY_TIMEOUT_MS))[0].msg, 'ws push');
        } finally { c.close(); }
      });
      assert.deepEqual(failures, []);
    });
  });
}
