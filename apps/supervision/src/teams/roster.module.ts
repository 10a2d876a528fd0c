import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Member, MemberSchema, Team, TeamSchema } from './team.schema';
import { TeamsStore } from './teams.store';
import { Roster } from './roster';

/**
 * The roster: work teams and their members as stored (every feature reads it: who a check-in,
 * a work log or a fund entry belongs to, and their org units), and the check-in pipeline's copy in
 * memory. Its API (and the re-judging a change brings) is TeamsModule.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Team.name, schema: TeamSchema },
      { name: Member.name, schema: MemberSchema },
    ]),
  ],
  providers: [TeamsStore, Roster],
  exports: [TeamsStore, Roster],
})
export class RosterModule {}
