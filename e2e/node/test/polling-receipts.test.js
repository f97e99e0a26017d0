'use strict';
// A long-polling client is sent a stored (QoS 1) message while no poll of its is waiting: the message waits on its
// Engine.IO session for the next poll. If the client goes away before that poll, the message was never received and
// must reach it when it connects again. Spoken with a hand-written Engine.IO 4 polling client (fetch), which
// controls exactly when it polls, and a socket.io-client v4 publisher.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { connect } = require('./lib/clients');
const { platform } = require('./lib/platform');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const uniq = (prefix) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;

/** One HTTP request on a connection of its own (no pooled socket the server may have closed meanwhile). */
function request(url, method = 'GET', body = undefined) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: body === undefined ? {} : { 'content-type': 'text/plain;charset=UTF-8' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => { text += chunk; });
        res.on('end', () => resolve(text));
      });
    req.on('error', reject);
    req.end(body);
  });
}

/** An Engine.IO 4 long-polling session that polls only when told to. */
async function pollingSession(base) {
  const url = `${base}/socket.io/?EIO=4&transport=polling`;
  const { sid } = JSON.parse((await request(url)).slice(1));
  const session = `${url}&sid=${sid}`;
  const post = async (packets) => assert.equal(await request(session, 'POST', packets.join('\x1e')), 'ok');
  const poll = async () => (await request(session)).split('\x1e');
  return { sid, post, poll };
}

/** Polls until a packet matching `match` arrives (each poll returns at once when something waits). */
async function pollFor(session, match, tries = 10) {
  for (let i = 0; i < tries; i++) {
    const found = (await session.poll()).find(match);
    if (found) return found;
  }
  throw new Error('not received');
}

const event = (name) => (packet) => packet.startsWith('42') && JSON.parse(packet.slice(2))[0] === name;

test('a stored message queued for a poll that never comes is not taken as received: the next connection gets it', async () => {
  // given a polling client of a session with an alias, that then stops polling
  const base = platform().gateways[0].pubsub;
  const appkey = platform().demo.appkey;
  const customid = uniq('poller');
  const alias = uniq('poller_alias');
  const client = await pollingSession(base);
  await client.post(['40']);
  await pollFor(client, event('socketconnectack'));
  await client.post([`42${JSON.stringify(['connect_v2', { appkey, customid }])}`]);
  await pollFor(client, event('connack'));
  await client.post([`42${JSON.stringify(['set_alias', { alias }])}`]);
  await pollFor(client, event('set_alias_ack'));

  // when a QoS 1 message is sent to it with no poll waiting, and the client leaves before it polls again
  const publisher = await connect('v4', platform().gateways[1].pubsub, { transports: ['websocket'] });
  opened.push(publisher);
  await publisher.connectApp(appkey, uniq('publisher'));
  const [puback] = await publisher.request('publish2_to_alias', { alias, msg: 'queued for a poll', opts: { qos: 1 } }, 'puback');
  assert.equal(puback.success, true);
  await new Promise((r) => setTimeout(r, 1500)); // it reached the gateway and waits on the session
  await client.post(['1']); // Engine.IO close: the session ends with the message unsent

  // then the session's next connection gets it
  const back = await connect('v4', platform().gateways[1].pubsub, { transports: ['websocket'] });
  opened.push(back);
  await back.connectApp(appkey, customid);
  assert.deepEqual((await back.next('message'))[0], { topic: alias, msg: 'queued for a poll' });
});
