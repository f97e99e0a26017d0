'use strict';
// The pubsub API's first slice, end to end across two gateway nodes, with socket.io-client v4 and v2.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { platform, createApp } = require('./lib/platform');

const opened = [];
async function client(version, node) {
  const c = await connect(version, platform().gateways[node].pubsub);
  opened.push(c);
  return c;
}
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
/** A connected client of the demo app subscribed to `topic`. */
async function subscriber(version, node, topic) {
  const c = await client(version, node);
  await c.connectApp(platform().demo.appkey, uniq('neighbour'));
  await c.request('subscribe', { topic }, 'suback');
  return c;
}
after(() => opened.forEach((c) => c.close()));

for (const version of ['v4', 'v2']) {
  describe(`pubsub with socket.io-client ${version}`, () => {
    const appkey = () => platform().demo.appkey;

    test('connect_v2 answers connack with success and a session id that is stable for the same customid', async () => {
      const customid = uniq('user');
      const first = await client(version, 0);
      const [ok, session] = await first.connectApp(appkey(), customid);
      assert.deepEqual(ok, { success: true });
      assert.match(session.sessionid, new RegExp('^' + appkey() + '-'));

      const second = await client(version, 1);
      const [, again] = await second.connectApp(appkey(), customid);
      assert.equal(again.sessionid, session.sessionid);
    });

    test('an unknown appkey is refused', async () => {
      const c = await client(version, 0);
      const [reply] = await c.connectApp('000000000000000000000000');
      assert.equal(reply.success, false);
      assert.ok(reply.error_msg);
    });

    test('a subscriber on node 2 receives what a publisher on node 1 publishes', async () => {
      const topic = uniq('news');
      const subscriber = await client(version, 1);
      await subscriber.connectApp(appkey(), uniq('sub'));
      const suback = await subscriber.request('subscribe', { topic, messageId: '11833652203486491112' }, 'suback');
      assert.deepEqual(suback, [{ success: true }, { topic }, { messageId: '11833652203486491112' }]);

      const publisher = await client(version, 0);
      await publisher.connectApp(appkey(), uniq('pub'));
      const [puback] = await publisher.request('publish', { topic, msg: 'hello, Yunba', qos: 1 }, 'puback');
      assert.equal(puback.success, true);
      assert.match(puback.messageId, /^\d+$/);

      const [message] = await subscriber.next('message');
      assert.deepEqual(message, { topic, msg: 'hello, Yunba' });
    });

    test('suback makes a message id when none is given, and puback echoes a given one', async () => {
      const topic = uniq('ids');
      const c = await client(version, 0);
      await c.connectApp(appkey(), uniq('ids'));
      const [, , { messageId }] = await c.request('subscribe', { topic }, 'suback');
      assert.match(messageId, /^\d+$/);
      const [puback] = await c.request('publish', { topic, msg: 'm', qos: 1, messageId: '42' }, 'puback');
      assert.deepEqual(puback, { success: true, messageId: '42' });
    });

    test('unsubscribe stops delivery', async () => {
      const topic = uniq('stop');
      const subscriber = await client(version, 1);
      await subscriber.connectApp(appkey(), uniq('sub'));
      await subscriber.request('subscribe', { topic }, 'suback');
      const [ack] = await subscriber.request('unsubscribe', { topic, messageId: '7' }, 'unsuback');
      assert.deepEqual(ack, { success: true });

      const publisher = await client(version, 0);
      await publisher.connectApp(appkey(), uniq('pub'));
      await publisher.request('publish', { topic, msg: 'after unsubscribe' }, 'puback');
      assert.equal(await subscriber.receives('message', 1500), false);
    });

    test('another app never sees this app\'s topics', async () => {
      const other = await createApp(uniq('other-app'));
      const topic = uniq('shared-name');
      const outsider = await client(version, 1);
      await outsider.connectApp(other.appkey, uniq('outsider'));
      await outsider.request('subscribe', { topic }, 'suback');
      const insider = await client(version, 1);
      await insider.connectApp(appkey(), uniq('insider'));
      await insider.request('subscribe', { topic }, 'suback');

      const publisher = await client(version, 0);
      await publisher.connectApp(appkey(), uniq('pub'));
      await publisher.request('publish', { topic, msg: 'for this app only' }, 'puback');

      assert.deepEqual((await insider.next('message'))[0].msg, 'for this app only');
      assert.equal(await outsider.receives('message', 1500), false);
    });

    test('malformed frames get success false and the connection and its neighbours keep working', async () => {
      const topic = uniq('sturdy');
      const neighbour = await subscriber(version, 0, topic);
      const c = await client(version, 0);
      await c.connectApp(appkey(), uniq('bad'));

      const [notObject] = await c.request('publish', 'not an object', 'puback');
      assert.equal(notObject.success, false);
      const [wrongType] = await c.request('publish', { topic: 12, msg: 'x' }, 'puback');
      assert.equal(wrongType.success, false);
      const [badQos] = await c.request('publish', { topic, msg: 'x', qos: 'high' }, 'puback');
      assert.equal(badQos.success, false);
      const [hugeTopic] = await c.request('subscribe', { topic: 'x'.repeat(100 * 1024) }, 'suback');
      assert.equal(hugeTopic.success, false);
      assert.match(hugeTopic.error_msg, /topic/);
      c.emit('no_such_event', { topic });
      const [beforeConnect] = await (await client(version, 1)).request('subscribe', { topic }, 'suback');
      assert.equal(beforeConnect.success, false);

      const [ok] = await c.request('publish', { topic, msg: 'still alive' }, 'puback');
      assert.equal(ok.success, true);
      assert.equal((await neighbour.next('message'))[0].msg, 'still alive');
      assert.ok(c.connected && neighbour.connected);
    });

    test('a binary packet, which pubsub has none of, disconnects its sender before anything is buffered, and nobody else', async () => {
      const topic = uniq('binary');
      const neighbour = await subscriber(version, 0, topic);
      const c = await client(version, 0);
      await c.connectApp(appkey(), uniq('binary'));

      const gone = c.disconnects(5000);
      c.emit('publish', { topic, msg: Buffer.from([1, 2, 3]) });

      assert.equal(await gone, true);
      assert.equal(await neighbour.receives('message', 1000), false);
      const publisher = await client(version, 1);
      await publisher.connectApp(appkey(), uniq('publisher'));
      await publisher.request('publish', { topic, msg: 'after binary' }, 'puback');
      assert.equal((await neighbour.next('message'))[0].msg, 'after binary');
    });

    test('unknown events count against the rate limit too: a flood of them disconnects its sender, and nobody else', async () => {
      const topic = uniq('flood');
      const neighbour = await subscriber(version, 0, topic);
      const c = await client(version, 0);
      await c.connectApp(appkey(), uniq('flooder'));

      const gone = c.disconnects(10000);
      for (let i = 0; i < 1600; i++) c.emit('no_such_event', i);

      assert.equal(await gone, true);
      const [ok] = await neighbour.request('publish', { topic, msg: 'unharmed' }, 'puback');
      assert.equal(ok.success, true);
      assert.equal((await neighbour.next('message'))[0].msg, 'unharmed');
    });
  });
}
