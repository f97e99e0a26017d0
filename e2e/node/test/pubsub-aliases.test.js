'use strict';
// Aliases and the query events of the pubsub seed, across two gateway nodes, with socket.io-client v4 and v2.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { platform } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function connected(version, node, alias) {
  const c = await connect(version, platform().gateways[node].pubsub);
  opened.push(c);
  await c.connectApp(platform().demo.appkey, uniq('alias-user'));
  if (alias !== undefined) {
    const [ack] = await c.request('set_alias', { alias }, 'set_alias_ack');
    assert.deepEqual(ack, { success: true });
  }
  return c;
}

for (const version of ['v4', 'v2']) {
  describe(`pubsub aliases with socket.io-client ${version}`, () => {
    test('set_alias then get_alias answers the alias; an empty alias removes it', async () => {
      const alias = uniq('me');
      const c = await connected(version, 0, alias);
      assert.deepEqual(await c.request('get_alias', undefined, 'alias'), [{ alias }]);
      await c.request('set_alias', { alias: '' }, 'set_alias_ack');
      assert.deepEqual(await c.request('get_alias', undefined, 'alias'), [{ alias: '' }]);
    });

    test('publish_to_alias reaches the alias on the other node as message {topic: alias, msg}', async () => {
      const alias = uniq('target');
      const target = await connected(version, 1, alias);
      const sender = await connected(version, 0);
      const [puback] = await sender.request('publish_to_alias', { alias, msg: 'hello to alias' }, 'puback');
      assert.equal(puback.success, true);
      assert.deepEqual((await target.next('message'))[0], { topic: alias, msg: 'hello to alias' });

      const [puback2] = await sender.request('publish2_to_alias',
        { alias, msg: 'from publish2_to_alias', opts: { qos: 1, messageId: '11833652203486491113' } }, 'puback');
      assert.deepEqual(puback2, { success: true, messageId: '11833652203486491113' });
      assert.equal((await target.next('message'))[0].msg, 'from publish2_to_alias');
    });

    test('publish2 takes qos and messageId in opts, as in the seed example', async () => {
      const topic = uniq('t2thi');
      const c = await connected(version, 0);
      await c.request('subscribe', { topic }, 'suback');
      const [puback] = await c.request('publish2', { topic, msg: 'from publish2',
        opts: { qos: 1, apn_json: { aps: { sound: 'bingbong.aiff', badge: 3, alert: 'douban' } }, messageId: '11833652203486491113' } }, 'puback');
      assert.deepEqual(puback, { success: true, messageId: '11833652203486491113' });
      assert.equal((await c.next('message'))[0].msg, 'from publish2');
    });

    test('get_state says online while the alias is connected and offline after it left', async () => {
      const alias = uniq('presence');
      const target = await connected(version, 1, alias);
      const asker = await connected(version, 0);
      assert.deepEqual(await asker.request('get_state', { alias }, 'get_state_ack'), [{ success: true, data: 'online' }]);
      target.close();
      let state;
      for (let i = 0; i < 50; i++) {
        [state] = await asker.request('get_state', { alias }, 'get_state_ack');
        if (state.data === 'offline') break;
        await sleep(100);
      }
      assert.deepEqual(state, { success: true, data: 'offline' });
    });

    test('get_alias_list lists the aliases subscribed to a topic; get_topic_list the topics of me or of an alias', async () => {
      const topic = uniq('room');
      const [a, b] = [uniq('a'), uniq('b')];
      const first = await connected(version, 0, a);
      const second = await connected(version, 1, b);
      await first.request('subscribe', { topic }, 'suback');
      await second.request('subscribe', { topic }, 'suback');
      await second.request('subscribe', { topic: topic + '_more' }, 'suback');

      const [list] = await first.request('get_alias_list', { topic }, 'get_alias_list_ack');
      assert.deepEqual(list, { success: true, data: { alias: [a, b].sort(), occupancy: 2 } });
      const [mine] = await first.request('get_topic_list', undefined, 'get_topic_list_ack');
      assert.deepEqual(mine, { success: true, data: { topics: [topic] } });
      const [theirs] = await first.request('get_topic_list', { alias: b }, 'get_topic_list_ack');
      assert.deepEqual(theirs, { success: true, data: { topics: [topic, topic + '_more'] } });
    });

    test('a bad alias gets success false with an error_msg', async () => {
      const c = await connected(version, 0);
      const [ack] = await c.request('set_alias', { alias: 'has space' }, 'set_alias_ack');
      assert.equal(ack.success, false);
      assert.match(ack.error_msg, /alias/);
      const [state] = await c.request('get_state', {}, 'get_state_ack');
      assert.deepEqual(state, { success: false, error_msg: 'alias is required' });
    });
  });
}
