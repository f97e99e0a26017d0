'use strict';
// Chat groups with real socket.io-client v4 and v2 across both gateway nodes: groups made and changed over the admin
// API with every change announced in the seed's events, `send group message` from members only (the seed's error
// strings), each message stored once and delivered to every member's devices with its own isPush, membership windows
// (nothing from before one joined, nothing after one was removed), ban speak, mute, @-mentions by `group shake`, and
// unread counts per group.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { platform } = require('./lib/platform');
const { chatAdmin, account, device: openDevice } = require('./lib/chat');

const opened = [];
after(() => opened.forEach((c) => c.close()));
/**
 * A device of an account whose catch-up is set aside: it arrives before the answer to the device's first request, and
 * what a device catches up on is chat-sync.test.js's subject; each test here looks at what arrives after it connects.
 */
async function device(version, node, token) {
  const client = await openDevice(opened, version, node, token);
  client.queues.clear();
  return client;
}

const run = Date.now().toString(36);
const [gina, hank, ivy, jack, kim] = ['gina', 'hank', 'ivy', 'jack', 'kim'].map((n) => `${n}_${run}`);
const gid = `team_${run}`;
const tokens = {};
const avatar = (id) => `https://avatars.example/${id}.png`;

test('a group is made over the admin API and its members told with `new group`', async () => {
  for (const [id, name] of [[gina, 'Gina'], [hank, 'Hank'], [ivy, 'Ivy'], [jack, 'Jack'], [kim, 'Kim']]) tokens[id] = await account(id, name);
  const hankWeb = await device('v4', 0, tokens[hank]);

  const made = await chatAdmin('POST', '/groups', { id: gid, name: 'Team', avatar: 'https://logos.example/team.png', creator: gina, members: [hank, ivy] });
  assert.equal(made.status, 201, JSON.stringify(made));
  assert.deepEqual(made.body.members.map((m) => [m.id, m.admin]), [[gina, true], [hank, false], [ivy, false]]);
  const [told] = await hankWeb.next('new group');
  assert.deepEqual(told, { id: gid, name: 'Team', logo: 'https://logos.example/team.png', uCount: 3, admins: [gina], isPost: false, cuser: gina, isPush: true });

  assert.equal((await chatAdmin('POST', '/groups', { id: gid, creator: gina })).status, 409);
  assert.equal((await chatAdmin('POST', '/groups', { id: `x_${run}`, creator: gina, members: [`nobody_${run}`] })).status, 404);
  assert.equal((await chatAdmin('POST', '/groups', { id: 'x'.repeat(65), creator: gina })).status, 400);
  assert.equal((await chatAdmin('GET', `/groups/${gid}`)).body.name, 'Team');
  assert.equal((await chatAdmin('GET', `/groups/nothing_${run}`)).status, 404);
  hankWeb.close();
});

