import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { Decision, DecisionBody } from '../decisions';
import { SupervisionRoles } from '../supervision-roles';
import { present } from '../present';
import { FundEntry } from './fund-entry.schema';
import { ListFundEntriesQuery, RecordFundEntryBody } from './funds.dto';
import { FundsStore } from './funds.store';
import { yuanOf } from './domain/amounts';
import { RecordFundEntry } from './use-cases/record-fund-entry.usecase';
import { DecideFundEntry } from './use-cases/decide-fund-entry.usecase';

const presentEntry = ({ amountFen, ...rest }: FundEntry) => ({ ...present(rest), amount: yuanOf(amountFen) });

/** 经费台账 with the town's approval, within the caller's org-unit scope. */
@Controller('api/v1/fund-entries')
export class FundsController {
  constructor(
    private readonly funds: FundsStore,
    private readonly recordEntry: RecordFundEntry,
    private readonly decideEntry: DecideFundEntry,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SupervisionRoles.writeWorkLogs)
  async record(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RecordFundEntryBody)) body: RecordFundEntryBody,
  ) {
    return presentEntry(await this.recordEntry.execute(scope, body));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...SupervisionRoles.manageTeams)
  async decide(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('须为台账条目编号（UUID）'))) id: string,
    @Body(new ZodValidationPipe(DecisionBody)) body: Decision,
  ) {
    return presentEntry(await this.decideEntry.execute(scope, id, body));
  }

  /** The ledger page and the month's (or all-time) totals per status, in yuan. */
  @Get()
  @Roles(...SupervisionRoles.read)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListFundEntriesQuery)) q: ListFundEntriesQuery,
  ) {
    const { page, pageSize, ...filter } = q;
    const [result, totals] = await Promise.all([
      this.funds.list(scope, filter, page, pageSize),
      this.funds.totals(scope, q.teamId, q.month),
    ]);
    return {
      ...result,
      items: result.items.map(presentEntry),
      totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, yuanOf(v)])),
    };
  }
}
