'use strict';
// The device API under test: device-service's admin REST, and class boards, consoles and mini-app pages on the
// gateways' device listeners (path /socket/socket.io), as real socket.io-client v4 and v2 clients.
const { open } = require('./clients');
const { platform } = require('./platform');

const DEVICE_PATH = '/socket/socket.io';

/** device-service's admin REST (any instance: the first). */
async function deviceAdmin(method, urlPath, body) {
  const p = platform();
  const res = await fetch(p.device + '/admin/apps/' + p.demo.appkey + urlPath, {
    method,
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + p.demo.adminToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A new device of the demo app: its serial and the seed's signature, base64(serial:device_key). */
async function createDevice(prefix = 'sn') {
  const serial = `${prefix}${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const res = await deviceAdmin('POST', '/devices', { serial, name: 'class board' });
  if (res.status !== 201) throw new Error('cannot create a device: ' + JSON.stringify(res));
  return res.body;
}

/** A socket on a gateway node's device listener, before anything was said. */
function openDeviceSocket(version, node) {
  return open(version, platform().gateways[node].device, { path: DEVICE_PATH, transports: ['websocket'] });
}

/**
 * A class board: connects, answers every command through `answer(event, data)` (its return is the ack body; the
 * seed's {ack: true} when it returns undefined; no ack at all when it returns null), and records what it got, in
 * order. Resolves once authenticated.
 */
async function connectDevice(version, node, signature, answer = () => undefined) {
  const client = openDeviceSocket(version, node);
  client.commands = [];
  // an event that asks for an ack is a command (v2 has no onAny: the packet is looked at as it arrives)
  const onevent = client.socket.onevent;
  client.socket.onevent = function (packet) {
    if (packet.id === undefined || packet.id === null) return onevent.call(this, packet);
    const [event, data] = packet.data || [];
    client.commands.push({ event, data });
    const body = answer(event, data);
    if (body !== null) this.ack(packet.id)(body === undefined ? { ack: true } : body);
    return onevent.call(this, { ...packet, id: undefined });
  };
  await new Promise((resolve, reject) => {
    client.socket.once('connect', resolve);
    client.socket.once('connect_error', reject);
  });
  const ok = client.next('auth:ok');
  client.emit('authentication', { signature });
  await ok;
  return client;
}

/** Polls a command until `done(command)` holds (at most `ms`); a device-service restarting meanwhile is waited for. */
async function commandWhen(id, done, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const res = await deviceAdmin('GET', '/commands/' + id).catch((e) => ({ status: 0, body: String(e) }));
    if (res.status === 200 && done(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`command ${id} not as expected within ${ms} ms: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until `check()` is true (at most `ms`). */
async function until(check, ms = 15000, what = 'condition') {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(what + ' not met within ' + ms + ' ms');
    await new Promise((r) => setTimeout(r, 50));
  }
}

module.exports = { deviceAdmin, createDevice, openDeviceSocket, connectDevice, commandWhen, until, DEVICE_PATH };
