import { All, Controller, Inject, Logger, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { KeyLike } from 'jose';
import {
  bearerOf,
  InvalidToken,
  Principal,
  Public,
  RedisNonceStore,
  SignatureHeaders,
  SignatureRejected,
  unitChain,
  VERIFICATION_KEY,
  verifyAccessToken,
  verifySignedRequest,
} from '@lib/auth';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { AuditRepository } from '../audit/audit.repository';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { ApiKeysRepository } from '../integrations/api-keys.repository';
import { GatewayCounters } from '../sessions/gateway-redis';
import { TokenIssuer } from '../sessions/token-issuer';
import { route } from './routes';

interface GatewayRequest extends IncomingMessage {
  originalUrl: string;
  ip?: string;
  rawBody?: Buffer;
}

const FORWARDED = ['content-type', 'accept', 'accept-language', 'traceparent', 'x-request-id'];
const INTEGRATION_TOKEN_TTL = 60;

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(JSON.stringify(body));
}

const problem = (status: number, error: string, message: string) => ({ statusCode: status, error, message });

/**
 * /api/v1/* of the apps: authenticates (bearer token, or a signed request of an integration
 * client), limits the rate, forwards to the owning app with an access token (each app verifies
 * it and scopes by itself), and writes one audit entry per request.
 */
@Controller()
export class ProxyController {
  private readonly logger = new Logger(ProxyController.name);
  private readonly nonces: RedisNonceStore;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(VERIFICATION_KEY) private readonly key: KeyLike,
    @Inject(REDIS_CONNECTION) redis: Redis,
    private readonly issuer: TokenIssuer,
    private readonly counters: GatewayCounters,
    private readonly apiKeys: ApiKeysRepository,
    private readonly audit: AuditRepository,
  ) {
    this.nonces = new RedisNonceStore(redis, counters.key('nonce'));
  }

  @All('api/v1/*path')
  @Public()
  async forward(@Req() req: GatewayRequest, @Res() res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.originalUrl;
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const target = route(this.config, url);
    let caller: Principal | null = null;
    let status = 500;
    let recordId = target?.recordId ?? null;
    try {
      if (!target) {
        status = 404;
        return reply(
          res,
          status,
          problem(404, 'Not Found', `没有该接口 (no route for ${url.split('?')[0]})`),
        );
      }
      const auth = await this.authenticate(req, method, url);
      if (!auth) {
        status = 401;
        return reply(
          res,
          status,
          problem(401, 'Unauthorized', '未登录或凭证无效 (missing, expired or invalid credentials)'),
        );
      }
      caller = auth.principal;
      const minute = Math.floor(Date.now() / 60_000);
      const hits = await this.counters.hit(this.counters.key('rate', caller.sub, String(minute)), 60);
      if (hits > this.config.GATEWAY_RATE_LIMIT_PER_MINUTE) {
        status = 429;
        return reply(res, status, problem(429, 'Too Many Requests', '请求过于频繁 (rate limit exceeded)'), {
          'retry-after': String(60 - (Math.floor(Date.now() / 1000) % 60)),
        });
      }
      const upstream = await this.send(target.upstream, req, method, url, auth.token, ip);
      status = upstream.status;
      const text = await upstream.text();
      if (method === 'POST' && status === 201 && !recordId) recordId = idOf(text);
      res.statusCode = status;
      const type = upstream.headers.get('content-type');
      if (type) res.setHeader('content-type', type);
      res.end(text);
    } catch (e) {
      this.logger.warn(`proxy ${method} ${url}: ${(e as Error).message}`);
      status = 502;
      reply(res, status, problem(502, 'Bad Gateway', '服务暂不可用 (upstream unavailable)'));
    } finally {
      await this.audit
        .append({
          _id: randomUUID(),
          at: new Date(started),
          actorId: caller?.sub ?? null,
          actorName: caller?.name ?? null,
          actorKind: caller?.kind ?? null,
          roles: caller?.grants ?? [],
          scopeCodes: [
            ...new Set(
              (caller?.grants ?? []).filter((g) => g.unit !== '*').flatMap((g) => unitChain(g.unit)),
            ),
          ],
          method,
          path: url.slice(0, 2048),
          resource: target?.resource ?? null,
          recordId,
          status,
          ip,
          userAgent: String(req.headers['user-agent'] ?? '').slice(0, 256) || null,
          durationMs: Date.now() - started,
        })
        .catch((e) => this.logger.error(`audit entry not written: ${(e as Error).message}`));
    }
  }

  /** The caller and the token to forward, or null (401). */
  private async authenticate(
    req: GatewayRequest,
    method: string,
    url: string,
  ): Promise<{ principal: Principal; token: string } | null> {
    if (req.headers[SignatureHeaders.key]) {
      try {
        const client = await verifySignedRequest(
          { method, pathWithQuery: url, headers: req.headers, body: req.rawBody ?? Buffer.alloc(0) },
          (keyId) => this.apiKeys.active(keyId),
          this.nonces,
        );
        const principal: Principal = {
          sub: `integration:${client._id}`,
          kind: 'integration',
          name: client.name,
          grants: [{ role: 'integration-client', unit: client.unit }],
        };
        return { principal, token: (await this.issuer.issue(principal, INTEGRATION_TOKEN_TTL)).token };
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
      return { principal, token };
    } catch (e) {
      if (e instanceof InvalidToken) return null;
      throw e;
    }
  }

  private send(
    upstream: string,
    req: GatewayRequest,
    method: string,
    url: string,
    token: string,
    ip: string,
  ) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    for (const h of FORWARDED) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${ip}` : ip;
    const hasBody = !['GET', 'HEAD'].includes(method) && req.rawBody && req.rawBody.length > 0;
    return fetch(`${upstream}${url}`, {
      method,
      headers,
      body: hasBody ? req.rawBody : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.PROXY_TIMEOUT_MS),
    });
  }
}

function idOf(json: string): string | null {
  try {
    const id = (JSON.parse(json) as { id?: unknown }).id;
    return typeof id === 'string' ? id.slice(0, 128) : null;
  } catch {
    return null;
  }
}
