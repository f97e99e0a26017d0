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
 * kept in `opened` so that the test file can close what it left open. `name` is the handshake's `device`, if any.
 */
async function device(opened, version, node, token, app = platform().demo.appkey, name = undefined, askTimeoutMs = 10000) {
  const query = name === undefined ? { token, app } : { token, app, device: name };
  const client = open(version, platform().gateways[node].chat, { query, transports: ['websocket'] });
  opened.push(client);
  const [ok] = await client.ask('unread count', {}, askTimeoutMs);
  assert.equal(ok, false, 'an authenticated device gets (false, counts)');
  return client;
}

/**
 * Waits until the gateway's write receipt of a message moved the device's delivered position past it: what the
 * device catches up from when it connects again. `withId` is the peer account or the group.
 */
async function awaitDelivered(accountId, deviceName, withId, messageId, conversationPath) {
  const page = await chatAdmin('GET', `${conversationPath}?limit=500`);
  const message = page.body.messages.find((m) => m.id === messageId);
  assert.ok(message, `message ${messageId} is in ${conversationPath}`);
  for (const deadline = Date.now() + 10000; Date.now() < deadline;) {
    const { body } = await chatAdmin('GET', `/accounts/${accountId}/devices`);
    const position = body.positions.find((p) => p.device === deviceName && p.with === withId);
    if (position && position.delivered >= message.seq) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`device '${deviceName}' of ${accountId} was not delivered ${messageId} within 10 s`);
}

/** Waits until the platform knows that a device of the account has no connection open any more. */
async function awaitGone(accountId, deviceName, timeoutMs = 10000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const { body } = await chatAdmin('GET', `/accounts/${accountId}/devices`);
    const found = body.devices.find((d) => d.device === deviceName);
    if (found && found.connections === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`device '${deviceName}' of ${accountId} still has a connection after ${timeoutMs} ms`);
}

module.exports = { chatAdmin, account, device, awaitDelivered, awaitGone };
