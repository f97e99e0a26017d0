'use strict';
// An app that requires a signed connect_v2, with real socket.io-client v4 and v2 clients: the app's backend signs
// "appkey:customid:expires" with the app's secret (HMAC-SHA256, hex), the client sends expires and sign.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { connect } = require('./lib/clients');
const { platform, admin, createApp } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const sign = (secret, appkey, customid, expires) =>
  crypto.createHmac('sha256', secret).update(`${appkey}:${customid}:${expires}`).digest('hex');

for (const version of ['v4', 'v2']) {
  describe(`signed connect with socket.io-client ${version}`, () => {
    test('an unsigned or forged connect_v2 is refused, a signed one gets its session and its messages', async () => {
      const app = await createApp(uniq('signed'));
      const required = await admin('PUT', `/admin/apps/${app.appkey}/signed-connect`, { required: true });
      assert.equal(required.status, 200);
      assert.equal(required.body.signedConnect, true);
      const expires = Math.floor(Date.now() / 1000) + 300;

      const intruder = await connect(version, platform().gateways[0].pubsub);
      opened.push(intruder);
      const [unsigned] = await intruder.connectApp(app.appkey, 'alice');
      const [forged] = await intruder.request('connect_v2',
        { appkey: app.appkey, customid: 'alice', expires, sign: sign('guessed', app.appkey, 'alice', expires) }, 'connack');
      assert.equal(unsigned.success, false);
      assert.match(unsigned.error_msg, /requires a signed connect_v2/);
      assert.deepEqual(forged, { success: false, error_msg: 'bad signature' });
      const [notConnected] = await intruder.request('subscribe', { topic: 'secrets' }, 'suback');
      assert.equal(notConnected.success, false);

      const alice = await connect(version, platform().gateways[1].pubsub);
      opened.push(alice);
      const [ok] = await alice.request('connect_v2',
        { appkey: app.appkey, customid: 'alice', expires, sign: sign(app.secret, app.appkey, 'alice', expires) }, 'connack');
      assert.deepEqual(ok, { success: true });
      await alice.request('subscribe', { topic: 'secrets' }, 'suback');
      await alice.request('publish', { topic: 'secrets', msg: 'for alice only' }, 'puback');
      assert.equal((await alice.next('message'))[0].msg, 'for alice only');
    });
  });
}
