'use strict';
// The reference for the benchmarks: a plain Node socket.io v4 server doing the same pubsub work as the platform
// (connect_v2, set_alias, subscribe, publish, publish2_to_alias, puback, recvack) in memory, without storage, one
// process. Started by the benchmarks themselves; prints its port on stdout.
const http = require('node:http');
const { Server } = require('socket.io');

const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false, allowEIO3: true });
const aliases = new Map();

io.on('connection', (socket) => {
  socket.emit('socketconnectack', { msg: 'socket.io connected' });
  socket.on('connect_v2', ({ customid }) => socket.emit('connack', { success: true }, { sessionid: customid }));
  socket.on('set_alias', ({ alias }) => {
    socket.data.alias = alias;
    if (!aliases.has(alias)) aliases.set(alias, new Set());
    aliases.get(alias).add(socket);
    socket.emit('set_alias_ack', { success: true });
  });
  socket.on('subscribe', ({ topic, messageId }) => {
    socket.join(topic);
    socket.emit('suback', { success: true }, { topic }, { messageId: messageId || '' });
  });
  socket.on('publish', ({ topic, msg, qos, messageId }) => {
    io.to(topic).emit('message', { topic, msg });
    socket.emit('puback', { success: true, messageId: messageId || String(Date.now()) });
  });
  socket.on('publish2_to_alias', ({ alias, msg, opts = {} }) => {
    const messageId = opts.messageId || String(Date.now());
    const receivers = aliases.get(alias) || new Set();
    receivers.forEach((receiver) => receiver.emit('message', { topic: alias, msg }));
    socket.emit('puback', { success: true, messageId });
    if ((opts.qos === undefined ? 1 : opts.qos) > 0 && receivers.size > 0) {
      socket.emit('recvack', { success: true, messageId, data: JSON.stringify({ timestamp: Date.now(), alias }) });
    }
  });
  socket.on('disconnect', () => {
    const own = aliases.get(socket.data.alias);
    if (own) own.delete(socket);
  });
});

httpServer.listen(Number(process.env.PORT || 0), '127.0.0.1', () => process.stdout.write(`${httpServer.address().port}\n`));
