import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { Leave, LeaveSchema } from './leave.schema';
import { LeavesController } from './leaves.controller';
import { LeavesStore } from './leaves.store';
import { ManageLeaves } from './use-cases/manage-leaves.usecase';

/**
 * 请假 / 公出: members ask, the town decides. Exports `LeavesStore` (read-only use: the approved
 * excuses attendance judges a day with); a decision re-judges the days it covers through teams'
 * port `RejudgeMemberDays` (implemented by attendance).
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: Leave.name, schema: LeaveSchema }]), TeamsModule],
  controllers: [LeavesController],
  providers: [LeavesStore, ManageLeaves],
  exports: [LeavesStore],
})
export class LeavesModule {}
