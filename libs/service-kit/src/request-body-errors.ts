import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';

/** What body-parser says when it cannot read a body (its `type` property). */
interface BodyParserError {
  type?: string;
  limit?: number;
  status?: number;
}

const REFUSALS: Record<string, { status: number; error: string; reason: (e: BodyParserError) => string }> = {
  'entity.parse.failed': { status: 400, error: 'Bad Request', reason: () => '不是有效的 JSON' },
  'entity.too.large': {
    status: 413,
    error: 'Payload Too Large',
    reason: (e) => (e.limit ? `过大（上限 ${Math.round(e.limit / 1024)} KB）` : '过大'),
  },
  'encoding.unsupported': { status: 415, error: 'Unsupported Media Type', reason: () => '编码不受支持' },
  'charset.unsupported': { status: 415, error: 'Unsupported Media Type', reason: () => '字符集不受支持' },
  'request.aborted': { status: 400, error: 'Bad Request', reason: () => '请求在传输中断开' },
};

/**
 * A body the app cannot read (not JSON, too large, an unknown encoding) is refused in the one error
 * shape of every refusal — Chinese first, naming the body as the field — instead of the parser's
 * English (`Unexpected token …`, `request entity too large`). Registered once the router is in place,
 * so it sees only the parsers' errors that reach Nest's error handling.
 */
@Injectable()
export class RequestBodyErrors implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit() {
    const app = this.adapter.httpAdapter?.getInstance<{ use: (fn: unknown) => void }>();
    if (!app?.use) return;
    app.use((err: BodyParserError, _req: Request, res: Response, next: NextFunction) => {
      const refusal = err?.type ? REFUSALS[err.type] : undefined;
      if (!refusal || res.headersSent) return next(err);
      const reason = refusal.reason(err);
      res.status(refusal.status).json({
        statusCode: refusal.status,
        error: refusal.error,
        message: `请求体${reason} (request body could not be read)`,
        problems: [{ field: 'body', reason }],
      });
    });
  }
}
