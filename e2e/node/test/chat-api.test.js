'use strict';
// The chat API (port 3002 of every gateway node) with real socket.io-client v4 and v2: the handshake's token and app,
// 1:1 messages between contacts delivered to every device of the receiver on either node, the seed's result
// convention and error strings, unread counts that never count one's own messages, clears synced to the other
// devices, `current chat`, a resend with the same client message id stored once, and what a device missed while
// away delivered in order when it connects again.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Kafka, logLevel } = require('kafkajs');
const { open } = require('./lib/clients');
const { platform, admin } = require('./lib/platform');
const chat = require('./lib/chat');

const opened = [];
/** The CloudEvents of push.events.chat, by message id: how many came for each, and the last. */
const chatEvents = new Map();
let consumer;
before(async () => {
  consumer = new Kafka({ clientId: 'e2e-chat', brokers: [platform().kafka], logLevel: logLevel.NOTHING }).consumer({ groupId: `e2e-chat-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: 'push.events.chat', fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value.toString());
      const seen = chatEvents.get(event.id);
      chatEvents.set(event.id, { count: seen ? seen.count + 1 : 1, event });
    },
  });
});
after(async () => {
  opened.forEach((c) => c.close());
  if (consumer) await consumer.disconnect();
});
async function chatEventOf(id, ms = 15000) {
  for (const deadline = Date.now() + ms; Date.now() < deadline && !chatEvents.has(id);) await new Promise((r) => setTimeout(r, 100));
  return chatEvents.get(id);
}
const run = Date.now().toString(36);
const app = () => platform().demo.appkey;
const chatAdmin = (method, urlPath, body) => chat.chatAdmin(method, urlPath, body);
const account = (id, name) => chat.account(id, name);
const device = (version, node, token) => chat.device(opened, version, node, token);

const alice = `alice_${run}`;
const bob = `bob_${run}`;
const carol = `carol_${run}`;
let tokens;

test('chat accounts, tokens and contacts are made over the admin API', async () => {
  tokens = { alice: await account(alice, 'Alice'), bob: await account(bob, 'Bob'), carol: await account(carol, 'Carol') };
  assert.equal((await chatAdmin('PUT', `/accounts/${alice}/contacts/${bob}`)).status, 200);
  assert.equal((await chatAdmin('PUT', `/accounts/${alice}/contacts/nobody_${run}`)).status, 404);
  assert.equal((await chatAdmin('POST', '/accounts', { id: '' })).status, 400);
  assert.equal((await chatAdmin('POST', '/accounts', { id: 'x'.repeat(65) })).status, 400);
  const anonymous = await fetch(`${platform().chat}/admin/apps/${app()}/accounts`, { method: 'POST' });
  assert.equal(anonymous.status, 401);
});

test('a handshake without token and app, or with a token not valid for the app, is told why and closed', async () => {
  const tooLong = 'x'.repeat(65);
  for (const query of [{}, { app: app() }, { token: tokens.bob }, { token: `${bob}.0000`, app: app() }, { token: tokens.bob, app: 'other-app' },
    { token: tokens.bob, app: tooLong }, { token: `${tooLong}.0000`, app: app() }, { token: 'no-dot-in-it', app: app() }]) {
    const client = open('v4', platform().gateways[0].chat, { query, transports: ['websocket'] });
    opened.push(client);
    const [reason] = await client.next('error');
    assert.match(reason.error, /token/, JSON.stringify(query));
    assert.equal(await client.disconnects(5000), true, JSON.stringify(query));
  }
});

test('an app can take client tokens its backend signs, and only those', async () => {
  const signedApp = `signed_${run}`;
  const signedAdmin = (method, urlPath, body) => admin(method, `/admin/apps/${signedApp}${urlPath}`, body, platform().chat);
  const hugo = `hugo_${run}`;
  assert.equal((await signedAdmin('POST', '/accounts', { id: hugo, name: 'Hugo' })).status, 201);
  const minted = (await signedAdmin('POST', `/accounts/${hugo}/tokens`, {})).body.token;
  const set = await signedAdmin('PUT', '/token-signing', { signedOnly: false });
  assert.equal(set.status, 200);
  const key = set.body.signingKey;
  assert.match(key, /^[0-9a-f]{64}$/, 'the key is shown when made');
  assert.equal((await signedAdmin('PUT', '/token-signing', { signedOnly: false })).body.signingKey, undefined, 'and only then');

  // what the app's backend does: HMAC-SHA256 of <app>:<account>:<expires>, keyed with the app's key
  const signed = (account, expires, withKey = key) => `${account}.s~${expires}~${crypto.createHmac('sha256', withKey)
    .update(`${signedApp}:${account}:${expires}`).digest('hex')}`;
  const inAnHour = Math.floor(Date.now() / 1000) + 3600;
  const connects = async (token) => {
    const client = open('v4', platform().gateways[1].chat, { query: { token, app: signedApp }, transports: ['websocket'] });
    opened.push(client);
    const answered = await Promise.race([client.ask('unread count', {}, 10000).then(() => true, () => false),
      client.next('error', 10000).then(() => false, () => false)]);
    client.close();
    return answered;
  };
  assert.equal(await connects(signed(hugo, inAnHour)), true);
  assert.equal(await connects(minted), true, 'minted tokens too, while the app is not signed-only');
  assert.equal(await connects(signed(hugo, Math.floor(Date.now() / 1000) - 1)), false, 'expired');
  assert.equal(await connects(signed(hugo, inAnHour, 'f'.repeat(64))), false, 'another key');
  assert.equal(await connects(signed(`nobody_${run}`, inAnHour)), false, 'no such account');

  assert.equal((await signedAdmin('PUT', '/token-signing', { signedOnly: true })).status, 200);
  assert.equal(await connects(minted), false, 'a signed-only app refuses minted tokens');
  assert.equal(await connects(signed(hugo, inAnHour)), true);
  const rotated = (await signedAdmin('PUT', '/token-signing', { signedOnly: true, newKey: true })).body.signingKey;
  assert.notEqual(rotated, key);
  assert.equal(await connects(signed(hugo, inAnHour)), false, 'a new key voids what the old one signed');
  assert.equal(await connects(signed(hugo, inAnHour, rotated)), true);
});

test('a message to a contact reaches every device of the receiver, on both nodes, in the seed\'s delivered shape', async () => {
  const aliceWeb = await device('v4', 0, tokens.alice);
  const bobWeb = await device('v4', 0, tokens.bob);
  const bobMobile = await device('v2', 1, tokens.bob);

  const [answer] = await aliceWeb.ask('send message', { touser: bob, msg: 'hello bob', type: 1 });
  assert.match(answer.id, /^[0-9a-f-]{36}$/);
  for (const bobDevice of [bobWeb, bobMobile]) {
    const [message] = await bobDevice.next('new message');
    assert.equal(message.id, answer.id);
    assert.equal(message.from, alice);
    assert.equal(message.uname, 'Alice');
    assert.equal(message.logo, `https://avatars.example/${alice}.png`);
    assert.equal(message.to, bob);
    assert.equal(message.type, 1);
    assert.deepEqual(message.msg, { con: 'hello bob' });
    assert.equal(message.app.appid, app());
    assert.ok(!Number.isNaN(Date.parse(message.time)));
  }

  // the sender's other device connected now sees what it sent; the sending one is not sent its own message
  const aliceMobile = await device('v2', 1, tokens.alice);
  const [mine] = await aliceWeb.ask('send message', { touser: bob, msg: 'from my web', type: 1 });
  const [synced] = await aliceMobile.next('new message');
  assert.deepEqual([synced.id, synced.from, synced.to, synced.msg.con], [mine.id, alice, bob, 'from my web']);
  assert.equal(await aliceWeb.receives('new message', 1500), false, 'the sending connection does not get its own message');
  for (const bobDevice of [bobWeb, bobMobile]) assert.equal((await bobDevice.next('new message'))[0].id, mine.id);
  aliceMobile.close();

  // not a contact, bad input: the seed's error strings, and clear ones
  assert.deepEqual(await aliceWeb.ask('send message', { touser: carol, msg: 'hi' }), [{ error: 'not my contract' }]);
  const [badType] = await aliceWeb.ask('send message', { touser: bob, msg: 'x', type: 9 });
  assert.match(badType.error, /type must be/);
  const [longTo] = await aliceWeb.ask('send message', { touser: 'x'.repeat(65), msg: 'x' });
  assert.match(longTo.error, /touser must be an id of at most 64 characters/);
  const [longMsg] = await aliceWeb.ask('send message', { touser: bob, msg: 'x'.repeat(20001) });
  assert.match(longMsg.error, /msg must be a text of at most 20000 characters/);

  // unread: bob has one from alice on every device; alice's own message is never unread for her
  const [, bobCounts] = await bobMobile.ask('unread count', {});
  assert.deepEqual(bobCounts, { user: [{ id: alice, num: 2 }], group: [], num: 2, notPush: 0 });
  const [, aliceCounts] = await aliceWeb.ask('unread count', {});
  assert.equal(aliceCounts.num, 0);

  // cleared on one device: answered 1, synced to the other with type a number, counted nothing after
  assert.deepEqual(await bobWeb.ask('clear unread', { type: '1', id: alice }), [false, 1]);
  const [clearSynced] = await bobMobile.next('clear unread');
  assert.deepEqual(clearSynced, { type: 1, id: alice });
  assert.equal((await bobMobile.ask('unread count', {}))[1].num, 0);

  // a reply quoting the message: the quote is expanded in what the other side gets; a quote of nothing is refused
  const [reply] = await bobMobile.ask('send message', { touser: alice, msg: 'hi alice', refer: { msgid: answer.id } });
  const [quoting] = await aliceWeb.next('new message');
  assert.equal(quoting.id, reply.id);
  assert.ok(!Number.isNaN(Date.parse(quoting.refer.time)));
  assert.deepEqual({ ...quoting.refer, time: 't' },
    { msgid: answer.id, msg: 'hello bob', time: 't', user: { id: alice, name: 'Alice', avatar: `https://avatars.example/${alice}.png` } });
  const [notQuotable] = await aliceWeb.ask('send message', { touser: bob, msg: 'x', refer: { msgid: 'no-such-message' } });
  assert.match(notQuotable.error, /refer\.msgid/);
  [aliceWeb, bobWeb, bobMobile].forEach((c) => c.close());
});

test('a message resent with the same client message id is stored once and answered with the same id', async () => {
  const aliceWeb = await device('v2', 0, tokens.alice);
  const bobWeb = await device('v4', 1, tokens.bob);
  const [first] = await aliceWeb.ask('send message', { touser: bob, msg: 'once', clientMsgId: `c-${run}` });
  const [again] = await aliceWeb.ask('send message', { touser: bob, msg: 'once', clientMsgId: `c-${run}` });
  assert.equal(again.id, first.id);
  assert.equal((await bobWeb.next('new message'))[0].id, first.id);
  assert.equal(await bobWeb.receives('new message', 1500), false, 'the resend is not delivered again');
  // and one CloudEvent for other teams, keyed by conversation, with its place in it
  const stored = await chatEventOf(first.id);
  assert.equal(stored.count, 1);
  assert.equal(stored.event.type, 'org.pushplatform.chat.message.stored');
  assert.equal(stored.event.source, 'push-platform/chat-service');
  assert.deepEqual([stored.event.data.from, stored.event.data.to, stored.event.data.body.msg.con], [alice, bob, 'once']);
  assert.ok(stored.event.data.seq > 0);
  assert.equal((await bobWeb.ask('unread count', {}))[1].num, 1);
  assert.deepEqual(await bobWeb.ask('clear all unread', {}), [false, 1]);
  [aliceWeb, bobWeb].forEach((c) => c.close());
});

test('a device away gets what it missed, in order, when it connects again on the other node', async () => {
  const aliceWeb = await device('v4', 1, tokens.alice);
  const sent = [];
  for (let n = 1; n <= 3; n++) sent.push((await aliceWeb.ask('send message', { touser: bob, msg: `while away ${n}` }))[0].id);

  const bobBack = await device('v4', 0, tokens.bob);
  const got = [];
  while (got.length < 3) got.push((await bobBack.next('new message'))[0]);
  assert.deepEqual(got.map((m) => m.id), sent);
  assert.deepEqual(got.map((m) => m.msg.con), ['while away 1', 'while away 2', 'while away 3']);
  assert.equal((await bobBack.ask('unread count', {}))[1].num, 3);

  // the conversation's history over REST, by sequence number, a page at a time, with no gaps
  const first = await chatAdmin('GET', `/accounts/${bob}/conversations/${alice}/messages?limit=2`);
  assert.equal(first.status, 200);
  const second = await chatAdmin('GET', `/accounts/${alice}/conversations/${bob}/messages?after=${first.body.next}&limit=500`);
  const history = [...first.body.messages, ...second.body.messages];
  assert.deepEqual(history.map((m) => m.seq), history.map((m, i) => i + 1));
  assert.deepEqual(history.slice(-3).map((m) => m.id), sent);
  assert.deepEqual(history.slice(-3).map((m) => m.msg.con), ['while away 1', 'while away 2', 'while away 3']);
  assert.equal((await chatAdmin('GET', `/accounts/${bob}/conversations/${alice}/messages?limit=0`)).status, 400);
  assert.deepEqual(await bobBack.ask('clear all unread', {}), [false, 1]);
  [aliceWeb, bobBack].forEach((c) => c.close());
});

test('with the conversation open on a device (current chat), what arrives in it counts nothing', async () => {
  const aliceWeb = await device('v4', 0, tokens.alice);
  const bobWeb = await device('v2', 1, tokens.bob);
  assert.deepEqual(await bobWeb.ask('current chat', { id: alice }), [false, 1]);
  await aliceWeb.ask('send message', { touser: bob, msg: 'seen at once' });
  assert.equal((await bobWeb.next('new message'))[0].msg.con, 'seen at once');
  assert.equal((await bobWeb.ask('unread count', {}))[1].num, 0);
  assert.deepEqual(await bobWeb.ask('current chat', {}), [false, 0]);
});

test('upload token, shake shake, remove session and voice as read', async () => {
  const aliceWeb = await device('v4', 0, tokens.alice);
  const bobWeb = await device('v2', 1, tokens.bob);
  const bobMobile = await device('v4', 0, tokens.bob);

  // a Qiniu upload token (checked here with Node's own HMAC) and the seed's key: account/yyyy/m/d/<name>
  const [noError, upload] = await aliceWeb.ask('upload token', { type: 1 });
  const { PUSH_CHAT_QINIU_ACCESS_KEY: accessKey, PUSH_CHAT_QINIU_SECRET_KEY: secretKey, PUSH_CHAT_QINIU_BUCKET: bucket } = process.env;
  if (secretKey) {
    assert.equal(noError, false);
    const [ak, sign, policy] = upload.token.split(':');
    assert.equal(ak, accessKey);
    assert.equal(sign, crypto.createHmac('sha1', secretKey).update(policy).digest('base64').replace(/\+/g, '-').replace(/\//g, '_'));
    const putPolicy = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
    assert.equal(putPolicy.scope, `${bucket}:${upload.key}`);
    assert.ok(putPolicy.deadline > Date.now() / 1000);
    const today = new Date();
    assert.ok(upload.key.startsWith(`${alice}/${today.getUTCFullYear()}/${today.getUTCMonth() + 1}/${today.getUTCDate()}/`), upload.key);
  } else {
    assert.deepEqual(noError, { error: 'uploads are not configured on this server' });
  }

  // a shake reaches the contact's devices; not a contact's
  assert.deepEqual(await aliceWeb.ask('shake shake', { aid: bob, messageId: `s-${run}` }), [false, 1]);
  assert.deepEqual((await bobWeb.next('shake shake'))[0], { aid: alice });
  assert.deepEqual(await aliceWeb.ask('shake shake', { aid: carol }), [{ error: 'not my contract' }]);

  // a session removed and a voice message read on one device are synced to the other
  assert.deepEqual(await bobWeb.ask('remove session', { type: 1, id: alice }), [false, 1]);
  assert.deepEqual((await bobMobile.next('session removed'))[0], { id: alice, type: 1 });
  assert.deepEqual(await bobWeb.ask('voice as read', { messageId: `v-${run}` }), [false, 1]);
  assert.deepEqual((await bobMobile.next('voice as read'))[0], { messageId: `v-${run}` });
  const [invalid] = await bobWeb.ask('remove session', { type: 42, id: alice });
  assert.match(invalid.error, /remove session needs/);
  [aliceWeb, bobWeb, bobMobile].forEach((c) => c.close());
});

test('the chat list: a conversation\'s first message opens a `new session`, every message is a `new history`; `operate` synced', async () => {
  const [frank, gwen] = [`frank_${run}`, `gwen_${run}`];
  const t = { frank: await account(frank, 'Frank'), gwen: await account(gwen, 'Gwen') };
  assert.equal((await chatAdmin('PUT', `/accounts/${frank}/contacts/${gwen}`)).status, 200);
  const frankWeb = await device('v4', 0, t.frank);
  const frankMobile = await device('v2', 1, t.frank);
  const gwenWeb = await device('v2', 1, t.gwen);

  await frankWeb.ask('send message', { touser: gwen, msg: 'first words' });
  const person = { accountId: frank, fullname: 'Frank', avatar: `https://avatars.example/${frank}.png` };
  assert.deepEqual((await gwenWeb.next('new session'))[0], { from: person, type: 1, message: 'first words', id: frank, name: 'Frank', logo: person.avatar });
  assert.deepEqual((await gwenWeb.next('new history'))[0], { from: person, to: { aid: gwen }, message: 'first words' });
  assert.deepEqual((await frankMobile.next('new history'))[0], { from: person, to: { aid: gwen }, message: 'first words' });
  assert.deepEqual((await frankMobile.next('new session'))[0],
    { from: person, type: 1, message: 'first words', id: gwen, name: 'Gwen', logo: `https://avatars.example/${gwen}.png` });
  assert.equal(await frankWeb.receives('new history', 1000), false, 'not to the sending connection');
  await frankWeb.ask('send message', { touser: gwen, msg: 'second' });
  assert.equal((await gwenWeb.next('new history'))[0].message, 'second');
  assert.equal(await gwenWeb.receives('new session', 1000), false, 'a session opens once');

  // operate (web only): answered 1 and synced as it is to the account's other devices
  assert.deepEqual(await frankWeb.ask('operate', { op: 'top', id: gwen }), [false, 1]);
  assert.deepEqual((await frankMobile.next('operate'))[0], { op: 'top', id: gwen });
  assert.equal(await frankWeb.receives('operate', 1000), false);
  assert.match((await frankWeb.ask('operate', 'not an object'))[0].error, /operate needs an object/);
  [frankWeb, frankMobile, gwenWeb].forEach((c) => c.close());
});

test('an account of the same id in another app is another account: nothing of this app reaches it', async () => {
  const otherApp = `other_${run}`;
  const other = (method, urlPath, body) => admin(method, `/admin/apps/${otherApp}${urlPath}`, body, platform().chat);
  assert.equal((await other('POST', '/accounts', { id: bob, name: 'Other Bob' })).status, 201);
  const otherToken = (await other('POST', `/accounts/${bob}/tokens`, {})).body.token;
  const otherBob = open('v4', platform().gateways[1].chat, { query: { token: otherToken, app: otherApp }, transports: ['websocket'] });
  opened.push(otherBob);
  assert.deepEqual((await otherBob.ask('unread count', {}))[1], { user: [], group: [], num: 0, notPush: 0 });

  // alice of this app writes to bob: this app's bob gets it, the other app's bob nothing, and its token is no good here
  const aliceWeb = await device('v4', 0, tokens.alice);
  const bobWeb = await device('v4', 0, tokens.bob);
  const [sent] = await aliceWeb.ask('send message', { touser: bob, msg: 'for this app only' });
  assert.equal((await bobWeb.next('new message'))[0].id, sent.id);
  assert.equal(await otherBob.receives('new message', 2000), false);
  assert.equal((await otherBob.ask('unread count', {}))[1].num, 0);
  const crossing = open('v4', platform().gateways[0].chat, { query: { token: otherToken, app: app() }, transports: ['websocket'] });
  opened.push(crossing);
  assert.match((await crossing.next('error'))[0].error, /token/);
  assert.deepEqual(await bobWeb.ask('clear all unread', {}), [false, 1]);
  [aliceWeb, bobWeb, otherBob].forEach((c) => c.close());
});
