import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Member, MemberSchema, Team, TeamSchema } from './team.schema';
import { TeamsRepository } from './teams.repository';
import { Roster } from './roster';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Team.name, schema: TeamSchema },
      { name: Member.name, schema: MemberSchema },
    ]),
  ],
  providers: [TeamsRepository, Roster],
  exports: [TeamsRepository, Roster],
})
/** The team store (everything reads it); the API is TeamsApiModule. */
export class TeamsModule {}
