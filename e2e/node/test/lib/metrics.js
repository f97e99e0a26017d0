'use strict';
// The Prometheus samples the platform's services export, as operators read them.
const { platform } = require('./platform');

/** The samples of every service, as lines `name{labels} value`. */
async function scrape() {
  const services = Object.values(platform().services).filter((s) => s.http);
  const texts = await Promise.all(services.map(async (s) => (await fetch(s.http + '/q/metrics')).text()));
  return texts.join('\n').split('\n').filter((line) => line && !line.startsWith('#'));
}

/** The value of the first sample of `name` whose labels include every `label="value"` given. */
function sample(lines, name, labels) {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = lines.find((l) => l.startsWith(name + '{') && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

module.exports = { scrape, sample };
