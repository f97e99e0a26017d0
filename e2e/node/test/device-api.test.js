'use strict';
// The device API (class boards, consoles, mini-app pages) end to end: real socket.io-client v4 and v2 on both
// gateway nodes' device listeners (port 3001, path /socket/socket.io), device-service's REST admin (two
// instances), commands with acks through the delivery core, rooms and the seed's replies.
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const { deviceAdmin, createDevice, openDeviceSocket, connectDevice, commandWhen, until } = require('./lib/devices');

const opened = [];
after(() => opened.forEach((c) => c.close()));
const keep = (client) => { opened.push(client); return client; };

describe('device authentication', () => {
  test('a v4 device with the seed signature gets auth:ok; its status query is answered over REST with ?wait=', async () => {
    const device = await createDevice();
    keep(await connectDevice('v4', 0, device.signature, (event) => (event === 'device_status' ? { ack: true, status: 'on' } : undefined)));
    const res = await deviceAdmin('POST', `/devices/${device.serial}/commands?wait=10s`, { event: 'device_status' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.state, 'SUCCESSFUL');
    assert.deepEqual(res.body.result, { status: 'on' });
    const shown = await deviceAdmin('GET', `/devices/${device.serial}`);
    assert.equal(shown.body.online, true);
    assert.equal(shown.body.lastStatus, 'on');
  });

  test('a bad signature gets auth:fail with the seed text, nothing else, and is closed when its unbound time ends', async () => {
    const device = await createDevice();
    const forged = Buffer.from(`${device.serial}:not-its-key`).toString('base64');
    const client = keep(openDeviceSocket('v2', 1));
    const fail = client.next('auth:fail');
    client.emit('authentication', { signature: forged });
    assert.deepEqual(await fail, [{ error_msg: 'signature not valid.' }]);
    // a command for that serial is not for this socket
    await deviceAdmin('POST', `/devices/${device.serial}/commands`, { event: 'restart_device', payload: { restart: true } });
    assert.equal(await client.receives('restart_device', 1000), false);
    assert.equal(await client.disconnects(15000), true, 'an unauthenticated socket is closed');
  });

  test('an app can require HMAC signatures: the seed form is refused, a fresh HMAC one accepted, a replayed one refused', async () => {
    const crypto = require('node:crypto');
    const device = await createDevice('hm');
    const key = device.deviceKey;
    await deviceAdmin('PUT', '/settings', { requireHmac: true });
    try {
      const seedForm = keep(openDeviceSocket('v4', 0));
      const refused = seedForm.next('auth:fail');
      seedForm.emit('authentication', { signature: device.signature });
      await refused;
      const ts = Math.floor(Date.now() / 1000);
      const signed = `${device.serial}:${ts}:nonce-${Math.random()}`;
      const hmac = crypto.createHmac('sha256', key).update(signed).digest('hex');
      const signature = Buffer.from(`${signed}:${hmac}`).toString('base64');
      keep(await connectDevice('v4', 1, signature));
      const replay = keep(openDeviceSocket('v4', 0));
      const again = replay.next('auth:fail');
      replay.emit('authentication', { signature });
      await again;
    } finally {
      await deviceAdmin('PUT', '/settings', { requireHmac: false });
    }
  });
});

describe('commands and their lifecycle', () => {
  test('commands queued while a v2 device was offline reach it in order on another node; a newer binding replaces the queued one', async () => {
    const device = await createDevice();
    const first = keep(await connectDevice('v2', 0, device.signature));
    first.close();
    let offline = false;
    while (!offline) offline = (await deviceAdmin('GET', `/devices/${device.serial}`)).body.online === false;
    const queued = [];
    for (const body of [
      { event: 'text_notifications', payload: { notifications: [{ content: '滚动通知1' }], ended_at: '2016-10-25T18:15:17+08:00' } },
      { event: 'restart_device', payload: { restart: true } },
      { event: 'upgrade_watcher', payload: { upgrade_url: 'http://example.test/w.apk', version: '1.0.0.1' } },
    ]) {
      const res = await deviceAdmin('POST', `/devices/${device.serial}/commands`, body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      queued.push(res.body.id);
    }
    const older = await deviceAdmin('PUT', `/devices/${device.serial}/class`, { id: 1, name: '初三1班' });
    const newer = await deviceAdmin('PUT', `/devices/${device.serial}/class`, { id: 2, name: '初三2班' });
    assert.equal((await deviceAdmin('GET', '/commands/' + older.body.commandId)).body.state, 'FAILED');

    const back = keep(await connectDevice('v2', 1, device.signature));
    await until(() => back.commands.length >= 4, 15000, 'four commands');
    assert.deepEqual(back.commands.map((c) => c.event), ['text_notifications', 'restart_device', 'upgrade_watcher', 'bind_class']);
    assert.deepEqual(back.commands[3].data, { id: 2, name: '初三2班' });
    assert.equal(back.commands[0].data.notifications[0].content, '滚动通知1');
    for (const id of [...queued, newer.body.commandId]) await commandWhen(id, (c) => c.state === 'DELIVERED');
  });

  test('an unanswered command is sent again and ends TIMEOUT, without holding back the command behind it', async () => {
    const device = await createDevice();
    const board = keep(await connectDevice('v4', 0, device.signature, (event) => (event === 'restart_device' ? null : undefined)));
    const silent = await deviceAdmin('POST', `/devices/${device.serial}/commands`,
      { event: 'restart_device', payload: { restart: true }, ackTimeoutMs: 1000, maxAttempts: 2 });
    const answered = await deviceAdmin('POST', `/devices/${device.serial}/commands?wait=10s`, { event: 'purge_face_data' });
    assert.equal(answered.body.state, 'DELIVERED');
    const ended = await commandWhen(silent.body.id, (c) => c.state === 'TIMEOUT');
    assert.equal(ended.attempts, 2);
    assert.equal(board.commands.filter((c) => c.event === 'restart_device').length, 2);
    const history = await deviceAdmin('GET', `/devices/${device.serial}/commands`);
    assert.deepEqual(history.body.map((c) => c.state), ['DELIVERED', 'TIMEOUT']);
  });

  test('a command to a whole class reaches each bound device once, and a face count comes back as its result', async () => {
    const classId = Math.floor(Math.random() * 1e9);
    const devices = [await createDevice(), await createDevice()];
    const boards = [];
    for (const [i, device] of devices.entries()) {
      await deviceAdmin('PUT', `/devices/${device.serial}/class`, { id: classId, name: 'class' });
      boards.push(keep(await connectDevice(i === 0 ? 'v4' : 'v2', i, device.signature,
        (event) => (event === 'face_data_count' ? { ack: true, count: 56 + i } : undefined))));
    }
    const res = await deviceAdmin('POST', '/commands?wait=10s', { event: 'face_data_count', classId });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.commands.map((c) => c.result.count).sort(), [56, 57]);
    for (const board of boards) assert.equal(board.commands.filter((c) => c.event === 'face_data_count').length, 1);
  });
});

describe('rooms', () => {
  test('remote debugging: the device joins its serial room, a console there sends remote_cmd and gets cmd_result', async () => {
    const device = await createDevice();
    const board = keep(await connectDevice('v4', 0, device.signature));
    const stranger = keep(openDeviceSocket('v4', 1));
    const refused = stranger.next('join_room:fail');
    stranger.emit('join_room', { room: device.serial });
    assert.deepEqual(await refused, [{ error_msg: 'join room fail' }]);

    await deviceAdmin('PUT', `/devices/${device.serial}/remote-debug`);
    await until(() => board.commands.some((c) => c.event === 'enable_remote_cmd'), 10000, 'enable_remote_cmd');
    assert.deepEqual(board.commands.find((c) => c.event === 'enable_remote_cmd').data, { room: device.serial });
    const joined = board.next('join_room:ok');
    board.emit('join_room', { room: device.serial });
    await joined;

    const console = keep(openDeviceSocket('v2', 1));
    const consoleJoined = console.next('join_room:ok');
    console.emit('join_room', { room: device.serial });
    await consoleJoined;
    const command = board.next('remote_cmd');
    console.emit('remote_cmd', { encrypted_cmd: 'a.b.c' });
    assert.deepEqual(await command, [{ encrypted_cmd: 'a.b.c' }]);
    const viaRest = board.next('remote_cmd');
    assert.equal((await deviceAdmin('POST', `/devices/${device.serial}/remote-cmd`, { encrypted_cmd: 'd.e.f' })).status, 202);
    assert.deepEqual(await viaRest, [{ encrypted_cmd: 'd.e.f' }]);
    const result = console.next('cmd_result');
    board.emit('cmd_result', { result: 'ok' });
    assert.deepEqual(await result, [{ result: 'ok' }]);
  });

  test('a mini-app page joins a student memo room without authenticating and gets memos_update and memos_read', async () => {
    const studentId = Math.floor(Math.random() * 1e9);
    const page = keep(openDeviceSocket('v2', 1));
    const joined = page.next('join_room:ok');
    page.emit('join_room', { room: `wxa_student_${studentId}` });
    await joined;
    const update = page.next('memos_update');
    assert.equal((await deviceAdmin('POST', `/students/${studentId}/memos`, { memo_id: 20 })).status, 202);
    assert.deepEqual(await update, [{ memo_id: 20 }]);
    const read = page.next('memos_read');
    await deviceAdmin('POST', `/students/${studentId}/memos/read`, { memo_ids: [20, 22, 24] });
    assert.deepEqual(await read, [{ memo_ids: [20, 22, 24] }]);
    // past the unbound timeout (5 s in these tests): a socket in a room is not closed as unauthenticated
    assert.equal(await page.disconnects(6000), false);
    const left = page.next('leave_room:ok');
    page.emit('leave_room', { room: `wxa_student_${studentId}` });
    await left;
  });
});
