'use strict';
// OpenTelemetry traces follow one message from a client's socket through Kafka to other clients' sockets, with the
// trace context in the records themselves: the publishing gateway's span, routing's (its child), and each delivering
// gateway's (children of routing's), all of one trace, sent to an OTLP collector (a receiver of the test's own).
// The platform runs with tracing on and nothing sampled at the first hop (run-e2e.sh); one more gateway JVM samples
// every frame, so that its messages are traced through the platform's routing and its other nodes.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { platform } = require('./lib/platform');
const { startExtraGateway, freePort } = require('./lib/extra-gateway');
const { startOtlpReceiver } = require('./lib/otlp-receiver');

const TRACED = 'connection-gateway-traced';
const opened = [];
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let receiver;
let gateway;
let ports;

before(async () => {
  assert.ok(process.env.OTEL_EXPORTER_OTLP_ENDPOINT, 'run-e2e.sh names the collector the platform sends spans to');
  receiver = await startOtlpReceiver(process.env.OTEL_EXPORTER_OTLP_ENDPOINT);
  ports = { http: await freePort(), pubsub: await freePort() };
  gateway = await startExtraGateway(uniq('gw-traced'), ports, { OTEL_TRACES_SAMPLER_ARG: '1', QUARKUS_OTEL_SERVICE_NAME: TRACED,
    PUSH_GATEWAY_PUBSUB_PORT: String(ports.pubsub) });
});

after(async () => {
  opened.forEach((c) => c.close());
  if (gateway) await gateway.stop();
  if (receiver) receiver.close();
});

async function subscriber(url, topic) {
  const client = await connect('v4', url, { transports: ['websocket'] });
  opened.push(client);
  await client.connectApp(platform().demo.appkey, uniq('sub'));
  await client.request('subscribe', { topic }, 'suback');
  return client;
}

test('a message published on a sampling node is traced from its socket through routing to the sockets of two nodes', async () => {
  // given a subscriber on the sampling node and one on a platform node, which samples nothing itself
  const topic = uniq('traced');
  const near = await subscriber(`http://127.0.0.1:${ports.pubsub}`, topic);
  const far = await subscriber(platform().gateways[0].pubsub, topic);

  // when a client of the sampling node publishes at QoS 1
  const publisher = await connect('v4', `http://127.0.0.1:${ports.pubsub}`, { transports: ['websocket'] });
  opened.push(publisher);
  await publisher.connectApp(platform().demo.appkey, uniq('pub'));
  await publisher.request('publish', { topic, msg: 'traced', qos: 1 }, 'puback');
  await near.next('message');
  await far.next('message');

  // then (the only publish on the sampling node) one trace holds the publish frame's span, routing's span as its child, and a delivery span per node under it
  const find = () => {
    for (const published of receiver.spans.filter((s) => s.service === TRACED && s.name === 'pubsub.publish')) {
      const routed = receiver.spans.find((s) => s.parentSpanId === published.spanId && s.service === 'routing-service');
      const delivered = routed ? receiver.spans.filter((s) => s.parentSpanId === routed.spanId && s.name === 'deliver message') : [];
      if (delivered.length === 2) return { published, routed, delivered };
    }
    return null;
  };
  const deadline = Date.now() + 30000;
  let trace = find();
  while (!trace && Date.now() < deadline) {
    await sleep(250);
    trace = find();
  }
  assert.ok(trace, `no complete trace among ${receiver.spans.length} spans: ${JSON.stringify(receiver.spans.map((s) => `${s.service}:${s.name}`))}`);
  const { published, routed, delivered } = trace;
  assert.equal(routed.name, 'route pubsub.publish');
  assert.equal(routed.traceId, published.traceId);
  assert.deepEqual(delivered.map((s) => s.traceId), [published.traceId, published.traceId]);
  assert.deepEqual(delivered.map((s) => s.service).sort(), ['connection-gateway', TRACED], 'one delivery span from each node');
  assert.equal(published.attributes['push.app'], platform().demo.appkey);
});

test('a node that samples nothing starts no trace: every span belongs to a trace a sampling node started', async () => {
  const topic = uniq('untraced');
  const sub = await subscriber(platform().gateways[1].pubsub, topic);
  const publisher = await connect('v4', platform().gateways[0].pubsub, { transports: ['websocket'] });
  opened.push(publisher);
  await publisher.connectApp(platform().demo.appkey, uniq('pub'));
  await publisher.request('publish', { topic, msg: 'not traced', qos: 1 }, 'puback');
  await sub.next('message');
  await sleep(2000); // two of the platform's export intervals (run-e2e.sh)

  const startedHere = new Set(receiver.spans.filter((s) => s.service === TRACED && !s.parentSpanId).map((s) => s.traceId));
  const strays = receiver.spans.filter((s) => !startedHere.has(s.traceId));
  assert.deepEqual(strays.map((s) => `${s.service}:${s.name}`), []);
});
