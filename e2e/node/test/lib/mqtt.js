'use strict';
// MQTT clients (npm mqtt) against a gateway node of the platform, with the promises the tests wait on.
const mqtt = require('mqtt');

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

module.exports = { connectMqtt, subscribe, publish, end };
