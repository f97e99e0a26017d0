'use strict';
// The large chat consistency check: the e2e check (e2e/node/test/chat-consistency.test.js, small in ./mvnw verify) at
// the scale against the running platform (it kills chat-service-2 midway: start it with --chat-services 2):
// 200 accounts x 2 devices (v4 and v2 on different nodes), 20 groups of 20, 100,000 messages from 64 concurrent
// senders, a device reconnecting on the other node every 500 messages. Prints the check's tally; exits 1 when any
// message is lost, duplicated or unexpected, or any device's unread counts differ from those derived from the store.
//   bench/run chat-check [--users U] [--groups G] [--groupSize S] [--messages M] [--senders N] [--reconnectEvery R]
const path = require('node:path');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const { options } = require('./lib');

const opts = options({ users: 200, groups: 20, groupSize: 20, messages: 100000, senders: 64, reconnectEvery: 500 });
const e2e = path.resolve(__dirname, '../e2e/node');
if (!fs.existsSync(path.join(e2e, 'node_modules'))) {
  spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: e2e, stdio: 'inherit' });
}
const env = {
  ...process.env,
  CHAT_CHECK_USERS: String(opts.users), CHAT_CHECK_GROUPS: String(opts.groups), CHAT_CHECK_GROUP_SIZE: String(opts.groupSize),
  CHAT_CHECK_MESSAGES: String(opts.messages), CHAT_CHECK_SENDERS: String(opts.senders),
  CHAT_CHECK_RECONNECT_EVERY: String(opts.reconnectEvery), CHAT_CHECK_TIMEOUT_MS: String(4 * 3600 * 1000),
};
const started = Date.now();
const run = spawnSync(process.execPath, ['--test', '--test-force-exit', '--test-reporter=spec', 'test/chat-consistency.test.js'],
  { cwd: e2e, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const lines = `${run.stdout}${run.stderr}`.split('\n');
lines.filter((l) => /^\s*# (seed|lost|twice|\d+ messages|.*told)/.test(l)).slice(-40).forEach((l) => console.log(l.trim()));
console.log(lines.some((l) => /^ℹ pass 1/.test(l)) ? `chat-check passed in ${Math.round((Date.now() - started) / 1000)} s`
  : `chat-check FAILED (exit ${run.status}):\n${lines.filter((l) => /Error|assert|✖/.test(l)).slice(0, 20).join('\n')}`);
process.exit(run.status === 0 ? 0 : 1);
