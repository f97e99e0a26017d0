'use strict';
// Each chat device's delivered position, with real socket.io-client v4 and v2 across both gateway nodes: a device
// that names itself (?device=) and comes back, on either node, gets exactly what it missed, in order, before what
// arrives live, with nothing twice, in 1:1 and group conversations, even while messages keep arriving as it connects;
// a device is not sent back what it sent; devices that name none share one position.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { chatAdmin, account, device: openDevice, awaitDelivered, awaitGone } = require('./lib/chat');
const { platform } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const device = (version, node, token, name) => openDevice(opened, version, node, token, platform().demo.appkey, name);

const run = Date.now().toString(36);
const [dave, erin] = ['dave', 'erin'].map((n) => `${n}_${run}`);
const gid = `sync_${run}`;
const tokens = {};

/** Waits until dave's device has the 1:1 message with erin: its receipt moved the device's position. */
const delivered = (name, messageId) => awaitDelivered(dave, name, erin, messageId, `/accounts/${dave}/conversations/${erin}/messages`);

/** The next n deliveries of `event` on a client, as their texts. */
async function texts(client, event, n) {
  const got = [];
  while (got.length < n) got.push((await client.next(event))[0].msg.con);
  return got;
}

test('a named device that comes back on the other node gets exactly what it missed, in order, then live', async () => {
  tokens.dave = await account(dave, 'Dave');
  tokens.erin = await account(erin, 'Erin');
  assert.equal((await chatAdmin('PUT', `/accounts/${dave}/contacts/${erin}`)).status, 200);
  assert.equal((await chatAdmin('POST', '/groups', { id: gid, name: 'Sync', creator: erin, members: [dave] })).status, 201);

  const erinWeb = await device('v4', 0, tokens.erin, 'web');
  const phone = await device('v4', 0, tokens.dave, 'phone');
  let laptop = await device('v2', 1, tokens.dave, 'laptop');
  const [first] = await erinWeb.ask('send message', { touser: dave, msg: 'both see 1' });
  for (const d of [phone, laptop]) assert.deepEqual(await texts(d, 'new message', 1), ['both see 1']);

  // the gateway's receipt moves the laptop's position; then it goes away
  await delivered('laptop', first.id);
  laptop.close();
  await awaitGone(dave, 'laptop');
  for (let n = 1; n <= 3; n++) await erinWeb.ask('send message', { touser: dave, msg: `away ${n}` });
  await erinWeb.ask('send group message', { togroup: gid, msg: 'group while away' });
  assert.deepEqual(await texts(phone, 'new message', 3), ['away 1', 'away 2', 'away 3']);
  assert.deepEqual(await texts(phone, 'new group message', 1), ['group while away']);

  laptop = await device('v4', 0, tokens.dave, 'laptop');
  assert.deepEqual(await texts(laptop, 'new message', 3), ['away 1', 'away 2', 'away 3']);
  assert.deepEqual(await texts(laptop, 'new group message', 1), ['group while away']);
  const [last] = await erinWeb.ask('send message', { touser: dave, msg: 'live again' });
  assert.deepEqual(await texts(laptop, 'new message', 1), ['live again']);
  assert.equal(await laptop.receives('new message', 1500), false, 'nothing twice');

  // the phone had everything: coming back, it gets nothing again
  await delivered('phone', last.id);
  phone.close();
  await awaitGone(dave, 'phone');
  const phoneAgain = await device('v2', 1, tokens.dave, 'phone');
  assert.equal(await phoneAgain.receives('new message', 1500), false);
  assert.equal(await phoneAgain.receives('new group message', 10), false);
  // read, so that the devices new in the next tests start with nothing unread
  assert.deepEqual(await laptop.ask('clear all unread', {}), [false, 1]);
  [erinWeb, laptop, phoneAgain].forEach((c) => c.close());
});

