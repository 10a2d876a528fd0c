import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { Request, Response, NextFunction } from 'express';
import type { AuthedRequest } from '@lib/auth';
import { RecordRequest } from './use-cases/record-request.usecase';

/**
 * The gateway's own API (sign-in, users, integration clients, the audit log itself) is audited like
 * every proxied request: one entry per request when its answer is sent, refusals (401, 403, 400)
 * included, since the guard that refuses runs before any interceptor would.
 */
@Injectable()
export class OwnApiAuditMiddleware implements NestMiddleware {
  private readonly logger = new Logger('audit');

  constructor(private readonly recordRequest: RecordRequest) {}

  use(req: Request, res: Response, next: NextFunction) {
    const started = Date.now();
    let createdId: string | null = null;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const id = (body as { id?: unknown } | null)?.id;
      if (typeof id === 'string') createdId = id;
      return json(body);
    };
    res.once('finish', () => void this.record(req, res, started, createdId));
    next();
  }

  private async record(req: Request, res: Response, started: number, createdId: string | null) {
    try {
      const url = req.originalUrl;
      const [, , , resource = null] = url.split('?')[0].split('/');
      const params = req.params as Record<string, string | undefined>;
      const body = req.body as { username?: unknown } | undefined;
      const caller = (req as unknown as AuthedRequest).principal ?? null;
      // a sign-in names who tried (never the password), and is seen by the auditors of that user's units
      const tried = !caller && typeof body?.username === 'string' ? body.username.slice(0, 128) : null;
      await this.recordRequest.execute({
        started,
        caller,
        triedUsername: tried,
        method: req.method.toUpperCase(),
        url,
        resource,
        recordId: params.id ?? (req.method === 'POST' && res.statusCode === 201 ? createdId : null),
        status: res.statusCode,
        ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        userAgent: req.headers['user-agent'],
      });
    } catch (e) {
      this.logger.error(`audit entry not written: ${(e as Error).message}`);
    }
  }
}
