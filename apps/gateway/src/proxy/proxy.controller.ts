import { All, Controller, Inject, Logger, OnApplicationShutdown, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Redis } from 'ioredis';
import type { CryptoKey } from 'jose';
import {
  bearerOf,
  InvalidToken,
  Principal,
  Public,
  RedisNonceStore,
  SignatureHeaders,
  SignatureRejected,
  VERIFICATION_KEY,
  verifyAccessToken,
  verifySignedRequest,
} from '@lib/auth';
import { injectTraceHeaders } from '@lib/messaging';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { auditEntryOf } from '../audit/domain/audit-entry';
import { AuditStore } from '../audit/audit.store';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { ApiKeysStore } from '../integrations/integrations.store';
import { GatewayCounters } from '../sessions/gateway-redis';
import { TokenIssuer } from '../sessions/token-issuer';
import { CallerRateLimit } from './caller-rate-limit';
import { RouteTableService } from './route-table.service';
import { RoutedRequest } from './domain/routes';

interface GatewayRequest extends IncomingMessage {
  originalUrl: string;
  ip?: string;
  /** the app's route template, for the HTTP metrics (libs/service-kit metrics) */
  metricsRoute?: string;
}

/** Request headers passed on to the app (the caller's own authorization never is). */
const REQUEST_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'accept',
  'accept-encoding',
  'accept-language',
  'if-none-match',
  'if-modified-since',
  'range',
  'traceparent',
  'tracestate',
  'x-request-id',
];
/** Response headers passed back to the caller (downloads keep their type, name and length). */
const RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'content-length',
  'content-encoding',
  'content-language',
  'content-range',
  'accept-ranges',
  'cache-control',
  'etag',
  'last-modified',
  'expires',
  'location',
  'retry-after',
  'allow',
  'www-authenticate',
  'x-request-id',
];
const INTEGRATION_TOKEN_TTL = 60;
/** Largest body of a signed request, read whole to check its digest: a signed batch of 500 check-ins (supervision). */
export const SIGNED_BODY_LIMIT = 2 * 1024 * 1024;
/** How much of a created record's JSON answer is read for its id (the audit entry's recordId). */
const ID_PEEK_BYTES = 64 * 1024;

class BodyTooLarge extends Error {}
class UpstreamTimeout extends Error {}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(JSON.stringify(body));
}

const problem = (status: number, error: string, message: string) => ({ statusCode: status, error, message });

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

