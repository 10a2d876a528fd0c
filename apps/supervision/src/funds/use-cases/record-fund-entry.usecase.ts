import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { TeamsStore } from '../../teams/teams.store';
import { teamOf } from '../../teams/team-lookups';
import { FundEntry } from '../fund-entry.schema';
import { RecordFundEntryBody } from '../funds.dto';
import { FundsStore } from '../funds.store';
import { fenOf } from '../domain/amounts';

/** Records a spending of a team's funds (经费台账), pending the town's approval. */
@Injectable()
export class RecordFundEntry {
  constructor(
    private readonly funds: FundsStore,
    private readonly teams: TeamsStore,
  ) {}

  async execute(scope: Scope, body: RecordFundEntryBody): Promise<FundEntry> {
    const team = await teamOf(this.teams, scope, body.teamId);
    const { amount, ...rest } = body;
    const entry: FundEntry = {
      _id: randomUUID(),
      ...rest,
      amountFen: fenOf(amount),
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
    return entry;
  }
}
