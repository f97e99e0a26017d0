'use strict';
// Newline-delimited JSON on a TCP socket, as the push-server API frames it: calls onFrame with each frame.
function onJsonLines(socket, onFrame) {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.trim()) onFrame(JSON.parse(line));
    }
  });
}

module.exports = { onJsonLines };
