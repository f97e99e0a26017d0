'use strict';
// Where the platform under test is: the JSON of `./pushctl status --json`, read once.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../../..');
let cached;

function platform() {
  if (!cached) {
    // a test that restarted a part waits here until every service is healthy again (at most a minute)
    const deadline = Date.now() + 60000;
    for (;;) {
      let out;
      try {
        out = execFileSync(path.join(ROOT, 'pushctl'), ['status', '--json'], { encoding: 'utf8', env: process.env });
      } catch (e) {
        out = e.stdout || '{"running": false}'; // exit code 1: running but not healthy
      }
      const status = JSON.parse(out);
      if (status.running && status.healthy) {
        cached = status;
        break;
      }
      if (Date.now() > deadline) throw new Error('the platform is not running and healthy: ' + out);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  return cached;
}

async function admin(method, urlPath, body, base = platform().routing) {
  const p = platform();
  const res = await fetch(base + urlPath, {
    method,
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + p.demo.adminToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text(); // 204: no body
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function createApp(name) {
  const res = await admin('POST', '/admin/apps', { name });
  if (res.status !== 201) throw new Error('cannot create app: ' + JSON.stringify(res));
  return res.body;
}

/** Runs ./pushctl with the test's environment (PUSH_DATA_DIR) and returns its output. */
function pushctl(...args) {
  return execFileSync(path.join(ROOT, 'pushctl'), args, { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Waits until every service says it is healthy again (e.g. after Kafka or PostgreSQL restarted under it). */
async function awaitHealthy(timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      pushctl('status');
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error('the platform is not healthy again after ' + timeoutMs + ' ms');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** How run-e2e.sh starts the platform: two gateway nodes, two routing, device-service and chat-service instances. */
const UP_ARGS = ['up', '--detach', '--gateways', '2', '--routers', '2', '--device-services', '2', '--chat-services', '2'];

module.exports = { platform, admin, createApp, pushctl, awaitHealthy, UP_ARGS, ROOT };
