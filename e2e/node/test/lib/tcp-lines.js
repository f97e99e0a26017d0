'use strict';
// A raw TCP client of the push-server API: sends JSON lines, collects the JSON lines it receives.
const net = require('node:net');

function tcpClient(host, port) {
  const socket = net.connect(Number(port), host);
  const client = { socket, frames: [], waiters: [], closed: false };
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.trim()) deliver(client, JSON.parse(line));
    }
  });
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

/** Matchers of frames: of a type, or a push of a message. */
const type = (t) => (f) => f.t === t;
const pushOf = (msg) => (f) => f.t === 5 && f.msg === msg;

module.exports = { tcpClient, type, pushOf };
