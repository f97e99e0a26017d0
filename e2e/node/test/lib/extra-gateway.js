'use strict';
// One more gateway JVM of its own, started from the built jar against the platform's Kafka with the settings a test
// needs (TLS, tracing), so that its messages cross to the platform's other nodes. Stopped with SIGTERM.
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { platform, ROOT } = require('./platform');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts it with its HTTP port `ports.http` and the environment `env` on top of the test's, every client listener
 * off unless `env` opens it; resolves once it is ready, with `stop()` and `exitCode`.
 */
async function startExtraGateway(nodeId, ports, env) {
  const jar = path.join(ROOT, 'connection-gateway/target/quarkus-app/quarkus-run.jar');
  const gateway = spawn('java', ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar], {
    env: { ...process.env, KAFKA_BOOTSTRAP_SERVERS: platform().kafka, PUSH_NODE_ID: nodeId, QUARKUS_HTTP_PORT: String(ports.http),
      PUSH_GATEWAY_PUBSUB_PORT: '0', PUSH_GATEWAY_PUSH_TCP_PORT: '0', PUSH_GATEWAY_MQTT_PORT: '0', PUSH_GATEWAY_PUSH_PORT: '0',
      PUSH_GATEWAY_DEVICE_PORT: '0', PUSH_GATEWAY_CHAT_PORT: '0', PUSH_GATEWAY_DRAIN_PERIOD: '0s', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  gateway.stdout.on('data', (d) => { output += d; });
  gateway.stderr.on('data', (d) => { output += d; });
  const deadline = Date.now() + 90000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${ports.http}/q/health/ready`)).status === 200) break;
    } catch (e) { /* not listening yet */ }
    if (gateway.exitCode !== null || Date.now() > deadline) throw new Error(`gateway ${nodeId} did not start:\n${output}`);
    await sleep(500);
  }
  return {
    /** null while it runs */
    get exitCode() { return gateway.exitCode; },
    stop: async () => {
      if (gateway.exitCode === null) {
        gateway.kill('SIGTERM');
        await new Promise((r) => gateway.once('exit', r));
      }
    },
  };
}

module.exports = { startExtraGateway, freePort };
