import type { CosmosClientOptions } from '@azure/cosmos';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { gunzipSync, inflateSync } from 'node:zlib';

type CosmosHttpClient = NonNullable<CosmosClientOptions['httpClient']>;
type PipelineRequest = Parameters<CosmosHttpClient['sendRequest']>[0];
type PipelineResponse = Awaited<ReturnType<CosmosHttpClient['sendRequest']>>;
type HttpHeaders = PipelineResponse['headers'];

/** Response headers as the SDK reads them (names case-insensitive; `toJSON` lower-cases them). */
class ResponseHeaders implements HttpHeaders {
  private readonly map = new Map<string, { name: string; value: string }>();

  constructor(raw: IncomingMessage['headers']) {
    for (const name of Object.keys(raw)) {
      const value = raw[name];
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined && first !== '') this.map.set(name.toLowerCase(), { name, value: first });
    }
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string | number | boolean): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  toJSON(options?: { preserveCase?: boolean }): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, { name, value }] of this.map) out[options?.preserveCase ? name : key] = value;
    return out;
  }
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const [key, { value }] of this.map) yield [key, value];
  }
}

function abortError(): Error {
  const err = new Error('The operation was aborted.');
  err.name = 'AbortError';
  return err;
}

function decoded(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  if (encoding === 'deflate') return inflateSync(body).toString('utf8');
  return body.toString('utf8');
}

/**
 * The HTTP client of our Cosmos clients (`httpClient` of CosmosClientOptions): one request on the
 * agent the store configures, its whole body read as text, which is all the SDK asks of a
 * client. @azure/cosmos 4.9's default (ts-http-runtime's NodeHttpClient) does the same with a
 * second AbortController per request chained to the SDK's own, progress and streaming hooks the
 * SDK never sets, and a copy of every header map: a measurable share of each store request's CPU.
 * Bodies the SDK never sends (streams, forms) are refused rather than half-supported.
 */
export function cosmosHttpClient(): CosmosHttpClient {
  return {
    sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      return new Promise<PipelineResponse>((resolve, reject) => {
        const signal = request.abortSignal;
        if (signal?.aborted) {
          reject(abortError());
          return;
        }
        const body = request.body;
        if (body !== undefined && body !== null && typeof body !== 'string' && !Buffer.isBuffer(body)) {
          reject(new Error('cosmosHttpClient: only string and Buffer bodies are supported'));
          return;
        }
        const url = new URL(request.url);
        const insecure = url.protocol !== 'https:';
        if (insecure && !request.allowInsecureConnection) {
          reject(new Error(`Cannot connect to ${request.url} while allowInsecureConnection is false.`));
          return;
        }
        const headers = request.headers.toJSON({ preserveCase: true });
        if (body !== undefined && body !== null && !request.headers.has('Content-Length'))
          headers['Content-Length'] = String(Buffer.byteLength(body));
        let timer: NodeJS.Timeout | undefined;
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          if (timer) clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          fn();
        };
        const req = (insecure ? httpRequest : httpsRequest)(
          {
            agent: request.agent as never,
            hostname: url.hostname,
            port: url.port,
            path: `${url.pathname}${url.search}`,
            method: request.method,
            headers,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', (err) => finish(() => reject(err)));
            res.on('end', () =>
              finish(() => {
                try {
                  const responseHeaders = new ResponseHeaders(res.headers);
                  resolve({
                    request,
                    status: res.statusCode ?? 0,
                    headers: responseHeaders,
                    bodyAsText:
                      request.method === 'HEAD'
                        ? undefined
                        : decoded(Buffer.concat(chunks), responseHeaders.get('content-encoding')),
                  });
                } catch (err) {
                  reject(err instanceof Error ? err : new Error(String(err)));
                }
              }),
            );
          },
        );
        function onAbort(): void {
          req.destroy();
          finish(() => reject(abortError()));
        }
        signal?.addEventListener('abort', onAbort);
        if (request.timeout > 0) timer = setTimeout(onAbort, request.timeout);
        // A network error keeps Node's code (ECONNRESET, ECONNREFUSED…): the SDK retries reads on those.
        req.on('error', (err) => finish(() => reject(err)));
        if (body !== undefined && body !== null) req.end(body);
        else req.end();
      });
    },
  };
}
