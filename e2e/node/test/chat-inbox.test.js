'use strict';
// The chat API's inbox, with real socket.io-client v4 and v2 on both nodes: notifications other teams feed over REST
// and as CloudEvents on push.in.chat-notifications (read with npm's kafkajs), each counted once however often it
// comes, announced as `new notify`; `inbox unread`, `all unread`, and `clear notification` synced to the other devices.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Kafka, logLevel } = require('kafkajs');
const { platform } = require('./lib/platform');
const { chatAdmin, account, device: openDevice } = require('./lib/chat');

const opened = [];
let producer;
before(async () => {
  producer = new Kafka({ clientId: 'e2e-chat-inbox', brokers: [platform().kafka], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
});
after(async () => {
  opened.forEach((c) => c.close());
  if (producer) await producer.disconnect();
});
const device = (version, node, token) => openDevice(opened, version, node, token);

const run = Date.now().toString(36);
const ivan = `ivan_${run}`;
const app = () => platform().demo.appkey;
const cloudEvent = (id, data) => JSON.stringify({ specversion: '1.0', id, source: 'e2e/other-team', type: 'org.pushplatform.chat.notification', data });

test('notifications over REST and Kafka are counted once each and announced as `new notify`', async () => {
  const token = await account(ivan, 'Ivan');
  const web = await device('v4', 0, token);
  const mobile = await device('v2', 1, token);

  const first = await chatAdmin('POST', `/accounts/${ivan}/notifications`, { id: `n1-${run}`, category: 'post', type: 'comment', text: 'Kim commented' });
  assert.equal(first.status, 201, JSON.stringify(first));
  for (const d of [web, mobile]) assert.deepEqual((await d.next('new notify'))[0], { aid: ivan, type: 'comment', dtype: 0 });
  const again = await chatAdmin('POST', `/accounts/${ivan}/notifications`, { id: `n1-${run}`, category: 'post', type: 'comment', text: 'Kim commented' });
  assert.deepEqual([again.status, again.body], [200, { counted: false }]);
  assert.equal((await chatAdmin('POST', `/accounts/${ivan}/notifications`, { id: 'x', category: 'news', type: 'comment' })).status, 400);
  assert.equal((await chatAdmin('POST', `/accounts/${ivan}/notifications`, { id: 'x', category: 'post', type: 'Not A Type' })).status, 400);

  // over Kafka: a replay, a record that is no CloudEvent and one of an unknown category pass over, once each
  const data = { app: app(), account: ivan, category: 'system', type: 'systemmessage', text: 'Maintenance at nine' };
  await producer.send({ topic: 'push.in.chat-notifications', messages: [
    { key: `${app()}/${ivan}`, value: cloudEvent(`n2-${run}`, data) },
    { key: `${app()}/${ivan}`, value: 'not json' },
    { key: `${app()}/${ivan}`, value: cloudEvent(`n3-${run}`, { ...data, category: 'news' }) },
    { key: `${app()}/${ivan}`, value: cloudEvent(`n2-${run}`, data) },
  ] });
  assert.deepEqual((await web.next('new notify', 15000))[0], { aid: ivan, type: 'systemmessage', dtype: 1 });
  assert.equal(await web.receives('new notify', 2000), false, 'a replay is not announced again');

  const [, inbox] = await mobile.ask('inbox unread', {});
  const byValue = Object.fromEntries(inbox.map((c) => [c.value, c]));
  assert.deepEqual(Object.keys(byValue).sort(), ['post', 'system']);
  assert.deepEqual([byValue.post.type, byValue.post.count, byValue.post.msg.con], [4, 1, 'Kim commented']);
  assert.deepEqual([byValue.system.type, byValue.system.count, byValue.system.msg.con], [3, 1, 'Maintenance at nine']);
  assert.ok(!Number.isNaN(Date.parse(byValue.system.time)));
  assert.deepEqual((await web.ask('all unread', {}))[1], { count: 2, notPush: 0 });
  [web, mobile].forEach((c) => c.close());
});

test('clear notification: the web clears and its other devices are told; the mobile\'s clear:false only tells them', async () => {
  const token = (await chatAdmin('POST', `/accounts/${ivan}/tokens`, {})).body.token;
  const web = await device('v4', 1, token);
  const mobile = await device('v2', 0, token);

  assert.deepEqual(await web.ask('clear notification', { type: 'post', value: 0, clear: true }), [false, 1]);
  const [synced] = await mobile.next('clear notification');
  assert.deepEqual([synced.type, synced.value, typeof synced.time], ['post', 0, 'number']);
  assert.equal(await web.receives('clear notification', 1000), false, 'not to the device that cleared');
  const counts = Object.fromEntries((await web.ask('inbox unread', {}))[1].map((c) => [c.value, c.count]));
  assert.deepEqual(counts, { post: 0, system: 1 });

  assert.deepEqual(await mobile.ask('clear notification', { type: 'system', value: 0, clear: false }), [false, 1]);
  assert.deepEqual(((await web.next('clear notification'))[0]).type, 'system');
  assert.equal((await web.ask('all unread', {}))[1].count, 1, 'clear: false counts nothing as read');
  assert.match((await web.ask('clear notification', { type: 'news', value: 0 }))[0].error, /clear notification needs/);

  // another app's account of the same id has an inbox of its own
  const otherApp = `other_${run}`;
  const otherToken = await account(ivan, 'Other Ivan', otherApp);
  const other = await openDevice(opened, 'v4', 0, otherToken, otherApp);
  assert.deepEqual((await other.ask('inbox unread', {}))[1], []);
  [web, mobile, other].forEach((c) => c.close());
});
