'use strict';
// What operators see: the services' Prometheus metrics count connections by API and by app, and every metric the
// Grafana dashboard in the repository (deploy/grafana/push-platform.json) queries is one a service exports. Runs after
// the other files, when their clients have made every counter count.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { connect } = require('./lib/clients');
const { platform, createApp, ROOT } = require('./lib/platform');
const { scrape, sample } = require('./lib/metrics');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('connections are counted by API and transport on the gateway, and by app on routing', async () => {
  const app = await createApp(uniq('metrics'));
  const client = await connect('v4', platform().gateways[0].pubsub, { transports: ['websocket'] });
  opened.push(client);
  await client.connectApp(app.appkey, uniq('watched'));
  // the gateway's count follows its heartbeats, routing's its usage count (every 5 s)
  const deadline = Date.now() + 20000;
  let lines = await scrape();
  while ((!(sample(lines, 'push_app_connections', { app: app.appkey }) >= 1)
    || !(sample(lines, 'push_gateway_api_connections', { api: 'pubsub', transport: 'socketio' }) >= 1)) && Date.now() < deadline) {
    await sleep(500);
    lines = await scrape();
  }
  assert.equal(sample(lines, 'push_app_connections', { app: app.appkey }), 1, 'push_app_connections of the new app');
  assert.ok(sample(lines, 'push_gateway_api_connections', { api: 'pubsub', transport: 'socketio' }) >= 1);
});

test('every metric the Grafana dashboard queries is exported by a service', async () => {
  const dashboard = JSON.parse(fs.readFileSync(path.join(ROOT, 'deploy/grafana/push-platform.json'), 'utf8'));
  const queried = new Set(dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr))
    .flatMap((expr) => expr.match(/\b(?:push|kafka|jvm|process)_[a-z_]+\b/g)));
  assert.ok(queried.size >= 10, [...queried].join(' '));
  const exported = new Set((await scrape()).map((line) => line.split(/[{ ]/)[0]));
  assert.deepEqual([...queried].filter((name) => !exported.has(name)), [], 'queried by the dashboard, exported by no service');
});
