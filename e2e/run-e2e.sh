#!/usr/bin/env bash
# Runs the end-to-end tests: starts the platform the README's way (./pushctl up, two gateway nodes) on a fresh
# data folder and free ports, runs the Node tests with real npm clients against it, and stops it again.
# Called by the Maven build (module e2e, phase integration-test); runnable by hand too.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[e2e] installing Node.js and npm (apt-get) ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

if { ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; } || ! command -v mosquitto_rr >/dev/null 2>&1; then
  # the MQTT tests run against Debian's Mosquitto too, to prove each test asks what MQTT asks, and with its clients
  echo "[e2e] installing Mosquitto and its clients (apt-get) ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto mosquitto-clients >/dev/null
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "[e2e] Node.js 20 or newer is needed for its test runner (found $(node -v))" >&2
  exit 1
fi

cd "$HERE/node"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  echo "[e2e] installing the npm test clients ..."
  npm ci --no-audit --no-fund --loglevel=error
fi

# fast heartbeats, so the gateway-failure test notices a dead node in seconds
export PUSH_HEARTBEAT_INTERVAL=1s PUSH_LIVENESS_CHECK=1s
# unauthenticated device sockets are closed after 5 s, so the test that waits for it does not wait 30 s
export PUSH_GATEWAY_DEVICE_AUTH_TIMEOUT=5s
# a gateway being stopped closes its clients over 2 s, so the drain test does not wait 10 s
export PUSH_GATEWAY_DRAIN_PERIOD=2s
# chat's upload token signs for this (made-up) Qiniu account; the test checks the signature with Node's own HMAC
export PUSH_CHAT_QINIU_ACCESS_KEY=e2e-access-key PUSH_CHAT_QINIU_SECRET_KEY=e2e-secret-key PUSH_CHAT_QINIU_BUCKET=e2e-bucket
# traces on, nothing sampled where a message enters (tracing.test.js starts a node that samples all), spans exported
# every 500 ms to a free port where that test listens as the collector
export OTEL_SDK_DISABLED=false OTEL_TRACES_SAMPLER_ARG=0 QUARKUS_OTEL_BSP_SCHEDULE_DELAY=500ms
export OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")"
export PUSH_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/push-e2e.XXXXXX")"
stop() {
  "$ROOT/pushctl" down >/dev/null 2>&1 || true
  if [ "${PUSH_E2E_KEEP_DATA:-}" != 1 ]; then rm -rf "$PUSH_DATA_DIR"; fi
}
trap stop EXIT
echo "[e2e] starting the platform with two gateway nodes, two routing, device-service and chat-service instances (data in $PUSH_DATA_DIR) ..."
if ! "$ROOT/pushctl" up --detach --gateways 2 --routers 2 --device-services 2 --chat-services 2; then
  for log in "$PUSH_DATA_DIR"/logs/*.log; do echo "----- $log"; tail -n 40 "$log"; done
  exit 1
fi
# the files that kill, pause or restart parts of the platform (or start one more gateway JVM, or time a client that
# does not read, or read the metrics or spans every other file made count) run one at a time, after the others; the others share the platform two files at a time
DISRUPTIVE="chat-consistency device-restart gateway-drain gateway-failure gateway-node-id gateway-tls infra-restart observability restart-keeps-state routing-failure slow-consumer socketio-sessions-end tracing"
shared=(); alone=()
for file in test/*.test.js; do
  name="$(basename "$file" .test.js)"
  if [[ " $DISRUPTIVE " == *" $name "* ]]; then alone+=("$file"); else shared+=("$file"); fi
done
echo "[e2e] running the end-to-end tests: ${#shared[@]} files two at a time, then ${#alone[@]} that disrupt the platform one at a time ..."
# force-exit: polling-only clients leave keep-alive HTTP sockets in Node's agent that would keep the run alive
status=0
node --test --test-concurrency=2 --test-force-exit --test-reporter=spec "${shared[@]}" || status=$?
node --test --test-concurrency=1 --test-force-exit --test-reporter=spec "${alone[@]}" || status=$?
exit "$status"
