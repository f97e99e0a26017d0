'use strict';
// A raw TCP client of the push-server API: sends JSON lines, collects the JSON lines it receives.
const net = require('node:net');
// the benchmark's reader of JSON lines: one for both
const { onJsonLines } = require('../../../../bench/json-lines');
const { platform } = require('./platform');

function tcpClient(host, port) {
  const socket = net.connect(Number(port), host);
  const client = { socket, frames: [], waiters: [], closed: false };
  onJsonLines(socket, (frame) => deliver(client, frame));
  socket.on('close', () => { client.closed = true; });
  client.send = (frame) => socket.write((typeof frame === 'string' ? frame : JSON.stringify(frame)) + '\n');
  client.next = (match, ms = 10000) => next(client, match, ms);
  client.close = () => socket.destroy();
  return new Promise((resolve, reject) => { socket.once('connect', () => resolve(client)); socket.once('error', reject); });
}

function deliver(client, frame) {
  const i = client.waiters.findIndex((w) => w.match(frame));
  if (i >= 0) client.waiters.splice(i, 1)[0].resolve(frame); else client.frames.push(frame);
}

function next(client, match, ms) {
  const i = client.frames.findIndex(match);
  if (i >= 0) return Promise.resolve(client.frames.splice(i, 1)[0]);
  return new Promise((resolve, reject) => {
    const waiter = { match, resolve: (f) => { clearTimeout(timer); resolve(f); } };
    const timer = setTimeout(() => {
      client.waiters = client.waiters.filter((w) => w !== waiter);
      reject(new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(client.frames)}`));
    }, ms);
    client.waiters.push(waiter);
  });
}

/** A TCP client of gateway `node`'s push-server port, added to `opened` (closed after the tests). */
async function gatewayTcp(node, opened) {
  const [host, port] = platform().gateways[node].pushTcp.split(':');
  const client = await tcpClient(host, port);
  opened.push(client);
  return client;
}

/** Matchers of frames: of a type, or a push of a message. */
const type = (t) => (f) => f.t === t;
const pushOf = (msg) => (f) => f.t === 5 && f.msg === msg;

module.exports = { tcpClient, gatewayTcp, type, pushOf };
