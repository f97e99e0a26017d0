'use strict';
// The reference for the device-command benchmark: a plain Node socket.io server (path /socket/socket.io) doing the
// device-service work the platform does, in memory and in one process: devices created over REST and told their
// key, `authentication` checked (base64(serial:key)) and answered auth:ok, and a REST command sent to its device
// with an ack callback, its result kept, and answered with ?wait= once acked. Prints its port on stdout.
const http = require('node:http');
const { Server } = require('socket.io');

const devices = new Map(); // serial -> { key, socket }
const commands = new Map(); // id -> command
let ids = 0;

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const url = new URL(req.url, 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean); // admin apps <app> devices [<serial> commands]
    if (req.method === 'POST' && parts.length === 4 && parts[3] === 'devices') {
      const { serial } = JSON.parse(body);
      const key = Math.random().toString(16).slice(2);
      devices.set(serial, { key });
      return json(res, 201, { serial, deviceKey: key, signature: Buffer.from(`${serial}:${key}`).toString('base64') });
    }
    if (req.method === 'POST' && parts.length === 6 && parts[5] === 'commands') {
      const device = devices.get(parts[4]);
      if (!device) return json(res, 404, { error_msg: 'no such device' });
      const { event, payload } = JSON.parse(body);
      const command = { id: ++ids, serial: parts[4], event, payload, state: 'QUEUED', attempts: 0 };
      commands.set(command.id, command);
      const answer = () => json(res, 200, command);
      if (device.socket) {
        command.state = 'SENT';
        command.attempts = 1;
        device.socket.timeout(10000).emit(event, payload || {}, (err, ack) => {
          if (err) { command.state = 'TIMEOUT'; } else {
            const { ack: ignored, ...result } = ack || {};
            command.state = Object.keys(result).length ? 'SUCCESSFUL' : 'DELIVERED';
            command.result = result;
          }
          answer();
        });
      } else {
        json(res, 201, command);
      }
      return undefined;
    }
    return json(res, 404, { error_msg: 'not found' });
  });
});

const io = new Server(server, { path: '/socket/socket.io' });
io.on('connection', (socket) => {
  socket.on('authentication', ({ signature } = {}) => {
    const [serial, key] = Buffer.from(String(signature), 'base64').toString().split(':');
    const device = devices.get(serial);
    if (!device || device.key !== key) return socket.emit('auth:fail', { error_msg: 'signature not valid.' });
    device.socket = socket;
    socket.on('disconnect', () => { if (device.socket === socket) device.socket = null; });
    return socket.emit('auth:ok');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
