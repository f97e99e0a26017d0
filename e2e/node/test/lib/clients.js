'use strict';
// Real socket.io-client versions, behind one small promise API used by every test.
const CLIENTS = {
  v4: require('socket.io-client'),
  v2: require('socket.io-client-v2'),
  v1: require('socket.io-client-v1'),
};

const DEFAULT_TIMEOUT_MS = 10000;

/** Opens a connection and resolves once the server's socketconnectack arrived. */
function connect(version, url, options = {}) {
  const client = open(version, url, options);
  return client.next('socketconnectack').then(() => client);
}

/** Opens a connection and returns at once, before anything arrived. */
function open(version, url, options = {}) {
  const io = CLIENTS[version];
  const socket = io(url, { forceNew: true, reconnection: false, timeout: 10000, ...options });
  return new Client(socket, version);
}

class Client {
  constructor(socket, version) {
    this.socket = socket;
    this.version = version;
    this.queues = new Map();
    this.waiters = new Map();
    const originalOnevent = socket.onevent;
    // record every event, whatever its name, so that tests can assert what did and did not arrive
    socket.onevent = (packet) => {
      const [event, ...args] = packet.data || [];
      this.record(event, args);
      if (originalOnevent) originalOnevent.call(socket, packet);
    };
  }

  record(event, args) {
    const waiting = this.waiters.get(event);
    if (waiting && waiting.length) {
      waiting.shift()(args);
      return;
    }
    if (!this.queues.has(event)) this.queues.set(event, []);
    this.queues.get(event).push(args);
  }

  /** The arguments of the next `event`, already received or still to come. */
  next(event, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const queued = this.queues.get(event);
    if (queued && queued.length) return Promise.resolve(queued.shift());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(event) || [];
        this.waiters.set(event, list.filter((w) => w !== done));
        reject(new Error(`${this.version} client: no '${event}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (args) => { clearTimeout(timer); resolve(args); };
      if (!this.waiters.has(event)) this.waiters.set(event, []);
      this.waiters.get(event).push(done);
    });
  }

  /** Resolves true if `event` arrives within `ms`, false otherwise. */
  async receives(event, ms) {
    try { await this.next(event, ms); return true; } catch (e) { return false; }
  }

  /** Resolves true if the server closes the connection within `ms`, false otherwise. */
  disconnects(ms) {
    if (!this.socket.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.socket.once('disconnect', () => { clearTimeout(timer); resolve(true); });
    });
  }

  emit(event, ...args) {
    this.socket.emit(event, ...args);
  }

  /** Emits and resolves with the arguments the server's ack callback is called with. */
  ask(event, payload, timeoutMs = DEFAULT_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.version} client: no answer to '${event}' within ${timeoutMs} ms`)), timeoutMs);
      this.socket.emit(event, payload, (...args) => { clearTimeout(timer); resolve(args); });
    });
  }

  /** Emits and waits for the reply event. */
  async request(event, payload, replyEvent) {
    const reply = this.next(replyEvent);
    if (payload === undefined) this.emit(event); else this.emit(event, payload);
    return reply;
  }

  async connectApp(appkey, customid) {
    const args = await this.request('connect_v2', customid === undefined ? { appkey } : { appkey, customid }, 'connack');
    return args;
  }

  /** The Engine.IO transport in use now: 'polling' or 'websocket'. */
  get transport() {
    const engine = this.socket.io && this.socket.io.engine;
    return engine && engine.transport ? engine.transport.name : undefined;
  }

  get connected() {
    return this.socket.connected;
  }

  close() {
    this.socket.close();
  }
}

module.exports = { connect, open, CLIENTS };
