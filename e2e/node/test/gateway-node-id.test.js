'use strict';
// Two gateways can never share a node id: a gateway started with the id of a running one refuses to start, and the
// running one and its clients notice nothing. Real gateway JVM, real socket.io-client v4.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { connect } = require('./lib/clients');
const { platform, ROOT } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;

/** Starts a gateway JVM with the given node id; resolves with its exit code and output once it ends (or null after ms). */
function startGateway(nodeId, ms) {
  const jar = path.join(ROOT, 'connection-gateway/target/quarkus-app/quarkus-run.jar');
  const child = spawn('java', ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar], {
    env: { ...process.env, KAFKA_BOOTSTRAP_SERVERS: platform().kafka, PUSH_NODE_ID: nodeId, QUARKUS_HTTP_PORT: '0',
      PUSH_GATEWAY_PUBSUB_PORT: '0' },
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve({ code: null, output }); }, ms);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

test('a gateway started with the node id of a running one refuses to start, and the running one serves on', { timeout: 120000 }, async () => {
  const taken = platform().gateways[0];
  const topic = uniq('nodeid');
  const subscriber = await connect('v4', taken.pubsub);
  opened.push(subscriber);
  await subscriber.connectApp(platform().demo.appkey, uniq('sub'));
  await subscriber.request('subscribe', { topic }, 'suback');

  const intruder = await startGateway(taken.nodeId, 60000);

  assert.notEqual(intruder.code, null, 'the second gateway must not keep running');
  assert.notEqual(intruder.code, 0);
  assert.match(intruder.output, new RegExp(`node id ${taken.nodeId} is in use`));
  const publisher = await connect('v4', platform().gateways[1].pubsub);
  opened.push(publisher);
  await publisher.connectApp(platform().demo.appkey, uniq('pub'));
  await publisher.request('publish', { topic, msg: 'still served', qos: 1 }, 'puback');
  assert.equal((await subscriber.next('message'))[0].msg, 'still served');
  const health = await (await fetch(taken.http + '/q/health')).json();
  assert.equal(health.status, 'UP', JSON.stringify(health));
  // and it still gets deliveries a while later (its Kafka consumer was not fenced off)
  await new Promise((r) => setTimeout(r, 3000));
  await publisher.request('publish', { topic, msg: 'later', qos: 1 }, 'puback');
  assert.equal((await subscriber.next('message'))[0].msg, 'later');
});
