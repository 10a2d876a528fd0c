import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Member, MemberSchema, Team, TeamSchema } from './team.schema';
import { TeamsRepository } from './teams.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Team.name, schema: TeamSchema },
      { name: Member.name, schema: MemberSchema },
    ]),
  ],
  providers: [TeamsRepository],
  exports: [TeamsRepository],
})
/** The team store (everything reads it); the API is TeamsApiModule. */
export class TeamsModule {}
