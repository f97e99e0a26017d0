'use strict';
// The chat API's admin calls and devices, shared by the chat tests.
const assert = require('node:assert/strict');
const { open } = require('./clients');
const { platform, admin } = require('./platform');

/** A chat admin call for the app (the demo app's unless named). */
function chatAdmin(method, urlPath, body, app = platform().demo.appkey) {
  return admin(method, `/admin/apps/${app}${urlPath}`, body, platform().chat);
}

/** Makes an account of the app and mints its client token. */
async function account(id, name, app = platform().demo.appkey) {
  const saved = await chatAdmin('POST', '/accounts', { id, name, avatar: `https://avatars.example/${id}.png` }, app);
  assert.equal(saved.status, 201, JSON.stringify(saved));
  const minted = await chatAdmin('POST', `/accounts/${id}/tokens`, {}, app);
  assert.equal(minted.status, 201, JSON.stringify(minted));
  return minted.body.token;
}

/**
 * A device of an account on a gateway node, connected and authenticated (the platform answered its first request);
 * kept in `opened` so that the test file can close what it left open.
 */
async function device(opened, version, node, token, app = platform().demo.appkey) {
  const client = open(version, platform().gateways[node].chat, { query: { token, app }, transports: ['websocket'] });
  opened.push(client);
  const [ok] = await client.ask('unread count', {});
  assert.equal(ok, false, 'an authenticated device gets (false, counts)');
  return client;
}

module.exports = { chatAdmin, account, device };
