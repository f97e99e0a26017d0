'use strict';
// Debian's Mosquitto as the control broker of the MQTT tests: the same test against it and against the platform, in
// the same run, shows the test asks what MQTT asks. Started on a free port for the tests of one file.
const { spawn, execFileSync } = require('node:child_process');
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function binary() {
  for (const candidate of ['/usr/sbin/mosquitto', '/usr/bin/mosquitto']) if (fs.existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' }).trim() || null;
  } catch (e) {
    return null;
  }
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts Mosquitto (anonymous, in memory); resolves with its URL and a stop function. */
async function startMosquitto() {
  const bin = binary();
  if (!bin) throw new Error('Mosquitto is not installed: e2e/run-e2e.sh installs it (apt-get install mosquitto)');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mosquitto-'));
  const config = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(config, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_keepalive 65535\n`);
  const child = spawn(bin, ['-c', config], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `mqtt://127.0.0.1:${port}`, stop: () => { child.kill(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

module.exports = { startMosquitto };
