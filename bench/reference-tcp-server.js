'use strict';
// The reference for the TCP benchmark: a plain Node `net` server doing the push-server work the platform does
// (connect t:14, do_push t:6 publish_to_alias, pushes t:5 with a mid, acks t:-5) in memory, without storage, one
// process. Started by the benchmark; prints its port on stdout.
const net = require('node:net');
const { onJsonLines } = require('./json-lines');

const byAlias = new Map();
let mids = 0;

const server = net.createServer((socket) => {
  const pending = new Set();
  const send = (frame) => socket.write(JSON.stringify(frame) + '\n');
  onJsonLines(socket, (frame) => {
    if (frame.t === 14) {
      byAlias.set(frame.alias, { send, pending });
      send({ t: -14, alias: frame.alias });
    } else if (frame.t === 6) {
      for (const alias of frame.alias || []) {
        const target = byAlias.get(alias);
        if (!target) continue;
        const mid = String(++mids);
        target.pending.add(mid);
        target.send({ t: 5, mid, alias, msg: frame.msg });
      }
      send({ t: -6, num: frame.num });
    } else if (frame.t === -5) {
      pending.delete(frame.mid);
    }
  });
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
