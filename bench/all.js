'use strict';
// Every scenario, each against its reference in the same run, in one table:
//   bench/run all [--warmups W] [--only name,name] [--quick]
// Each scenario runs W times first (default 1) with its output left out, so that the figure is a warm one; then once
// measured. The platform must be running (./pushctl up --detach --gateways 2 --routers 2 --device-services 2
// --chat-services 2). --quick runs every scenario at a tenth of its size, to check the command itself.
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { table } = require('./lib');

/** The documented runs (README "Benchmarks"), each script with its arguments. */
const SCENARIOS = [
  { name: 'pubsub p2p QoS 1', script: 'p2p.js', args: ['--pairs', '100', '--messages', '200', '--rate', '5000'] },
  { name: 'pubsub fan-out QoS 0', script: 'fanout.js', args: ['--subscribers', '500', '--messages', '1000', '--rate', '190'] },
  { name: 'push-server TCP p2p', script: 'tcp-p2p.js', args: ['--pairs', '100', '--messages', '200', '--rate', '5000'] },
  { name: 'device commands', script: 'device-commands.js', args: ['--devices', '100', '--commands', '1500', '--rate', '50'] },
  { name: 'chat 1:1 and a group', script: 'chat.js', args: ['--pairs', '100', '--messages', '20', '--rate', '2000'] },
  { name: 'MQTT (Mosquitto)', script: 'mqtt.js', args: ['--scenario', 'all'], quickArgs: ['--seconds', '2', '--connections', '200'] },
];

/** Arguments scaled down for --quick: counts and rates divided by ten, at least 1. */
const QUICK = new Set(['--pairs', '--messages', '--subscribers', '--devices', '--commands', '--rate', '--connections', '--connectRate']);

function parse(argv) {
  const o = { warmups: 1, only: null, quick: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--warmups') o.warmups = Number(argv[++i]);
    else if (argv[i] === '--only') o.only = argv[++i].split(',');
    else if (argv[i] === '--quick') o.quick = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

function argsOf(scenario, quick) {
  if (!quick) return scenario.args;
  const args = scenario.args.map((a, i, all) => (QUICK.has(all[i - 1]) ? String(Math.max(1, Math.round(Number(a) / 10))) : a));
  return [...args, ...(scenario.quickArgs || [])];
}

/** The rows of the markdown tables a scenario printed, each with its own table's header names as keys. */
function rowsOf(stdout) {
  const lines = stdout.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const separator = (cells) => cells && cells.every((c) => /^-+$/.test(c));
  const rows = [];
  let header = null;
  lines.forEach((cells, i) => {
    if (separator(lines[i + 1])) header = cells; // a table's header stands right above its separator
    else if (!separator(cells) && header) rows.push(Object.fromEntries(header.map((h, k) => [h, cells[k]])));
  });
  return rows;
}

/** The columns every scenario has, under one name: throughput, p99, what was received, the ratio. */
function summary(name, row) {
  const key = (test) => Object.keys(row).find(test);
  const rate = key((k) => k === 'msgs/s') || key((k) => k.includes('/s'));
  const p99 = key((k) => k.startsWith('p99')) || key((k) => k.startsWith('max'));
  const received = key((k) => k === 'received' || k === 'delivered');
  return { scenario: row.scenario ? `${name}: ${row.scenario}` : name, target: row.target, 'per s': row[rate] || '', [p99 || 'p99 ms']: row[p99],
    received: row[received], ratio: row.ratio || '' };
}

function run(scenario, quick) {
  const result = spawnSync(process.execPath, [path.join(__dirname, scenario.script), ...argsOf(scenario, quick)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 30 * 60 * 1000 });
  if (result.status !== 0) throw new Error(`${scenario.name} failed (exit ${result.status})`);
  return result.stdout;
}

const o = parse(process.argv.slice(2));
const rows = [];
for (const scenario of SCENARIOS.filter((s) => !o.only || o.only.some((n) => s.script.startsWith(n)))) {
  for (let i = 0; i < o.warmups; i++) {
    console.error(`[bench] ${scenario.name}: warm-up ${i + 1} of ${o.warmups}`);
    run(scenario, o.quick);
  }
  console.error(`[bench] ${scenario.name}: measured`);
  rows.push(...rowsOf(run(scenario, o.quick)).map((row) => summary(scenario.name, row)));
}
table(rows);
