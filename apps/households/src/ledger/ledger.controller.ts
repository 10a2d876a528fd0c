import { HouseholdsPermissions } from '@lib/contracts';
import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { fieldError, GatewayTimeout, ZodValidationPipe } from '@lib/service-kit';
import { ListHouseholdsQuery } from '../households/households.dto';
import { ImportLedger } from './use-cases/import-ledger.usecase';
import { ExportLedger } from './use-cases/export-ledger.usecase';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 30 * 1024 * 1024;
/** A town's ledger (1,144 households) takes tens of seconds to import or export on a busy database. */
const LEDGER_TIMEOUT_MS = 5 * 60_000;

const ExportQuery = ListHouseholdsQuery.omit({ sort: true, page: true, pageSize: true }).strict();

async function readBody(req: IncomingMessage): Promise<Buffer> {
  if (!String(req.headers['content-type'] ?? '').startsWith(XLSX))
    throw fieldError('content-type', `须上传 .xlsx 文件 (send the file as ${XLSX})`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw fieldError('file', `文件超过 ${MAX_BYTES / 1024 / 1024} MB (file too large)`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) throw fieldError('file', '文件为空 (empty body)');
  return Buffer.concat(chunks);
}

/** 台账导入导出: the households ledger as .xlsx, in the national export's layout. */
@Controller('api/v1/household-ledger')
export class LedgerController {
  constructor(
    private readonly importLedger: ImportLedger,
    private readonly exportLedger: ExportLedger,
  ) {}

  /** Body: the .xlsx file (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet). */
  @Post('imports')
  @HttpCode(200)
  @GatewayTimeout(LEDGER_TIMEOUT_MS)
  @Roles(...HouseholdsPermissions.writeHouseholds)
  async import(@CallerScope() scope: Scope, @Req() req: IncomingMessage) {
    return this.importLedger.execute(scope, await readBody(req));
  }

  /** The filtered ledger (same filters as the household list), personal data masked. */
  @Get('export')
  @GatewayTimeout(LEDGER_TIMEOUT_MS)
  @Roles(...HouseholdsPermissions.readHouseholds)
  async export(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ExportQuery)) q: Record<string, string | undefined>,
    @Res() res: ServerResponse,
  ) {
    const file = await this.exportLedger.execute(scope, q);
    res.writeHead(200, {
      'content-type': XLSX,
      'content-disposition': 'attachment; filename="households-ledger.xlsx"',
      'content-length': String(file.length),
    });
    res.end(file);
  }
}
