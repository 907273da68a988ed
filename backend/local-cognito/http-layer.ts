import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { BoundedLog } from './bounded-log.ts';
import { CognitoError } from './cognito-error.ts';
import type { DevInbox } from './dev-inbox.ts';
import type { Operation } from './operations.ts';
import { isJsonObject } from './request-input.ts';
import type { OriginPolicy } from './request-origin.ts';

/** One Cognito call as listed by `GET /_dev/requests`. */
export interface RequestRecord {
  readonly operation: string;
  /** ISO 8601 time the request arrived. */
  readonly at: string;
}

/** Everything the HTTP layer routes to. */
export interface HttpRoutes {
  readonly operations: ReadonlyMap<string, Operation>;
  /** JSON documents served at `GET <path>`: the pool's JWKS and OIDC discovery document. */
  readonly documents: ReadonlyMap<string, () => object>;
  readonly inbox: DevInbox;
  readonly requests: BoundedLog<RequestRecord>;
  /** Shown at `GET /` so a person (or a readiness probe) can see what is running. */
  readonly about: object;
  readonly log: (line: string) => void;
  /** Which browser origins and `Host` names are served; everything else is refused with 403. */
  readonly access: OriginPolicy;
  /** Largest accepted request body; defaults to 64 KiB. */
  readonly maxBodyBytes?: number;
}

const TARGET = /^AWSCognitoIdentityProviderService\.([A-Za-z]{1,64})$/;

// Browsers on another origin send Amplify's SDK headers, so the preflight must allow them. The allowed
// origin itself is echoed per request, and only for origins the access policy allows.
const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': [
    'content-type',
    'x-amz-target',
    'x-amz-user-agent',
    'amz-sdk-invocation-id',
    'amz-sdk-request',
    'cache-control',
    'authorization',
    'x-amz-date',
    'x-amz-security-token',
    'x-amz-content-sha256',
  ].join(', '),
  'access-control-expose-headers': 'x-amzn-errortype, x-amzn-requestid',
  'access-control-max-age': '600',
};

// Past this, a client that keeps sending is cut off rather than drained.
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * The endpoint's HTTP layer: host and origin checks, CORS, Cognito's JSON protocol (POST on any path, operation named
 * by `X-Amz-Target`), the pool's well-known documents and the development routes. Every failure is answered with a
 * status and a
 * `{ "__type", "message" }` body; nothing a client sends can stop the server.
 */
export function createRequestListener(routes: HttpRoutes): RequestListener {
  const maxBodyBytes = routes.maxBodyBytes ?? 64 * 1024;

  /** Refuses foreign hosts (DNS rebinding) and foreign browser origins before anything else is looked at. */
  function checkAccess(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('vary', 'Origin');
    if (!routes.access.allowsHost(String(req.headers.host ?? ''))) {
      throw new CognitoError('ForbiddenException', 'This endpoint answers only to a loopback host name', 403);
    }
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (!routes.access.allowsOrigin(origin)) {
      throw new CognitoError('ForbiddenException', 'Origin not allowed; add it with --cors-origin', 403);
    }
    res.setHeader('access-control-allow-origin', origin);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkAccess(req, res);
    const path = requestPath(req.url);
    if (req.method === 'OPTIONS') return send(res, 204);
    if (req.method === 'POST' && !path.startsWith('/_dev/')) return cognitoCall(req, res);
    if (path === '/_dev/messages') return devList(req, res, routes.inbox);
    if (path === '/_dev/requests') return devList(req, res, routes.requests);
    const document = req.method === 'GET' ? routes.documents.get(path) : undefined;
    if (document) return send(res, 200, document(), 'application/json');
    if (req.method === 'GET' && path === '/') return send(res, 200, routes.about, 'application/json');
    throw new CognitoError(
      'NotFoundException',
      `No route for ${req.method} ${path.slice(0, 100)}; Cognito calls are POST`,
      404,
    );
  }

  async function cognitoCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, maxBodyBytes);
    const target = TARGET.exec(String(req.headers['x-amz-target'] ?? ''));
    if (!target) {
      throw new CognitoError('UnknownOperationException', 'Missing or malformed X-Amz-Target header');
    }
    const name = target[1]!;
    routes.requests.add({ operation: name, at: new Date().toISOString() });
    const operation = routes.operations.get(name);
    if (!operation)
      throw new CognitoError('UnknownOperationException', `Operation ${name} is not supported by this endpoint`);
    let input: unknown;
    try {
      input = JSON.parse(body || '{}');
    } catch {
      throw new CognitoError('SerializationException', 'The request body is not valid JSON');
    }
    if (!isJsonObject(input))
      throw new CognitoError('SerializationException', 'The request body must be a JSON object');
    send(res, 200, await operation(input, { authorization: req.headers.authorization }));
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof CognitoError) {
        send(res, error.status, { __type: error.type, message: error.message }, undefined, {
          'x-amzn-errortype': error.type,
        });
        return;
      }
      routes.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(res, 500, { __type: 'InternalErrorException', message: 'Internal error in the local endpoint' }, undefined, {
        'x-amzn-errortype': 'InternalErrorException',
      });
    });
  };
}

function requestPath(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://endpoint').pathname;
  } catch {
    throw new CognitoError('InvalidRequestException', 'The request target is not a valid URL');
  }
}

function devList(req: IncomingMessage, res: ServerResponse, entries: { list(): unknown[]; clear(): void }) {
  if (req.method === 'GET') return send(res, 200, entries.list(), 'application/json');
  if (req.method === 'DELETE') {
    entries.clear();
    return send(res, 204);
  }
  throw new CognitoError('MethodNotAllowedException', `Use GET or DELETE on ${req.url}`, 405);
}

/** Reads the whole body as UTF-8, refusing (with 413) bodies over the limit once they are drained. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on('end', () => {
      if (size > limit)
        reject(new CognitoError('RequestEntityTooLargeException', `Request body exceeds ${limit} bytes`, 413));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    // Only matters when the body never ended (client gone, or cut off above); otherwise it settles nothing.
    req.on('close', () =>
      reject(new CognitoError('RequestEntityTooLargeException', 'Request body was not completed', 413)),
    );
  });
}

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  contentType = 'application/x-amz-json-1.1',
  headers: Record<string, string> = {},
) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...(text ? { 'content-type': contentType, 'content-length': Buffer.byteLength(text) } : {}),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}