test('a group message reaches every member\'s devices on both nodes in the seed\'s shape, stored once; outsiders are refused', async () => {
  const ginaWeb = await device('v4', 0, tokens[gina]);
  const ginaMobile = await device('v2', 1, tokens[gina]);
  const hankWeb = await device('v4', 1, tokens[hank]);
  const hankMobile = await device('v2', 0, tokens[hank]);

  const [answer] = await ginaWeb.ask('send group message', { togroup: gid, msg: 'hello team', type: 1 });
  assert.match(answer.id, /^[0-9a-f-]{36}$/);
  for (const member of [hankWeb, hankMobile, ginaMobile]) {
    const [message] = await member.next('new group message');
    assert.deepEqual({ ...message, time: 't' }, {
      id: answer.id, from: gina, uname: 'Gina', logo: avatar(gina), to: gid, groupname: 'Team', avatar: 'https://logos.example/team.png',
      type: 1, sysType: 0, isPush: true, msg: { con: 'hello team' }, app: { appid: platform().demo.appkey, name: '', url: '' }, time: 't',
    });
  }
  assert.equal(await ginaWeb.receives('new group message', 1500), false, 'the sending connection does not get its own message');
  // the chat list: the group's first message opens its session, and is its newest item
  const gina_ = { accountId: gina, fullname: 'Gina', avatar: avatar(gina) };
  assert.deepEqual((await hankMobile.next('new session'))[0],
    { from: gina_, type: 2, message: 'hello team', id: gid, name: 'Team', logo: 'https://logos.example/team.png' });
  assert.deepEqual((await hankWeb.next('new history'))[0], { from: gina_, to: { gid }, message: 'hello team' });
  assert.deepEqual((await ginaMobile.next('new history'))[0], { from: gina_, to: { gid }, message: 'hello team' });

  // the seed's error strings: not a member, no such group; bad input told why
  const jackWeb = await device('v4', 1, tokens[jack]);
  assert.deepEqual(await jackWeb.ask('send group message', { togroup: gid, msg: 'let me in' }), [{ error: 'not in group' }]);
  assert.deepEqual(await jackWeb.ask('send group message', { togroup: `nothing_${run}`, msg: 'x' }), [{ error: 'group not found' }]);
  assert.match((await ginaWeb.ask('send group message', { togroup: gid, msg: 'x', type: 7 }))[0].error, /type must be/);
  assert.equal(await hankWeb.receives('new group message', 1000), false);

  // a resend with the same client message id: the same id, delivered once
  const [once] = await ginaWeb.ask('send group message', { togroup: gid, msg: 'once', clientMsgId: `g-${run}` });
  assert.deepEqual(await ginaWeb.ask('send group message', { togroup: gid, msg: 'once', clientMsgId: `g-${run}` }), [{ id: once.id }]);
  assert.equal((await hankWeb.next('new group message'))[0].id, once.id);
  assert.equal(await hankWeb.receives('new group message', 1500), false);

  // unread per group; one's own messages never unread
  const [, counts] = await hankMobile.ask('unread count', {});
  assert.deepEqual(counts, { user: [], group: [{ id: gid, num: 2, ispush: true, at: false }], num: 2, notPush: 0 });
  assert.equal((await ginaWeb.ask('unread count', {}))[1].num, 0);
  [ginaWeb, ginaMobile, hankWeb, hankMobile, jackWeb].forEach((c) => c.close());
});

test('a muted group counts as notPush and says isPush false; an @-mention (group shake) is unread until read', async () => {
  const ginaWeb = await device('v4', 0, tokens[gina]);
  const hankWeb = await device('v2', 1, tokens[hank]);
  const hankMobile = await device('v4', 0, tokens[hank]);

  assert.equal((await chatAdmin('PUT', `/groups/${gid}/members/${hank}/notice`, { isPush: false })).status, 200);
  for (const d of [hankWeb, hankMobile]) assert.deepEqual((await d.next('set group notice'))[0], { gid, aid: hank, isPush: false });
  const [muted] = await ginaWeb.ask('send group message', { togroup: gid, msg: 'quietly' });
  const [got] = await hankWeb.next('new group message');
  assert.deepEqual([got.id, got.isPush], [muted.id, false]);

  assert.deepEqual(await ginaWeb.ask('group shake', { toUser: [hank], gid, messageId: muted.id }), [false, 1]);
  for (const d of [hankWeb, hankMobile]) assert.deepEqual((await d.next('group shake'))[0], { from: gina, gid });
  const [, counts] = await hankWeb.ask('unread count', {});
  assert.equal(counts.group.length, 1);
  const [entry] = counts.group;
  assert.deepEqual([entry.id, entry.num, entry.ispush, entry.at, entry.msgid], [gid, 3, false, true, muted.id]);
  assert.equal(typeof entry.time, 'number');
  assert.deepEqual([counts.num, counts.notPush], [3, 3]);
  assert.match((await ginaWeb.ask('group shake', { toUser: [hank], gid, messageId: 'no-such-message' }))[0].error, /messageId/);
  assert.match((await ginaWeb.ask('group shake', { gid, messageId: muted.id }))[0].error, /group shake needs/);

  // cleared on one device: synced to the other with type 2, the mention read with it
  assert.deepEqual(await hankWeb.ask('clear unread', { type: '2', id: gid }), [false, 1]);
  assert.deepEqual((await hankMobile.next('clear unread'))[0], { type: 2, id: gid });
  assert.deepEqual((await hankMobile.ask('unread count', {}))[1], { user: [], group: [], num: 0, notPush: 0 });
  assert.equal((await chatAdmin('PUT', `/groups/${gid}/members/${hank}/notice`, { isPush: true })).status, 200);
  [ginaWeb, hankWeb, hankMobile].forEach((c) => c.close());
});

