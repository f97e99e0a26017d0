'use strict';
// QoS 0/1/2, offline messages with time_to_live, recvack and presence on <topic>/p, with socket.io-client v4 and v2,
// across two gateway nodes and two routing instances.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const { connect } = require('./lib/clients');
const { platform } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A client connected as session `customid` on gateway `node`, with an alias when given. */
async function session(version, node, customid, alias) {
  const c = await connect(version, platform().gateways[node].pubsub);
  opened.push(c);
  const [ok] = await c.connectApp(platform().demo.appkey, customid);
  assert.equal(ok.success, true);
  if (alias !== undefined) await c.request('set_alias', { alias }, 'set_alias_ack');
  return c;
}

/** Every `message` that arrives within `ms`. */
async function messagesWithin(client, ms) {
  const got = [];
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try { got.push((await client.next('message', Math.max(1, deadline - Date.now())))[0]); } catch (e) { break; }
  }
  return got;
}

/** Closes a client and waits until routing has seen it go (get_state offline). */
async function goOffline(client, asker, alias) {
  client.close();
  for (let i = 0; i < 100; i++) {
    const [state] = await asker.request('get_state', { alias }, 'get_state_ack');
    if (state.data === 'offline') return;
    await sleep(100);
  }
  throw new Error(`${alias} still online`);
}

for (const version of ['v4', 'v2']) {
  describe(`stored delivery and presence with socket.io-client ${version}`, () => {
    test('an offline session gets its QoS 1 messages on reconnect through the other node, once', async () => {
      const [customid, alias, topic] = [uniq('offline'), uniq('away'), uniq('news')];
      const receiver = await session(version, 1, customid, alias);
      await receiver.request('subscribe', { topic }, 'suback');
      const publisher = await session(version, 0, uniq('publisher'));
      await goOffline(receiver, publisher, alias);

      assert.equal((await publisher.request('publish', { topic, msg: 'to the topic', qos: 1 }, 'puback'))[0].success, true);
      assert.equal((await publisher.request('publish_to_alias', { alias, msg: 'to the alias' }, 'puback'))[0].success, true);
      assert.equal((await publisher.request('publish', { topic, msg: 'qos 0 is not kept', qos: 0 }, 'puback'))[0].success, true);

      const back = await session(version, 0, customid);
      assert.deepEqual(await messagesWithin(back, 1500), [{ topic, msg: 'to the topic' }, { topic: alias, msg: 'to the alias' }]);
      back.close();
      const again = await session(version, 1, customid);
      assert.deepEqual(await messagesWithin(again, 1500), [], 'received messages are not sent again');
    });

    test('time_to_live ends how long a message waits', async () => {
      const [customid, alias] = [uniq('ttl'), uniq('ttl')];
      const receiver = await session(version, 1, customid, alias);
      const publisher = await session(version, 0, uniq('publisher'));
      await goOffline(receiver, publisher, alias);

      await publisher.request('publish2_to_alias', { alias, msg: 'short', opts: { time_to_live: 1 } }, 'puback');
      await publisher.request('publish2_to_alias', { alias, msg: 'long', opts: { time_to_live: 3600 } }, 'puback');
      await sleep(1500);

      const back = await session(version, 0, customid);
      assert.deepEqual(await messagesWithin(back, 1500), [{ topic: alias, msg: 'long' }]);
    });

    test('the publisher gets recvack when the first other receiver has the message', async () => {
      const alias = uniq('first');
      const receiver = await session(version, 1, uniq('receiver'), alias);
      const publisher = await session(version, 0, uniq('publisher'));
      const messageId = String(Date.now());

      const [puback] = await publisher.request('publish2_to_alias', { alias, msg: 'ack me', opts: { qos: 1, messageId } }, 'puback');
      assert.deepEqual(puback, { success: true, messageId });
      assert.equal((await receiver.next('message'))[0].msg, 'ack me');
      const [recvack] = await publisher.next('recvack');
      assert.equal(recvack.success, true);
      assert.equal(recvack.messageId, messageId);
      const data = JSON.parse(recvack.data); // a JSON text, as in the seed
      assert.equal(data.alias, alias);
      assert.ok(Math.abs(Date.now() - data.timestamp) < 60000, 'a GMT millisecond timestamp');
    });

    test('QoS 2 delivers a message id once, even when it is published twice', async () => {
      const alias = uniq('once');
      const receiver = await session(version, 1, uniq('receiver'), alias);
      const publisher = await session(version, 0, uniq('publisher'));
      const opts = { qos: 2, messageId: String(Date.now()) };

      await publisher.request('publish2_to_alias', { alias, msg: 'exactly once', opts }, 'puback');
      await publisher.next('recvack');
      const [again] = await publisher.request('publish2_to_alias', { alias, msg: 'exactly once', opts }, 'puback');
      assert.equal(again.success, true);

      assert.deepEqual(await messagesWithin(receiver, 1500), [{ topic: alias, msg: 'exactly once' }]);
    });

    test('subscribers of <topic>/p see join, offline, online and leave', async () => {
      const [topic, alias, customid] = [uniq('room'), uniq('member'), uniq('member')];
      const watcher = await session(version, 0, uniq('watcher'));
      await watcher.request('subscribe', { topic: topic + '/p' }, 'suback');
      const actions = async (n) => {
        const seen = [];
        for (let i = 0; i < n; i++) {
          const [message] = await watcher.next('message');
          assert.equal(message.topic, topic + '/p');
          const presence = JSON.parse(message.msg);
          assert.equal(presence.alias, alias);
          seen.push(presence.action);
        }
        return seen;
      };

      const member = await session(version, 1, customid, alias);
      await member.request('subscribe', { topic }, 'suback');
      assert.deepEqual(await actions(1), ['join']);
      member.close();
      assert.deepEqual(await actions(1), ['offline']);
      const back = await session(version, 0, customid);
      assert.deepEqual(await actions(1), ['online']);
      await back.request('unsubscribe', { topic }, 'unsuback');
      assert.deepEqual(await actions(1), ['leave']);
    });

    test('bad publish options get success false with an error_msg', async () => {
      const publisher = await session(version, 0, uniq('publisher'));
      const [ttl] = await publisher.request('publish2', { topic: 't', msg: 'm', opts: { time_to_live: 16 * 86400 } }, 'puback');
      assert.equal(ttl.success, false);
      assert.match(ttl.error_msg, /time_to_live/);
      const [apn] = await publisher.request('publish2', { topic: 't', msg: 'm', opts: { apn_json: 'not a dict' } }, 'puback');
      assert.equal(apn.success, false);
      assert.match(apn.error_msg, /apn_json/);
      assert.ok(publisher.connected);
    });
  });
}