async function readCapped(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * /api/v1/* of the apps, routed by method and path from the apps' own API descriptions: authenticates
 * (bearer token, a signed request of an integration client, or nothing for a public integration
 * endpoint whose app checks the caller itself), limits the rate, streams the request to the owning
 * app with an access token (each app verifies it and scopes by itself) and its answer back, whatever
 * their type, and writes one audit entry per request.
 */
@Controller()
export class ProxyController implements OnApplicationShutdown {
  private readonly logger = new Logger(ProxyController.name);
  private readonly nonces: RedisNonceStore;
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(VERIFICATION_KEY) private readonly key: CryptoKey,
    @Inject(REDIS_CONNECTION) redis: Redis,
    private readonly issuer: TokenIssuer,
    private readonly counters: GatewayCounters,
    private readonly apiKeys: ApiKeysStore,
    private readonly audit: AuditStore,
    private readonly routes: RouteTableService,
    private readonly rateLimit: CallerRateLimit,
  ) {
    this.nonces = new RedisNonceStore(redis, counters.key('nonce'));
  }

  onApplicationShutdown() {
    for (const agent of Object.values(this.agents)) agent.destroy();
  }

  @All('api/v1/*path')
  @Public()
  // the apps' own descriptions hold these operations; the catch-all is no operation of its own
  @ApiExcludeEndpoint()
  async forward(@Req() req: GatewayRequest, @Res() res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.originalUrl;
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    let target: RoutedRequest | null = null;
    let caller: Principal | null = null;
    let status = 500;
    let recordId: string | null = null;
    try {
      const found = await this.routes.lookup(method, url);
      if (found.kind === 'none') {
        status = 404;
        return reply(
          res,
          status,
          problem(404, 'Not Found', `没有该接口 (no route for ${url.split('?')[0]})`),
        );
      }
      if (found.kind === 'method-not-allowed') {
        status = 405;
        return reply(
          res,
          status,
          problem(405, 'Method Not Allowed', `该接口不支持 ${method} (allowed: ${found.allowed.join(', ')})`),
          { allow: found.allowed.join(', ') },
        );
      }
      if (found.kind === 'unavailable') {
        status = 503;
        return reply(res, status, problem(503, 'Service Unavailable', '服务暂不可用 (upstream unavailable)'));
      }
      target = found.route;
      recordId = target.recordId;
      req.metricsRoute = target.operation.template;
      let token: string | null = null;
      let body: Buffer | null = null;
      if (target.operation.access === 'public-integration') {
        // the app checks the integration's own credentials (signature, encryption)
        caller = null;
      } else {
        const auth = await this.authenticate(req, method, url);
        if (!auth) {
          status = 401;
          return reply(
            res,
            status,
            problem(401, 'Unauthorized', '未登录或凭证无效 (missing, expired or invalid credentials)'),
          );
        }
        ({ principal: caller, token, body } = auth);
      }
      const rate = await this.rateLimit.take(caller ? caller.sub : `ip:${ip}`);
      if (!rate.allowed) {
        status = 429;
        return reply(res, status, problem(429, 'Too Many Requests', '请求过于频繁 (rate limit exceeded)'), {
          'retry-after': String(rate.retryAfterSeconds),
        });
      }
      const sent = await this.send(target, req, res, { method, url, token, ip, body });
      status = sent.status;
      if (method === 'POST' && status === 201 && !recordId) recordId = sent.createdId;
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        status = 413;
        reply(
          res,
          status,
          problem(
            413,
            'Payload Too Large',
            `签名请求的内容超过 ${SIGNED_BODY_LIMIT / 1024 / 1024} MB (body too large)`,
          ),
        );
        req.resume();
        return;
      }
      const timedOut = e instanceof UpstreamTimeout;
      this.logger.warn(`proxy ${method} ${url}: ${(e as Error).message}`);
      status = timedOut ? 504 : 502;
      if (!res.headersSent)
        reply(
          res,
          status,
          timedOut
            ? problem(504, 'Gateway Timeout', '服务响应超时 (upstream timed out)')
            : problem(502, 'Bad Gateway', '服务暂不可用 (upstream unavailable)'),
        );
      else res.destroy();
    } finally {
      await this.audit
        .append(
          auditEntryOf({
            started,
            caller,
            actorName: target?.operation.integration ?? null,
            method,
            url,
            resource: target?.resource ?? null,
            recordId,
            status,
            ip,
            userAgent: req.headers['user-agent'],
          }),
        )
        .catch((e) => this.logger.error(`audit entry not written: ${(e as Error).message}`));
    }
  }

  /**
   * The caller, the token to forward, and (signed requests only) the body read whole to check its
   * digest; null when refused (401).
   */
  private async authenticate(
    req: GatewayRequest,
    method: string,
    url: string,
  ): Promise<{ principal: Principal; token: string; body: Buffer | null } | null> {
    if (req.headers[SignatureHeaders.key]) {
      const body = hasBody(req) ? await readCapped(req, SIGNED_BODY_LIMIT) : Buffer.alloc(0);
      try {
        const client = await verifySignedRequest(
          { method, pathWithQuery: url, headers: req.headers, body },
          (keyId) => this.apiKeys.active(keyId),
          this.nonces,
        );
        const principal: Principal = {
          sub: `integration:${client._id}`,
          kind: 'integration',
          name: client.name,
          grants: [{ role: 'integration-client', unit: client.unit }],
        };
        return { principal, token: (await this.issuer.issue(principal, INTEGRATION_TOKEN_TTL)).token, body };
      } catch (e) {
        if (e instanceof SignatureRejected) return null;
        throw e;
      }
    }
    const token = bearerOf(req.headers.authorization);
    if (!token) return null;
    try {
      const principal = await verifyAccessToken(this.key, token);
      if (await this.counters.isRevoked(principal)) return null;
      return { principal, token, body: null };
    } catch (e) {
      if (e instanceof InvalidToken) return null;
      throw e;
    }
  }

  /**
   * Streams the request to the app (or sends the body already read) and the app's answer back.
   * Resolves with the status once the answer is passed on.
   */
  private send(
    target: RoutedRequest,
    req: GatewayRequest,
    res: ServerResponse,
    o: { method: string; url: string; token: string | null; ip: string; body: Buffer | null },
  ): Promise<{ status: number; createdId: string | null }> {
    const to = new URL(o.url, this.config[target.upstream]);
    const headers: Record<string, string> = {};
    for (const h of REQUEST_HEADERS) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    if (o.body) {
      delete headers['transfer-encoding'];
      headers['content-length'] = String(o.body.length);
    }
    injectTraceHeaders(headers); // this request's trace goes on to the app
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${o.ip}` : o.ip;
    const timeout = target.operation.timeoutMs ?? this.config.PROXY_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const upstream = (to.protocol === 'https:' ? https : http).request(to, {
        method: o.method,
        headers,
        agent: this.agents[to.protocol === 'https:' ? 'https:' : 'http:'],
        timeout,
      });
      upstream.on('timeout', () => upstream.destroy(new UpstreamTimeout(`no answer in ${timeout} ms`)));
      upstream.on('error', reject);
      upstream.on('response', (answer) => {
        const status = answer.statusCode ?? 502;
        for (const h of RESPONSE_HEADERS) {
          const v = answer.headers[h];
          if (v !== undefined) res.setHeader(h, v);
        }
        res.statusCode = status;
        // a created record's id, for the audit entry, read from its JSON answer as it passes
        const peek: Buffer[] = [];
        let peeked = 0;
        if (o.method === 'POST' && status === 201 && /json/.test(String(answer.headers['content-type'])))
          answer.on('data', (chunk: Buffer) => {
            if (peeked < ID_PEEK_BYTES) peek.push(chunk);
            peeked += chunk.length;
          });
        pipeline(answer, res).then(
          () => resolve({ status, createdId: peeked <= ID_PEEK_BYTES ? idOf(Buffer.concat(peek)) : null }),
          reject,
        );
      });
      if (o.body) upstream.end(o.body);
      else if (hasBody(req)) pipeline(req, upstream).catch((e: Error) => upstream.destroy(e));
      else upstream.end();
    });
  }
}

function idOf(json: Buffer): string | null {
  try {
    const id = (JSON.parse(json.toString('utf8')) as { id?: unknown }).id;
    return typeof id === 'string' ? id.slice(0, 128) : null;
  } catch {
    return null;
  }
}