test('a member added sees nothing from before it joined; the others are told in the seed\'s PascalCase', async () => {
  const hankWeb = await device('v4', 1, tokens[hank]);
  const kimWeb = await device('v2', 0, tokens[kim]);
  const [before] = await (await device('v4', 0, tokens[gina])).ask('send group message', { togroup: gid, msg: 'before kim' });
  await hankWeb.next('new group message');

  const added = await chatAdmin('PUT', `/groups/${gid}/members`, { accounts: [kim] });
  assert.deepEqual(added.body, { added: [kim] });
  const [welcome] = await kimWeb.next('new group');
  assert.deepEqual([welcome.id, welcome.uCount, welcome.cuser], [gid, 4, gina]);
  assert.deepEqual((await hankWeb.next('group member added'))[0],
    { id: gid, name: 'Team', users: [{ AccountID: kim, Email: '', Fullname: 'Kim', Avatar: avatar(kim) }] });
  // the change is a system message in the group (sysType 1), which the newcomer sees too
  for (const d of [hankWeb, kimWeb]) {
    const [system] = await d.next('new group message');
    assert.deepEqual([system.sysType, system.from, system.msg.con], [1, gina, 'Gina added Kim']);
  }
  assert.deepEqual((await kimWeb.ask('unread count', {}))[1].group.map((g) => [g.id, g.num]), [[gid, 1]]);
  // nothing from before it joined: not even to quote
  const [quote] = await kimWeb.ask('send group message', { togroup: gid, msg: 'what?', refer: { msgid: before.id } });
  assert.match(quote.error, /refer\.msgid/);
  assert.deepEqual((await chatAdmin('PUT', `/groups/${gid}/members`, { accounts: [kim] })).body, { added: [] });
  assert.deepEqual(await kimWeb.ask('clear unread', { type: '2', id: gid }), [false, 1]);
  assert.deepEqual(await hankWeb.ask('clear all unread', {}), [false, 1]);
});

test('ban speak lets admins only; admins added and removed, the group renamed, all announced', async () => {
  const ginaWeb = await device('v4', 0, tokens[gina]);
  const hankWeb = await device('v2', 1, tokens[hank]);
  const ivyWeb = await device('v4', 1, tokens[ivy]);

  assert.equal((await chatAdmin('PUT', `/groups/${gid}/admins/${hank}?by=${gina}`)).status, 200);
  for (const d of [ginaWeb, ivyWeb]) assert.deepEqual((await d.next('group admin added'))[0], { addAid: hank, gid });
  assert.equal((await chatAdmin('PUT', `/groups/${gid}/ban?by=${gina}`)).status, 200);
  const operator = { accountId: gina, fullName: 'Gina', avatar: avatar(gina) };
  for (const d of [hankWeb, ivyWeb]) assert.deepEqual((await d.next('ban speak'))[0], { groupid: gid, operator });
  assert.match((await ivyWeb.ask('send group message', { togroup: gid, msg: 'may I?' }))[0].error, /ban speak/);
  const [byAdmin] = await hankWeb.ask('send group message', { togroup: gid, msg: 'admins may' });
  for (const d of [ginaWeb, ivyWeb]) assert.equal((await d.next('new group message'))[0].id, byAdmin.id);
  assert.equal((await chatAdmin('DELETE', `/groups/${gid}/ban?by=${gina}`)).status, 200);
  assert.deepEqual((await ivyWeb.next('permit speak'))[0], { groupid: gid, operator });
  const [allowed] = await ivyWeb.ask('send group message', { togroup: gid, msg: 'now I may' });
  assert.equal((await ginaWeb.next('new group message'))[0].id, allowed.id);

  assert.equal((await chatAdmin('DELETE', `/groups/${gid}/admins/${hank}?by=${gina}`)).status, 200);
  assert.deepEqual((await ivyWeb.next('group admin removed'))[0], { removedAid: hank, aid: gina, gid });
  assert.equal((await chatAdmin('PUT', `/groups/${gid}/admins/${jack}`)).status, 404, 'only members become admins');

  assert.equal((await chatAdmin('PUT', `/groups/${gid}/name?by=${hank}`, { name: 'Team 2' })).status, 200);
  assert.deepEqual((await ginaWeb.next('group renamed'))[0], { oldName: 'Team', name: 'Team 2', gid, user: { id: hank, logo: avatar(hank) } });
  const [renamedNote] = await ivyWeb.next('new group message');
  assert.deepEqual([renamedNote.sysType, renamedNote.groupname, renamedNote.msg.con], [3, 'Team 2', 'Hank renamed the group to Team 2']);
  assert.equal((await chatAdmin('PUT', `/groups/${gid}/name`, { name: '' })).status, 400);
  for (const d of [ginaWeb, hankWeb, ivyWeb]) assert.deepEqual(await d.ask('clear all unread', {}), [false, 1]);
});

