'use strict';
// The reference for the chat benchmark: a plain Node socket.io server keeping the chat API's rules the platform
// keeps, in memory and in one process: accounts, tokens and contacts and groups over the same admin REST paths; the
// handshake's token checked; `send message` only between contacts and `send group message` only from members, each
// message given the next seq of its conversation, answered {id} and sent as the seed's `new message` / `new group
// message` to every connected device of its receivers (the sending connection not). Prints its port on stdout.
const http = require('node:http');
const crypto = require('node:crypto');
const { Server } = require('socket.io');

const accounts = new Map(); // id -> { name, avatar, token, contacts: Set, sockets: Set }
const groups = new Map(); // id -> { name, avatar, members: Set, seq }
const conversations = new Map(); // id -> { seq, messages: [] }

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const parts = new URL(req.url, 'http://localhost').pathname.split('/').filter(Boolean); // admin apps <app> ...
    const data = body ? JSON.parse(body) : {};
    if (req.method === 'POST' && parts.length === 4 && parts[3] === 'accounts') {
      accounts.set(data.id, { name: data.name || '', avatar: data.avatar || '', contacts: new Set(), sockets: new Set() });
      return json(res, 201, { id: data.id });
    }
    if (req.method === 'POST' && parts.length === 6 && parts[5] === 'tokens') {
      const account = accounts.get(parts[4]);
      account.token = `${parts[4]}.${crypto.randomBytes(16).toString('hex')}`;
      return json(res, 201, { token: account.token });
    }
    if (req.method === 'PUT' && parts.length === 7 && parts[5] === 'contacts') {
      accounts.get(parts[4]).contacts.add(parts[6]);
      accounts.get(parts[6]).contacts.add(parts[4]);
      return json(res, 200, { success: true });
    }
    if (req.method === 'POST' && parts.length === 4 && parts[3] === 'groups') {
      groups.set(data.id, { name: data.name || '', avatar: data.avatar || '', members: new Set([data.creator, ...(data.members || [])]) });
      return json(res, 201, { id: data.id });
    }
    return json(res, 404, { error: 'not here' });
  });
});

/** The next seq of a conversation, and the message kept in it. */
function store(conversationId, message) {
  const c = conversations.get(conversationId) || { seq: 0, messages: [] };
  conversations.set(conversationId, c);
  c.seq += 1;
  c.messages.push({ seq: c.seq, ...message });
  return c.seq;
}

function deliver(accountIds, except, event, payload) {
  for (const id of accountIds) for (const s of accounts.get(id).sockets) if (s !== except) s.emit(event, payload);
}

const io = new Server(server, { serveClient: false });
io.use((socket, next) => {
  const { token } = socket.handshake.query;
  const id = typeof token === 'string' ? token.slice(0, token.lastIndexOf('.')) : null;
  const account = id && accounts.get(id);
  if (!account || account.token !== token) return next(new Error('token not valid'));
  socket.data.account = id;
  return next();
});
io.on('connection', (socket) => {
  const me = socket.data.account;
  const account = accounts.get(me);
  account.sockets.add(socket);
  socket.on('disconnect', () => account.sockets.delete(socket));
  const shape = (id, to, payload) => ({
    id, from: me, uname: account.name, logo: account.avatar, to, type: payload.type || 1, msg: { con: payload.msg || '' },
    app: { appid: 'reference', name: '', url: '' }, time: new Date().toISOString(),
  });
  socket.on('send message', (payload, ack) => {
    if (!account.contacts.has(payload.touser)) return ack({ error: 'not my contract' });
    const id = crypto.randomUUID();
    store([me, payload.touser].sort().join(':'), { id, from: me, payload });
    ack({ id });
    deliver([payload.touser, me], socket, 'new message', shape(id, payload.touser, payload));
  });
  socket.on('send group message', (payload, ack) => {
    const group = groups.get(payload.togroup);
    if (!group) return ack({ error: 'group not found' });
    if (!group.members.has(me)) return ack({ error: 'not in group' });
    const id = crypto.randomUUID();
    store(`g:${payload.togroup}`, { id, from: me, payload });
    ack({ id });
    const event = { ...shape(id, payload.togroup, payload), groupname: group.name, avatar: group.avatar, sysType: 0, isPush: true };
    deliver(group.members, socket, 'new group message', event);
  });
  socket.on('unread count', (payload, ack) => ack(false, { user: [], group: [], num: 0, notPush: 0 }));
});

server.listen(0, '127.0.0.1', () => console.log(server.address().port));
