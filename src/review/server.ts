import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnomscopeError, InputError } from '../errors.js';
import { handleApi, type ApiResponse } from './api.js';
import { isSuspiciousPath, loadPageAssets, type PageAsset } from './static.js';
import type { ReviewStore } from './store.js';

/** Options of `startReviewServer`. */
export interface ReviewServerOptions {
  store: ReviewStore;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /**
   * Allow a host other than loopback (the CLI sets it only for an explicit --host). @default false
   */
  allowRemote?: boolean;
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Reviewer a request is written as when it names none. @default 'reviewer' */
  reviewer?: string;
  /** Per-start secret; every /api request must carry it. @default 24 random bytes, hex */
  token?: string;
  /** Largest request body, in bytes. @default 1_048_576 */
  maxBodyBytes?: number;
  /** Unexpected server errors (bugs) are reported here. @default writes to stderr */
  onError?: (error: unknown) => void;
}

/** A running review server. */
export interface ReviewServer {
  /** Origin, e.g. `http://127.0.0.1:43127`. */
  origin: string;
  /**
   * What to open: the origin with the token in the fragment (never sent to the server or in a
   * Referer).
   */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Header that carries the token on every /api request. */
export const TOKEN_HEADER = 'x-review-token';

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

/**
 * Starts the review server: the page (static files from memory) and a JSON API over the store.
 * Binds 127.0.0.1 unless `allowRemote`; every /api request needs the token (header
 * `x-review-token`), reads included, since series data may be private; on loopback, requests whose
 * Host is not this server's are refused (DNS rebinding).
 */
export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && options.allowRemote !== true) {
    throw new InputError(
      'review.remote_host',
      `refusing to bind ${host}: the review server listens on 127.0.0.1 only unless --host is given explicitly`,
      { field: 'host' },
    );
  }
  const remote = !LOOPBACK.has(host);
  const token = options.token ?? randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(token);
  const assets = loadPageAssets();
  const context = { store: options.store, reviewer: options.reviewer ?? 'reviewer' };
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const onError =
    options.onError ??
    ((error: unknown) =>
      process.stderr.write(
        `review server error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      ));
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent)
        send(response, {
          status: 500,
          body: { error: 'internal', message: 'internal error; see the server log' },
        });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawUrl = request.url ?? '/';
    const rawPath = rawUrl.split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    // Loopback binds answer only requests addressed to loopback (DNS rebinding); an explicit remote
    // bind is reached under names we cannot know, so there the token alone guards.
    if (!remote && !hostAllowed(request.headers.host, host, port))
      return send(response, {
        status: 421,
        body: {
          error: 'wrong_host',
          message: 'this server only answers requests addressed to itself',
        },
      });
    if (isSuspiciousPath(rawPath))
      return send(response, {
        status: 400,
        body: { error: 'bad_path', message: 'path traversal is not allowed' },
      });
    if (rawPath === '/' || rawPath === '/index.html')
      return sendAsset(response, assets.get('index.html'), method);
    if (rawPath.startsWith('/static/'))
      return sendAsset(response, assets.get(rawPath.slice('/static/'.length)), method);
    if (!rawPath.startsWith('/api/'))
      return send(response, {
        status: 404,
        body: { error: 'not_found', message: `nothing at ${rawPath}` },
      });
    if (!tokenMatches(request.headers[TOKEN_HEADER], tokenBytes)) {
      return send(response, {
        status: 401,
        body: {
          error: 'token_required',
          message: `send the token printed at start in the ${TOKEN_HEADER} header`,
        },
      });
    }
    let body: unknown;
    if (method === 'POST' || method === 'PUT' || method === 'DELETE') {
      const type = request.headers['content-type'] ?? '';
      if (!type.startsWith('application/json'))
        return send(response, {
          status: 415,
          body: { error: 'json_required', message: 'send the body as application/json' },
        });
      const text = await readBody(request, maxBodyBytes);
      if (text === null)
        return send(response, {
          status: 413,
          body: { error: 'too_large', message: `request body above ${maxBodyBytes} bytes` },
        });
      try {
        body = JSON.parse(text);
      } catch {
        return send(response, {
          status: 400,
          body: { error: 'bad_json', message: 'the request body is not valid JSON' },
        });
      }
    }
    const query = new URLSearchParams(
      rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '',
    );
    let result: ApiResponse;
    try {
      result = handleApi(context, { method, path: rawPath.slice('/api'.length), query, body });
    } catch (error) {
      if (!(error instanceof AnomscopeError)) throw error;
      result = {
        status: error instanceof InputError ? 400 : 500,
        body: { error: error.code, message: error.message },
      };
    }
    send(response, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    url: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

function tokenMatches(header: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function hostAllowed(header: string | undefined, host: string, port: number): boolean {
  if (header === undefined) return false;
  const names = new Set(
    [...LOOPBACK, host].map((name) => (name.includes(':') ? `[${name}]` : name)),
  );
  return [...names].some((name) => header === `${name}:${port}`);
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, result: ApiResponse): void {
  const text = JSON.stringify(result.body);
  response.writeHead(result.status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendAsset(response: ServerResponse, asset: PageAsset | undefined, method: string): void {
  if (asset === undefined)
    return send(response, {
      status: 404,
      body: { error: 'not_found', message: 'no such page file' },
    });
  if (method !== 'GET' && method !== 'HEAD')
    return send(response, {
      status: 405,
      body: { error: 'method_not_allowed', message: 'page files are read-only' },
    });
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': asset.contentType,
    'content-length': asset.body.length,
  });
  response.end(method === 'HEAD' ? undefined : asset.body);
}
