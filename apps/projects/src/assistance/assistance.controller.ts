import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { AssistanceLedger, ProjectsPermissions } from '@lib/contracts';
import { labelOf, type LabelKind } from '@lib/contracts/labels';
import { ApiBodyChosenBy, ZodValidationPipe } from '@lib/service-kit';
import { todayIn } from '../calendar';
import {
  CreateBodies,
  CreateBody,
  EntryBodies,
  EntryBody,
  LedgerParam,
  ListQuery,
  RecordId,
} from './assistance.dto';
import { exportColumns } from './domain/export-columns';
import { presentRecord } from './domain/present-record';
import { AddLedgerEntry } from './use-cases/add-ledger-entry.usecase';
import { CheckMicrocreditOverdue } from './use-cases/check-microcredit-overdue.usecase';
import { ListLedger } from './use-cases/list-ledger.usecase';
import { RecordLedgerEntry } from './use-cases/record-ledger-entry.usecase';
import { ShowHouseholdLedgers } from './use-cases/show-household-ledgers.usecase';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TIMEZONE = 'Asia/Shanghai';

/** The body schema of a ledger, chosen by the path's ledger (validated there first). */
class BodyOf {
  constructor(private readonly bodies: Record<string, z.ZodType>) {}
  parse<T>(ledger: AssistanceLedger, body: unknown): T {
    return new ZodValidationPipe(this.bodies[ledger]).transform(body, { type: 'body' }) as T;
  }
}
const creates = new BodyOf(CreateBodies);
const entries = new BodyOf(EntryBodies);

/** The API description of a body chosen by the path's ledger: one of the ledgers' schemas, each titled by its ledger. */
const documented = (bodies: Record<string, z.ZodType>) => ApiBodyChosenBy('ledger', bodies);

/** 帮扶台账: 公益岗位, 小额信贷, 雨露计划, 易地搬迁后续扶持, 消费帮扶, 村集体经济 (issue 19). */
@Controller('api/v1/assistance')
export class AssistanceController {
  constructor(
    private readonly record: RecordLedgerEntry,
    private readonly addEntry: AddLedgerEntry,
    private readonly overdue: CheckMicrocreditOverdue,
    private readonly ledgers: ListLedger,
  ) {}

  /** 小额信贷逾期 check now (also run periodically): each due and unpaid repayment announced once. */
  @Post('microcredit/overdue-checks')
  @HttpCode(200)
  @Roles(...ProjectsPermissions.runProjectChecks)
  runOverdueCheck() {
    return this.overdue.execute(todayIn(TIMEZONE));
  }

  @Get(':ledger')
  @Roles(...ProjectsPermissions.readLedgers)
  async list(
    @CallerScope() scope: Scope,
    @Param('ledger', new ZodValidationPipe(LedgerParam)) ledger: AssistanceLedger,
    @Query(new ZodValidationPipe(ListQuery)) q: ListQuery,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.ledgers.page(scope, ledger, filter, page, pageSize);
    const today = todayIn(TIMEZONE);
    return { ...result, items: result.items.map((r) => presentRecord(r, today)) };
  }

  /** The ledger in scope as .xlsx (Chinese headers and values; personal data masked). */
  @Get(':ledger/export')
  @Roles(...ProjectsPermissions.readLedgers)
  async export(
    @CallerScope() scope: Scope,
    @Param('ledger', new ZodValidationPipe(LedgerParam)) ledger: AssistanceLedger,
    @Query(new ZodValidationPipe(ListQuery)) q: ListQuery,
    @Res() res: ServerResponse,
  ) {
    const { page: _p, pageSize: _s, ...filter } = q;
    const records = await this.ledgers.all(scope, ledger, filter);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'fangfanpin projects';
    const ws = wb.addWorksheet(labelOf('assistanceLedger', ledger), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const cols = exportColumns(ledger, (kind, v) => labelOf(kind as LabelKind, v as string));
    ws.columns = cols.map(([header]) => ({ header, width: Math.max(10, header.length * 2) }));
    ws.getRow(1).font = { bold: true };
    for (const r of records) ws.addRow(cols.map(([, value]) => value(r)));
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    res.writeHead(200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="assistance-${ledger}.xlsx"`,
      'content-length': String(file.length),
    });
    res.end(file);
  }

  /** 201 for a new record; 200 with the first one when the same recordId is sent again. */
  @Post(':ledger')
  @HttpCode(201)
  @documented(CreateBodies)
  @Roles(...ProjectsPermissions.writeLedgers)
  async create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('ledger', new ZodValidationPipe(LedgerParam)) ledger: AssistanceLedger,
    @Body() raw: unknown,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const body = creates.parse<CreateBody>(ledger, raw);
    const result = await this.record.execute(scope, caller, ledger, body);
    if (result.replayed) res.status(200);
    return presentRecord(result.record, todayIn(TIMEZONE));
  }

  @Post(':ledger/:id/entries')
  @HttpCode(201)
  @documented(EntryBodies)
  @Roles(...ProjectsPermissions.writeLedgers)
  async entry(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('ledger', new ZodValidationPipe(LedgerParam)) ledger: AssistanceLedger,
    @Param('id', new ZodValidationPipe(RecordId)) id: string,
    @Body() raw: unknown,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const body = entries.parse<EntryBody>(ledger, raw);
    const result = await this.addEntry.execute(scope, caller, ledger, id, body);
    if (result.replayed) res.status(200);
    return presentRecord(result.record, todayIn(TIMEZONE));
  }
}

/** What the household page shows of the ledgers: money by ledger, loans outstanding, the records. */
@Controller('api/v1/households')
export class HouseholdLedgersController {
  constructor(private readonly ledgers: ShowHouseholdLedgers) {}

  @Get(':householdId/assistance-ledgers')
  @Roles(...ProjectsPermissions.readLedgers)
  get(
    @CallerScope() scope: Scope,
    @Param('householdId', new ZodValidationPipe(z.string().uuid('须为农户编号（UUID）'))) householdId: string,
  ) {
    return this.ledgers.execute(scope, householdId, todayIn(TIMEZONE));
  }
}