test('messages that keep arriving while a device catches up all come, once each, in their order', async () => {
  const erinWeb = await device('v4', 1, tokens.erin, 'web');
  // a device seen for the first time starts where the account has read: here, at the end
  const tablet = await device('v4', 0, tokens.dave, 'tablet');
  tablet.close();
  await awaitGone(dave, 'tablet');
  const total = 60;
  for (let n = 1; n <= 20; n++) await erinWeb.ask('send message', { touser: dave, msg: `m${n}` });
  // the rest is sent while the device connects, unanswered ones in flight
  const sending = (async () => { for (let n = 21; n <= total; n++) await erinWeb.ask('send message', { touser: dave, msg: `m${n}` }); })();
  const back = await device('v2', 1, tokens.dave, 'tablet');
  await sending;
  const got = await texts(back, 'new message', total);
  assert.deepEqual(got, Array.from({ length: total }, (_, i) => `m${i + 1}`));
  assert.equal(await back.receives('new message', 1500), false, 'nothing twice');
  assert.deepEqual(await back.ask('clear all unread', {}), [false, 1]);
  [erinWeb, back].forEach((c) => c.close());
});

test('a device is not sent what it sent; its account\'s other devices get it, now or when they come back', async () => {
  const tv = await device('v4', 1, tokens.dave, 'tv');
  tv.close();
  await awaitGone(dave, 'tv');
  const desk = await device('v4', 0, tokens.dave, 'desk');
  const watching = await device('v2', 1, tokens.dave, 'watching');
  const [sent] = await desk.ask('send message', { touser: erin, msg: 'from my desk' });
  const [inGroup] = await desk.ask('send group message', { togroup: gid, msg: 'desk to group' });
  assert.deepEqual((await watching.next('new message'))[0].id, sent.id, 'another device connected now gets it');
  assert.deepEqual((await watching.next('new group message'))[0].id, inGroup.id);
  assert.equal(await desk.receives('new message', 1000), false);
  desk.close();
  await awaitGone(dave, 'desk');
  const deskAgain = await device('v4', 1, tokens.dave, 'desk');
  assert.equal(await deskAgain.receives('new message', 1500), false, 'not even when it comes back');
  assert.equal(await deskAgain.receives('new group message', 10), false);
  const tvAgain = await device('v2', 0, tokens.dave, 'tv');
  const [mine] = await tvAgain.next('new message');
  assert.deepEqual([mine.id, mine.from, mine.to, mine.msg.con], [sent.id, dave, erin, 'from my desk']);
  const [mineInGroup] = await tvAgain.next('new group message');
  assert.deepEqual([mineInGroup.id, mineInGroup.from, mineInGroup.to], [inGroup.id, dave, gid]);
  [deskAgain, tvAgain, watching].forEach((c) => c.close());
});

test('a device seen for the first time gets what is unread; devices that name none share one position', async () => {
  const erinWeb = await device('v4', 1, tokens.erin, 'web');
  for (const n of [1, 2]) await erinWeb.ask('send message', { touser: dave, msg: `unread ${n}` });
  const watch = await device('v4', 0, tokens.dave, 'watch');
  assert.deepEqual(await texts(watch, 'new message', 2), ['unread 1', 'unread 2']);
  assert.equal(await watch.receives('new message', 1000), false, 'nothing already read');
  assert.deepEqual(await watch.ask('clear all unread', {}), [false, 1]);

  const first = await device('v4', 0, tokens.dave);
  const [unnamed] = await erinWeb.ask('send message', { touser: dave, msg: 'to the unnamed' });
  assert.deepEqual(await texts(first, 'new message', 1), ['to the unnamed']);
  await delivered('', unnamed.id);
  first.close();
  await awaitGone(dave, '');
  const second = await device('v2', 1, tokens.dave);
  assert.equal(await second.receives('new message', 1500), false, 'what one unnamed device got, the next does not get again');
  [erinWeb, watch, second].forEach((c) => c.close());
});

test('a device name that cannot be one is refused at the handshake', async () => {
  for (const bad of ['x'.repeat(33), 'with space', 'a/b']) {
    const client = require('./lib/clients').open('v4', platform().gateways[0].chat,
      { query: { token: tokens.dave, app: platform().demo.appkey, device: bad }, transports: ['websocket'] });
    opened.push(client);
    assert.match((await client.next('error'))[0].error, /device must be/);
    assert.equal(await client.disconnects(5000), true);
  }
});
