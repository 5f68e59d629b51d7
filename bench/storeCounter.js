/* global require, process, Buffer, global */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file for `node --require` */
/**
 * Loaded into the bot child by `bench/run.ts` with `node --require`: counts, at the HTTP layer of
 * the store client, every request the bot makes to its store, and every turn it serves. Nothing in
 * the product knows about it: it listens on Node's diagnostics_channel (@azure/cosmos 4 sends
 * through node:https, so `http.client.request.start` fires for each store request, including
 * query pages, query plans and retries). In local mode the embedded store is the only HTTPS
 * endpoint the bot calls (the Bot Connector of the benchmark is plain HTTP), so HTTPS = store.
 *
 * The bench process talks to it over the child's IPC channel:
 *   { cmd: 'reset', detail }  zero the counters; with detail, also record each request's path and
 *                             query text (for the per-turn breakdown)
 *   { cmd: 'read' }           -> the counters
 *   { cmd: 'clock' }          -> process.hrtime in µs (the clock of .cpuprofile timestamps)
 */
const dc = require('node:diagnostics_channel');
const { ClientRequest } = require('node:http');

let stats;
let detail = false;
const reset = (withDetail) => {
  detail = Boolean(withDetail);
  stats = { storeRequests: 0, chargeSum: 0, chargeReported: 0, turns: 0, byKind: {}, byRequest: {}, log: [] };
};
reset(false);

const DOC = /^\/dbs\/[^/]+\/colls\/([^/]+)\/docs\/([^/]+)$/;

function describe(request, body) {
  const path = request.path.split('?')[0];
  const isQuery =
    request.getHeader('x-ms-documentdb-isquery') === 'True' ||
    request.getHeader('x-ms-documentdb-isquery') === true;
  const plan = Boolean(request.getHeader('x-ms-cosmos-is-query-plan-request'));
  const doc = DOC.exec(path);
  if (doc)
    return `${request.method} ${doc[1]}/${decodeURIComponent(doc[2]).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<guid>')}`;
  if (isQuery || plan || body.startsWith('{"query":')) {
    const type = /"@type","value":"([^"]+)"/.exec(body)?.[1];
    const sql = /"query":"([^"]*)"/.exec(body)?.[1] ?? '';
    const where = sql
      .replace(/^SELECT .*? FROM c WHERE /, '')
      .replace(/c\.tenantId = @tenantId AND c\.type = @type( AND )?/, '');
    return `${plan ? 'PLAN' : 'QUERY'} ${path.split('/')[4] ?? path} ${type ?? ''}${where ? ` [${where}]` : ''}`.trim();
  }
  return `${request.method} ${path}`;
}

// Queries carry their SQL in the body, which is written before the start event fires: while the
// per-turn breakdown is recorded, keep the body of each HTTPS request to say which documents it reads.
const BODY = Symbol('bench.body');
for (const method of ['write', 'end']) {
  const original = ClientRequest.prototype[method];
  ClientRequest.prototype[method] = function (chunk, ...rest) {
    if (detail && this.protocol === 'https:' && chunk && typeof chunk !== 'function') {
      this[BODY] = (this[BODY] ?? '') + Buffer.from(chunk).toString('utf8');
    }
    return original.call(this, chunk, ...rest);
  };
}

/** Method (QUERY for a query) and container, e.g. `GET state`: cheap enough to count every request. */
function kindOf(request) {
  const query = String(request.getHeader('x-ms-documentdb-isquery') ?? '').toLowerCase() === 'true';
  const container = /^\/dbs\/[^/]+\/colls\/([^/?]+)/.exec(request.path)?.[1] ?? 'account';
  return `${query ? 'QUERY' : request.method} ${container}`;
}

dc.subscribe('http.client.request.start', ({ request }) => {
  if (request.protocol !== 'https:') return;
  stats.storeRequests += 1;
  const kind = kindOf(request);
  stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
  if (!detail) return;
  const key = describe(request, request[BODY] ?? '');
  stats.byRequest[key] = (stats.byRequest[key] ?? 0) + 1;
  stats.log.push(key);
});

dc.subscribe('http.client.response.finish', ({ request, response }) => {
  if (request.protocol !== 'https:') return;
  const charge = Number(response.headers['x-ms-request-charge']);
  if (Number.isFinite(charge)) {
    stats.chargeSum += charge;
    stats.chargeReported += 1;
  }
});

// Turns: every POST to /api/messages that ends (answered, or its connection closed when the load
// generator stops); `inFlight` is a live gauge that a reset does not touch.
let inFlight = 0;
const isTurn = (request) => !request.socket?.encrypted && request.url?.startsWith('/api/messages');
dc.subscribe('http.server.request.start', ({ request, response }) => {
  if (!isTurn(request)) return;
  inFlight += 1;
  response.once('close', () => {
    inFlight -= 1;
    stats.turns += 1;
  });
});

process.on('message', (message) => {
  if (!message || typeof message !== 'object' || typeof process.send !== 'function') return;
  if (message.cmd === 'reset') {
    reset(message.detail);
    process.send({ id: message.id, ok: true });
  } else if (message.cmd === 'read') {
    process.send({ id: message.id, stats: { ...stats, inFlight } });
  } else if (message.cmd === 'memory') {
    if (message.gc && typeof global.gc === 'function') global.gc();
    process.send({ id: message.id, memory: process.memoryUsage() });
  } else if (message.cmd === 'clock') {
    process.send({ id: message.id, us: Number(process.hrtime.bigint() / 1000n) });
  }
});
