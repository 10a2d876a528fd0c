import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Member, MemberSchema, Team, TeamSchema } from './team.schema';
import { TeamsStore } from './teams.store';
import { Roster } from './roster';
import { TeamsController } from './teams.controller';
import { ManageTeams } from './use-cases/manage-teams.usecase';

/**
 * 驻村工作队: teams and members (the roster every feature reads: who a check-in, a work log or a fund
 * entry belongs to, and their org units), the check-in pipeline's copy in memory, and their API.
 * A change of geofence, hours or posting re-judges the attendance it affects, and a new member or
 * DingTalk mapping takes over the check-ins kept aside for them: through the ports of
 * `teams.ports.ts`, which attendance and ingestion implement (they depend on teams, not the reverse).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Team.name, schema: TeamSchema },
      { name: Member.name, schema: MemberSchema },
    ]),
  ],
  controllers: [TeamsController],
  providers: [TeamsStore, Roster, ManageTeams],
  exports: [TeamsStore, Roster],
})
export class TeamsModule {}
