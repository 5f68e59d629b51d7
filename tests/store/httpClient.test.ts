import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { cosmosHttpClient } from '../../src/store/httpClient';

/**
 * The HTTP client of the store's Cosmos clients (src/store/httpClient.ts). The repository suites
 * (tests/store/repository.test.ts) run every store operation through it against the local
 * server; these are the edges the SDK relies on: statuses and headers as sent, aborts named
 * AbortError (the SDK turns them into its timeout), network errors with Node's code (the SDK
 * retries reads on those).
 */
describe('the Cosmos HTTP client', () => {
  let server: Server;
  let base: string;
  const seen: { method?: string; url?: string; body: string; headers: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body, headers: req.headers });
        if (req.url === '/slow') return; // never answers
        if (req.url === '/gzip') {
          res.writeHead(200, { 'content-encoding': 'gzip', 'x-ms-request-charge': '1' });
          res.end(gzipSync('{"id":"zipped"}'));
          return;
        }
        res.writeHead(req.url === '/missing' ? 404 : 201, {
          'content-type': 'application/json',
          'x-ms-session-token': '0:1#7',
          ETag: '"e1"',
        });
        res.end(JSON.stringify({ echoed: body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const headers = (init: Record<string, string>) => {
    const map = new Map(Object.entries(init));
    return {
      get: (n: string) => map.get(n),
      has: (n: string) => map.has(n),
      set: (n: string, v: string | number | boolean) => void map.set(n, String(v)),
      delete: (n: string) => void map.delete(n),
      toJSON: () => Object.fromEntries(map),
      [Symbol.iterator]: () => map.entries(),
    };
  };
  const request = (path: string, extra: Record<string, unknown> = {}) =>
    ({
      url: `${base}${path}`,
      method: 'POST',
      headers: headers({ 'x-ms-documentdb-partitionkey': '["t1"]' }),
      timeout: 0,
      withCredentials: false,
      requestId: 'r1',
      allowInsecureConnection: true,
      body: '{"id":"d1"}',
      ...extra,
    }) as unknown as Parameters<ReturnType<typeof cosmosHttpClient>['sendRequest']>[0];

  it('sends the method, path, headers and body, and answers status, headers and text as sent', async () => {
    const res = await cosmosHttpClient().sendRequest(request('/dbs/d/colls/c/docs?x=1'));
    expect(res.status).toBe(201);
    expect(JSON.parse(res.bodyAsText ?? '')).toEqual({ echoed: '{"id":"d1"}' });
    expect(res.headers.get('X-Ms-Session-Token')).toBe('0:1#7');
    expect(res.headers.toJSON()).toMatchObject({ etag: '"e1"', 'x-ms-session-token': '0:1#7' });
    const sent = seen[seen.length - 1];
    expect(sent).toMatchObject({ method: 'POST', url: '/dbs/d/colls/c/docs?x=1', body: '{"id":"d1"}' });
    expect(sent.headers).toMatchObject({ 'x-ms-documentdb-partitionkey': '["t1"]', 'content-length': '11' });
  });

  it('answers an error status as a response, for the SDK to read', async () => {
    const res = await cosmosHttpClient().sendRequest(request('/missing', { method: 'GET', body: undefined }));
    expect(res.status).toBe(404);
  });

  it('reads a compressed answer', async () => {
    const res = await cosmosHttpClient().sendRequest(request('/gzip'));
    expect(res.bodyAsText).toBe('{"id":"zipped"}');
  });

  it('gives up when the SDK aborts, with an AbortError', async () => {
    const controller = new AbortController();
    const pending = cosmosHttpClient().sendRequest(request('/slow', { abortSignal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("fails a request it cannot send with Node's error code", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      cosmosHttpClient().sendRequest({ ...request('/'), url: `http://127.0.0.1:${port}/` }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses plain HTTP unless the request allows it', async () => {
    await expect(
      cosmosHttpClient().sendRequest(request('/', { allowInsecureConnection: false })),
    ).rejects.toThrow(/allowInsecureConnection/);
  });
});
