'use strict';
// device-service killed (kill -9) with commands in flight, both of its instances one after the other: the ledger
// in PostgreSQL and the outcomes on Kafka outlive them; a timed-out attempt is sent again by whichever instance
// owns the device by then, and every command ends once, with its ack.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { promisify } = require('node:util');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { ROOT } = require('./lib/platform');
const { deviceAdmin, createDevice, connectDevice, commandWhen, until } = require('./lib/devices');

// asynchronously: the device in this process must go on answering while the restarts are waited for
const pushctl = (...args) => promisify(execFile)(path.join(ROOT, 'pushctl'), args, { env: process.env });
const opened = [];
after(() => opened.forEach((c) => c.close()));

test('commands in flight while both device-service instances are killed end DELIVERED, each acked once', { timeout: 180000 }, async () => {
  const device = await createDevice('rs');
  const seen = new Map();
  // the device keeps its first delivery of each command unanswered: only a second attempt is acked
  const board = await connectDevice('v4', 1, device.signature, (event, data) => {
    const key = JSON.stringify([event, data]);
    seen.set(key, (seen.get(key) || 0) + 1);
    return seen.get(key) === 1 ? null : undefined;
  });
  opened.push(board);
  const ids = [];
  for (const batch of ['29be12dcdac6739aec8c86f7fad8fbf6', '39be12dcdac6739aec8c86f7fad8fbf6']) {
    const res = await deviceAdmin('POST', `/devices/${device.serial}/commands`,
      { event: 'app_log_upload', payload: { batch }, ackTimeoutMs: 2000, maxAttempts: 5 });
    ids.push(res.body.id);
  }
  await until(() => board.commands.length >= 2, 10000, 'both first attempts');

  await pushctl('restart', 'device-service', '--kill');
  await pushctl('restart', 'device-service-2', '--kill');

  for (const id of ids) {
    const ended = await commandWhen(id, (c) => c.state === 'DELIVERED', 60000);
    assert.ok(ended.attempts >= 2, JSON.stringify(ended));
  }
  // each command reached the device again after its unanswered first attempt, and no command was settled twice
  const history = await deviceAdmin('GET', `/devices/${device.serial}/commands`);
  assert.deepEqual(history.body.map((c) => c.state), ['DELIVERED', 'DELIVERED']);
  assert.ok([...seen.values()].every((n) => n >= 2));
});
