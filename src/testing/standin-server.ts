import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One canned reply; a non-string `body` is sent as JSON. */
export interface StandinReply {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Wait this long before answering; cancelled when the client goes away or the server closes. */
  delayMs?: number;
  /** Drop the connection without answering (the client sees a reset socket). */
  destroySocket?: boolean;
}

/** A request as the stand-in received it. */
export interface RecordedRequest {
  method: string;
  /** URL path without the query string. */
  path: string;
  /** Query string including `?`, or `''`. */
  query: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, otherwise the raw text. */
  body: unknown;
  rawBody: string;
  /** `Date.now()` when the request finished arriving. */
  time: number;
}

/** Computes a reply for every request on a route that has nothing queued. */
export type StandinHandler = (request: RecordedRequest) => StandinReply;

/** A loopback HTTP server with queued per-route replies that records every request. */
export interface Standin {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  url: string;
  port: number;
  /**
   * Queue a reply for a route such as `POST /v1/chat/completions` or `POST
   * /v1beta/models/{model}:generateContent`.
   */
  enqueue(route: string, reply: StandinReply): void;
  /** Answer every request on `route` that finds its queue empty. */
  setHandler(route: string, handler: StandinHandler): void;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  /** Requests whose method and path match `route`. */
  requestsFor(route: string): RecordedRequest[];
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  queue: StandinReply[];
  handler: StandinHandler | undefined;
}

/**
 * Starts the stand-in on 127.0.0.1 at a free port. Routes are `METHOD /path` where `{name}`
 * matches one path segment (up to `/` or `:`), so `POST /v1beta/models/{model}:generateContent`
 * serves every model; any route can be added, e.g. `POST /v1/files`.
 */
export async function startStandin(): Promise<Standin> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const routeFor = (route: string): Route => {
    const existing = routes.get(route);
    if (existing !== undefined) return existing;
    const created = { ...parseRoute(route), queue: [], handler: undefined };
    routes.set(route, created);
    return created;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = record(req, Buffer.concat(chunks).toString('utf8'));
      requests.push(recorded);
      const route = [...routes.values()].find(
        (r) => r.method === recorded.method && r.pattern.test(recorded.path),
      );
      const reply = route?.queue.shift() ?? route?.handler?.(recorded) ?? missingReply(recorded);
      if (reply.delayMs === undefined || reply.delayMs <= 0) {
        send(res, reply);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(res, reply);
      }, reply.delayMs);
      timers.add(timer);
      // The client aborted: drop the pending reply so no timer outlives the request.
      res.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    enqueue: (route, reply) => void routeFor(route).queue.push(reply),
    setHandler: (route, handler) => {
      routeFor(route).handler = handler;
    },
    requestsFor: (route) => {
      const { method, pattern } = parseRoute(route);
      return requests.filter((r) => r.method === method && pattern.test(r.path));
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function parseRoute(route: string): { method: string; pattern: RegExp } {
  const match = /^([A-Z]+)\s+(\/\S*)$/.exec(route.trim());
  if (match === null)
    throw new Error(`stand-in route "${route}" must look like "POST /v1/chat/completions"`);
  const [, method = '', path = ''] = match;
  const source = path
    .split(/(\{[^}]+\})/)
    .map((piece) =>
      /^\{[^}]+\}$/.test(piece) ? '[^/:]+' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return { method, pattern: new RegExp(`^${source}$`) };
}

function record(req: IncomingMessage, rawBody: string): RecordedRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let body: unknown = rawBody;
  if (rawBody !== '' && (req.headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(rawBody) as unknown;
    } catch {
      body = rawBody;
    }
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search,
    headers: req.headers,
    body,
    rawBody,
    time: Date.now(),
  };
}

function missingReply(request: RecordedRequest): StandinReply {
  return {
    status: 500,
    body: { error: { message: `stand-in: nothing queued for ${request.method} ${request.path}` } },
  };
}

function send(res: ServerResponse, reply: StandinReply): void {
  if (reply.destroySocket === true) {
    res.socket?.destroy();
    return;
  }
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  const headers: Record<string, string> = {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
  };
  for (const [name, value] of Object.entries(reply.headers ?? {}))
    headers[name.toLowerCase()] = value;
  res.writeHead(reply.status ?? 200, headers);
  res.end(payload);
}
