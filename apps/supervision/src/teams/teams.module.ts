import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Member, MemberSchema, Team, TeamSchema } from './team.schema';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { ManageTeams } from './teams.usecases';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Team.name, schema: TeamSchema },
      { name: Member.name, schema: MemberSchema },
    ]),
  ],
  controllers: [TeamsController],
  providers: [TeamsRepository, ManageTeams],
  exports: [TeamsRepository],
})
export class TeamsModule {}
