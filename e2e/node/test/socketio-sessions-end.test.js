'use strict';
// A Socket.IO session its client closed is gone from the gateway: not counted, not reported to routing as connected.
// Polling clients that close right after a burst of pushes have a poll in flight while their disconnect packet is
// handled, which netty-socketio answers by connecting the session again. The gateway is one more JVM of its own, so
// that its connection count is this file's clients alone.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { createApp } = require('./lib/platform');
const { startExtraGateway, freePort } = require('./lib/extra-gateway');

const SESSIONS = Number(process.env.PUSH_E2E_SESSIONS || 200);
const PARALLEL = 4;
const BURST = 20;
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e9)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let gateway;
let ports;

before(async () => {
  ports = { http: await freePort(), pubsub: await freePort() };
  gateway = await startExtraGateway(uniq('gw-sessions'), ports, { PUSH_GATEWAY_PUBSUB_PORT: String(ports.pubsub) });
});

after(async () => {
  if (gateway) await gateway.stop();
});

/** The gateway's own count of its open client connections. */
async function connectionsCounted() {
  const text = await (await fetch(`http://127.0.0.1:${ports.http}/q/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('push_gateway_connections '));
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

for (const version of ['v4', 'v2']) {
  test(`socket.io-client ${version}: polling sessions closed right after a burst of pushes are no longer counted`, async () => {
    const url = `http://127.0.0.1:${ports.pubsub}`;
    const app = await createApp(uniq('sessions-end'));
    let next = 0;
    const failures = [];
    const worker = async () => {
      while (next < SESSIONS) {
        const i = next++;
        const c = await connect(version, url, { transports: ['polling'] });
        // a publisher of its own: one connection's bursts stay inside the gateway's flood limit
        const publisher = await connect('v4', url, { transports: ['websocket'] });
        try {
          await c.connectApp(app.appkey, uniq('polling'));
          await publisher.connectApp(app.appkey, uniq('publisher'));
          const topic = uniq('topic');
          await c.request('subscribe', { topic }, 'suback');
          for (let n = 0; n < BURST; n++) publisher.emit('publish', { topic, msg: String(n), qos: 0 });
          for (let n = 0; n < BURST; n++) await c.next('message');
        } catch (e) {
          failures.push(`#${i}: ${e.message}`);
        } finally { c.close(); publisher.close(); }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    assert.deepEqual(failures, []);

    // a closed session is counted until its disconnect packet was handled: moments
    const deadline = Date.now() + 15000;
    let counted = await connectionsCounted();
    while (counted !== 0 && Date.now() < deadline) {
      await sleep(500);
      counted = await connectionsCounted();
    }
    assert.equal(counted, 0, `connections still counted after ${SESSIONS} sessions were closed`);
  });
}
