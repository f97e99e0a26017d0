'use strict';
// MQTT clients (npm mqtt) against a gateway node of the platform, with the promises the tests wait on.
const net = require('node:net');
const mqtt = require('mqtt');
const mqttPacket = require('mqtt-packet');

const DEFAULT_TIMEOUT_MS = 15000;

/** Connects and resolves with the client and its CONNACK once connected, or rejects with the refusal. */
function connectMqtt(url, options) {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: DEFAULT_TIMEOUT_MS, ...options });
    const received = [];
    const waiters = [];
    client.on('message', (topic, payload, packet) => {
      received.push({ topic, payload, packet });
      waiters.splice(0).forEach((w) => w());
    });
    client.received = received;
    /** Resolves once `count` messages arrived (all of them, in order). */
    client.messages = (count, timeoutMs = DEFAULT_TIMEOUT_MS) => new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`${received.length} of ${count} messages within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (received.length >= count) {
          clearTimeout(timer);
          done(received.slice(0, count));
        } else {
          waiters.push(check);
        }
      };
      check();
    });
    client.once('connect', (connack) => resolve({ client, connack }));
    client.once('error', (e) => { client.end(true); reject(e); });
  });
}

function subscribe(client, filters, options = { qos: 1 }) {
  return new Promise((resolve, reject) => client.subscribe(filters, options, (e, granted) => (e ? reject(e) : resolve(granted))));
}

function publish(client, topic, payload, options = { qos: 1 }) {
  return new Promise((resolve, reject) => client.publish(topic, payload, options, (e, packet) => (e ? reject(e) : resolve(packet))));
}

function end(client) {
  return new Promise((resolve) => client.end(false, {}, resolve));
}

/**
 * A client that writes the packets it is given, byte for byte (mqtt-packet), to see what a broker does with what
 * npm mqtt would not send: a PUBLISH sent again under its packet id, a connection dropped between two steps.
 */
function rawClient(url, protocolVersion = 4) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const parser = mqttPacket.parser({ protocolVersion });
  const packets = [];
  const arrived = [];
  const waiters = [];
  parser.on('packet', (packet) => {
    packets.push(packet);
    arrived.push(packet.cmd);
    waiters.splice(0).forEach((w) => w());
  });
  socket.on('data', (data) => parser.parse(data));
  const closed = new Promise((resolve) => socket.on('close', resolve));
  socket.on('error', () => {});
  return {
    send: (packet) => socket.write(mqttPacket.generate({ protocolVersion, ...packet }, { protocolVersion })),
    /** Bytes as they are, for a packet mqtt-packet refuses to make. */
    sendBytes: (bytes) => socket.write(bytes),
    /** The next packet of this kind (cmd) not taken yet. */
    next: (cmd, timeoutMs = DEFAULT_TIMEOUT_MS) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${cmd} within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        const i = packets.findIndex((p) => p.cmd === cmd);
        if (i >= 0) {
          clearTimeout(timer);
          resolve(packets.splice(i, 1)[0]);
        } else {
          waiters.push(check);
        }
      };
      check();
    }),
    packets,
    /** The kind (cmd) of every packet received, in order, taken or not. */
    arrived,
    closed,
    destroy: () => socket.destroy(),
  };
}

module.exports = { connectMqtt, subscribe, publish, end, rawClient };
