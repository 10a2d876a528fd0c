import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { decisionConflict, Decision, DecisionBody } from '../decisions';
import { FundEntryApprovedV1 } from '@lib/contracts';
import { orgOf, teamEvent } from '../member-event';
import { SupervisionRoles } from '../supervision-roles';
import { TeamsStore } from '../teams/teams.store';
import { present } from '../present';
import { teamOf } from '../teams/team-lookups';
import { FundEntry } from './fund-entry.schema';
import { ListFundEntriesQuery, RecordFundEntryBody } from './funds.dto';
import { FundsStore } from './funds.store';

const toYuan = (fen: number) => fen / 100;
const presentEntry = ({ amountFen, ...rest }: FundEntry) => ({ ...present(rest), amount: toYuan(amountFen) });

/** 经费台账 with the town's approval, within the caller's org-unit scope. */
@Controller('api/v1/fund-entries')
export class FundsController {
  constructor(
    private readonly funds: FundsStore,
    private readonly teams: TeamsStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SupervisionRoles.writeWorkLogs)
  async record(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RecordFundEntryBody)) body: RecordFundEntryBody,
  ) {
    const team = await teamOf(this.teams, scope, body.teamId);
    const { amount, ...rest } = body;
    const entry: FundEntry = {
      _id: randomUUID(),
      ...rest,
      amountFen: Math.round(amount * 100),
      countyCode: team.countyCode,
      townCode: team.townCode,
      villageCode: team.villageCode,
      status: 'pending',
      decidedAt: null,
      decidedBy: null,
      decisionNote: null,
      createdAt: new Date(),
    };
    await this.funds.insert(entry);
    return presentEntry(entry);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...SupervisionRoles.manageTeams)
  async decide(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('须为台账条目编号（UUID）'))) id: string,
    @Body(new ZodValidationPipe(DecisionBody)) body: Decision,
  ) {
    const pending = await this.funds.findById(scope, id);
    if (!pending || pending.status !== 'pending') throw decisionConflict(id, pending);
    const set = {
      status: body.approve ? ('approved' as const) : ('rejected' as const),
      decidedAt: new Date(),
      decidedBy: body.decidedBy,
      decisionNote: body.note,
    };
    // an approved spending counts from now: announced (fund-entry.approved.v1) with the decision
    const events = body.approve
      ? [
          teamEvent(
            FundEntryApprovedV1.type,
            `fund-entry-approved:${id}`,
            orgOf({ ...pending, _id: pending.teamId }),
            {
              fundEntryId: id,
              spentOn: pending.spentOn,
              amountFen: pending.amountFen,
              category: pending.category,
              decidedBy: set.decidedBy,
              decidedAt: set.decidedAt.toISOString(),
            },
          ),
        ]
      : [];
    const decided = await this.funds.decide(scope, id, set, events);
    if (!decided) throw decisionConflict(id, await this.funds.findById(scope, id));
    return presentEntry(decided);
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
      totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, toYuan(v)])),
    };
  }
}