test('a member removed is told so, gets nothing after, and is answered `removeit`', async () => {
  const ginaWeb = await device('v4', 0, tokens[gina]);
  const hankWeb = await device('v4', 1, tokens[hank]);
  const ivyWeb = await device('v2', 0, tokens[ivy]);

  assert.equal((await chatAdmin('DELETE', `/groups/${gid}/members/${ivy}?by=${gina}`)).status, 200);
  assert.deepEqual((await ivyWeb.next('removed from group'))[0], { id: gid, name: 'Team 2' });
  assert.deepEqual((await hankWeb.next('group member removed'))[0], { id: gid, name: 'Team 2', aid: ivy });
  assert.equal((await hankWeb.next('new group message'))[0].sysType, 2);

  const [after] = await ginaWeb.ask('send group message', { togroup: gid, msg: 'ivy is gone' });
  assert.equal((await hankWeb.next('new group message'))[0].id, after.id);
  assert.equal(await ivyWeb.receives('new group message', 1500), false);
  assert.deepEqual(await ivyWeb.ask('send group message', { togroup: gid, msg: 'still here?' }), [{ error: 'removeit' }]);
  assert.deepEqual((await ivyWeb.ask('unread count', {}))[1].group, []);
  assert.equal((await chatAdmin('DELETE', `/groups/${gid}/members/${ivy}`)).status, 404);
});

test('with the group open on a device (current chat), what arrives in it counts nothing; its history has no gaps', async () => {
  const ginaWeb = await device('v4', 0, tokens[gina]);
  const hankWeb = await device('v2', 1, tokens[hank]);
  assert.deepEqual(await hankWeb.ask('clear all unread', {}), [false, 1]);
  assert.deepEqual(await hankWeb.ask('current chat', { id: gid }), [false, 1]);
  await ginaWeb.ask('send group message', { togroup: gid, msg: 'seen at once' });
  assert.equal((await hankWeb.next('new group message'))[0].msg.con, 'seen at once');
  assert.equal((await hankWeb.ask('unread count', {}))[1].num, 0);

  const page = await chatAdmin('GET', `/groups/${gid}/messages?limit=500`);
  assert.equal(page.status, 200);
  assert.deepEqual(page.body.messages.map((m) => m.seq), page.body.messages.map((m, i) => i + 1));
  assert.deepEqual(page.body.messages.filter((m) => m.sysType).map((m) => m.sysType), [1, 3, 2]);
  assert.equal(page.body.messages.at(-1).msg.con, 'seen at once');
});

test('another app\'s group of the same id is another group: nothing crosses', async () => {
  const otherApp = `other_${run}`;
  const otherGina = await account(gina, 'Other Gina', otherApp);
  assert.equal((await chatAdmin('GET', `/groups/${gid}`, undefined, otherApp)).status, 404);
  const client = await openDevice(opened, 'v4', 1, otherGina, otherApp);
  assert.deepEqual(await client.ask('send group message', { togroup: gid, msg: 'hello?' }), [{ error: 'group not found' }]);
  assert.equal((await chatAdmin('POST', '/groups', { id: gid, name: 'Theirs', creator: gina }, otherApp)).status, 201);
  const hankWeb = await device('v4', 0, tokens[hank]);
  await client.ask('send group message', { togroup: gid, msg: 'only ours' });
  assert.equal(await hankWeb.receives('new group message', 1500), false);
});
