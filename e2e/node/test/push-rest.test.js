'use strict';
// The push-server API's RestServer (9900) and its XTEA tokens: minted by an admin (admin REST and ./pushctl token),
// a TCP client naming its app with a token on its first line, a socket.io-client with ?token= in its query, /push
// reaching both, /info listing them, and forged or expired tokens refused.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const { platform, admin, createApp, pushctl } = require('./lib/platform');
const { open } = require('./lib/clients');
const { gatewayTcp, type, pushOf } = require('./lib/tcp-lines');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;

const tcp = (node) => gatewayTcp(node, opened);

async function mint(appkey, ttlSeconds = 600) {
  const res = await admin('POST', `/admin/apps/${appkey}/push-tokens`, { ttlSeconds });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.token;
}

async function rest(method, path, body) {
  const res = await fetch(platform().routing + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** A TCP client of the token's app, connected as alias. */
async function tcpOfToken(node, token, alias) {
  const c = await tcp(node);
  c.send({ token });
  c.send({ t: 14, alias });
  assert.deepEqual(await c.next((f) => f.t === -14 || f.t === 0), { t: -14, alias });
  return c;
}

describe('push-server RestServer and tokens', () => {
  test('a token names the app of a TCP client and a socket.io-client; /push reaches them, not the demo app\'s same alias', async () => {
    const app = await createApp(uniq('community'));
    const token = await mint(app.appkey);
    const alias = uniq('door');
    const door = await tcpOfToken(1, token, alias);
    const demoDoor = await tcp(0); // the listener's own app, the demo app: another alias space
    demoDoor.send({ t: 14, alias });
    await demoDoor.next(type(-14));
    const phoneAlias = uniq('phone');
    const phone = open('v4', platform().gateways[0].push, { query: { token } });
    opened.push(phone);
    await phone.request('connect_alias', { alias: phoneAlias }, 'connect_c');

    const pushed = await rest('POST', `/push/${token}`,
      { t: 6, method: 'publish_to_alias', alias: [alias, phoneAlias], msg: 'open the door', opts: { time_to_live: 60 }, num: 11 });
    assert.deepEqual(pushed, { status: 200, body: { t: -6, num: 11 } });

    const atDoor = await door.next(pushOf('open the door'));
    assert.equal(atDoor.alias, alias);
    door.send({ t: -5, mid: atDoor.mid });
    const [atPhone] = await phone.next('push');
    assert.deepEqual({ t: atPhone.t, alias: atPhone.alias, msg: atPhone.msg }, { t: 5, alias: phoneAlias, msg: 'open the door' });
    await assert.rejects(demoDoor.next(pushOf('open the door'), 1500));

    assert.deepEqual((await rest('GET', `/info/status/${alias}/${token}`)).body, { list: [], status: 'online' });
    assert.deepEqual((await rest('GET', `/info/allChannelAlias/1/${token}`)).body, { total: 1, list: [alias] });
    assert.deepEqual((await rest('GET', `/info/allSocketIOAlias/1/${token}`)).body, { total: 1, list: [phoneAlias] });
  });

  test('an ack by mid settles one stored push: two requesters that chose one id for their pushes each get theirs through', async () => {
    // given an alias of an app that was away while two teams sent it a push each, with the same id
    const app = await createApp(uniq('same-mid'));
    const token = await mint(app.appkey);
    const alias = uniq('door');
    (await tcpOfToken(0, token, alias)).close();
    const mid = uniq('mid');
    for (const [requester, msg] of [['team-a', 'one'], ['team-b', 'two']]) {
      const res = await fetch(`${platform().routing}/api/v1/apps/${app.appkey}/deliveries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-app-secret': app.secret },
        body: JSON.stringify({ to: { type: 'identity', app: app.appkey, kind: 'push-client', id: alias }, api: 'push', event: 'push',
          args: [{ t: 5, mid, alias, msg }], qos: 1, ack: { mode: 'CLIENT', timeoutMs: 30000 }, messageId: mid, requester }),
      });
      assert.equal(res.status, 202);
    }

    // when it comes back with a heartbeat (no offline push), pulls both and acks the id once
    const c = await tcp(1);
    c.send({ token });
    c.send({ t: 1, alias });
    await c.next(type(-1));
    let pulled;
    for (let tries = 0; tries < 20; tries++) {
      c.send({ t: 4, num: String(tries) });
      pulled = (await c.next(type(-4))).msg;
      if (pulled.length === 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual(pulled.map((m) => m.msg).sort(), ['one', 'two']);
    c.send({ t: -5, mid });

    // then one of them is still waiting for its own ack
    let left;
    for (let tries = 0; tries < 20; tries++) {
      c.send({ t: 4, num: `after-${tries}` });
      left = (await c.next(type(-4))).msg;
      if (left.length < 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(left.length, 1, JSON.stringify(left));
  });

  test('./pushctl token mints a token that the RestServer takes', async () => {
    const out = pushctl('token', platform().demo.appkey, '--ttl', '3600');
    const token = out.trim().split('\n').pop();
    assert.match(token, new RegExp(`^${platform().demo.appkey}\\.[0-9a-f]+$`));
    const channel = uniq('chan');
    const reply = await rest('POST', `/push/${token}`, { t: 6, method: 'publish', topic: [channel], msg: 'hi', num: '1' });
    assert.deepEqual(reply, { status: 200, body: { t: -6, num: '1' } });
  });

  test('forged and expired tokens get {t:0, error}: over REST, and on a TCP or Socket.IO connect', async () => {
    const token = await mint(platform().demo.appkey, 1);
    const forged = token.slice(0, -2) + (token.endsWith('00') ? '11' : '00');
    assert.deepEqual(await rest('POST', `/push/${forged}`, { t: 6, method: 'publish', topic: ['x'], msg: 'm', num: 3 }),
      { status: 401, body: { t: 0, error: 'invalid token', num: 3 } });
    const c = await tcp(0);
    c.send({ token: forged });
    c.send({ t: 14, alias: uniq('intruder') });
    assert.equal((await c.next(type(0))).error, 'invalid token');
    assert.equal(c.closed, false);

    await new Promise((r) => setTimeout(r, 2100));
    assert.deepEqual((await rest('GET', `/info/allChannelAlias/1/${token}`)).body, { t: 0, error: 'token expired' });
    const phone = open('v2', platform().gateways[1].push, { query: { token } });
    opened.push(phone);
    const [refused] = await phone.request('connect_alias', { alias: uniq('late') }, 'connect_c');
    assert.deepEqual(refused, { t: 0, error: 'token expired' });
  });

  test('/info counts connections per gateway host from their heartbeats, /info/servers names a live node, type 7 adds up', async () => {
    const token = await mint(platform().demo.appkey);
    const c = await tcp(1);
    c.send({ t: 14, alias: uniq('counted') });
    await c.next(type(-14));
    // the counts come with the nodes' heartbeats: asked until the next ones count this client
    let info;
    for (let asked = 0; ; asked++) {
      info = await rest('GET', `/info/${token}`);
      assert.equal(info.status, 200);
      if (Object.values(info.body).some((host) => host.channelSize >= 1) || asked === 50) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(Object.keys(info.body), ['127.0.0.1']);
    assert.ok(info.body['127.0.0.1'].channelSize >= 1, JSON.stringify(info.body));
    assert.ok(info.body['127.0.0.1'].onlineAllSize >= info.body['127.0.0.1'].channelSize);

    const servers = await rest('GET', `/info/servers/${token}`);
    assert.equal(servers.status, 200);
    assert.equal(servers.body.host, '127.0.0.1');
    const node = platform().gateways.find((g) => g.pushTcp.endsWith(':' + servers.body.service.push));
    assert.ok(node, `${JSON.stringify(servers.body)} is no gateway of ${JSON.stringify(platform().gateways)}`);
    assert.ok(node.push.endsWith(':' + servers.body.service.socket));
    assert.ok(node.http.endsWith(':' + servers.body.service.webSocket));
    assert.equal(servers.body.service.rest, Number(new URL(platform().routing).port));

    c.send({ t: 7 });
    const totals = await c.next((f) => 'channelSize' in f);
    assert.ok(totals.channelSize >= 1);
    assert.deepEqual(Object.keys(totals).sort(), ['Many2ManySize', 'One2ManySize', 'One2OneSize', 'channelSize']);
  });

  test('across protocols: the core\'s delivery commands reach a TCP alias, and a TCP do_push reaches a Socket.IO client', async () => {
    const app = await createApp(uniq('estate'));
    const token = await mint(app.appkey);
    const alias = uniq('door');
    const door = await tcpOfToken(0, token, alias);
    const phoneAlias = uniq('phone');
    const phone = open('v4', platform().gateways[1].push, { query: { token } });
    opened.push(phone);
    await phone.request('connect_alias', { alias: phoneAlias }, 'connect_c');

    const res = await fetch(`${platform().routing}/api/v1/apps/${app.appkey}/deliveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-app-secret': app.secret },
      body: JSON.stringify({ to: { type: 'identity', app: app.appkey, kind: 'alias', id: alias }, api: 'push', event: 'push',
        args: [{ t: 5, mid: 'core-1', alias, msg: 'from the core' }], qos: 1, messageId: 'core-1' }),
    });
    assert.equal(res.status, 202);
    assert.deepEqual(await door.next(pushOf('from the core')), { t: 5, mid: 'core-1', alias, msg: 'from the core' });

    door.send({ t: 6, method: 'publish_to_alias', alias: [phoneAlias], msg: 'from tcp', num: '2' });
    assert.deepEqual(await door.next(type(-6)), { t: -6, num: '2' });
    const [pushed] = await phone.next('push');
    assert.deepEqual({ t: pushed.t, alias: pushed.alias, msg: pushed.msg }, { t: 5, alias: phoneAlias, msg: 'from tcp' });
  });
});
