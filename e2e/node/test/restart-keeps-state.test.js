'use strict';
// A restart of the whole platform (./pushctl down, ./pushctl up) keeps apps, sessions and subscriptions.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { platform, createApp, pushctl, awaitHealthy, UP_ARGS } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));

test('apps, sessions and subscriptions survive a restart of the whole platform', { timeout: 420000 }, async () => {
  // given an app with a session subscribed to a topic
  const app = await createApp('durable-' + Date.now());
  const customid = 'durable-user';
  const topic = 'durable-topic';
  const before = await connect('v4', platform().gateways[0].pubsub);
  const [, { sessionid }] = await before.connectApp(app.appkey, customid);
  await before.request('subscribe', { topic }, 'suback');
  before.close();

  // when the platform restarts
  pushctl('down');
  pushctl(...UP_ARGS);
  // every service was ready once when `up` returned; a routing instance is not ready again while a second one joining
  // moves partitions to it, so wait until all are at the same time
  await awaitHealthy(120000);
  const status = JSON.parse(pushctl('status', '--json'));

  // then the same customid gets the same session, still subscribed, on either node
  const subscriber = await connect('v4', status.gateways[1].pubsub);
  opened.push(subscriber);
  const [ok, again] = await subscriber.connectApp(app.appkey, customid);
  assert.equal(ok.success, true, 'the app is still known');
  assert.equal(again.sessionid, sessionid);
  const publisher = await connect('v2', status.gateways[0].pubsub);
  opened.push(publisher);
  await publisher.connectApp(app.appkey, 'publisher');
  await publisher.request('publish', { topic, msg: 'after restart' }, 'puback');
  assert.equal((await subscriber.next('message'))[0].msg, 'after restart');
});
