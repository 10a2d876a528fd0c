import { Global, Module } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module';
import { AttachCheckInsOfUser } from '../teams/teams.ports';
import { CheckInsModule } from '../checkins/checkins.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { CheckInsConsumer } from './ingestion.consumer';
import { IngestCheckIns } from './use-cases/ingest-check-ins.usecase';
import { AttachUnmatchedCheckIns } from './use-cases/attach-unmatched-check-ins.usecase';

/**
 * 打卡接入: the one check-in pipeline (match users to members, store in bulk, keep unknown users
 * aside, judge the days through attendance), fed by the raw topic here and exported as
 * `IngestCheckIns` to the DingTalk callback (dingtalk) and the signed endpoint (integrations). It
 * implements teams' port `AttachCheckInsOfUser` (a member newly mapped to a DingTalk user takes over
 * their check-ins kept aside), provided to the whole app (global: teams need not import this module,
 * which imports teams).
 */
@Global()
@Module({
  imports: [TeamsModule, CheckInsModule, AttendanceModule],
  controllers: [CheckInsConsumer],
  providers: [
    IngestCheckIns,
    AttachUnmatchedCheckIns,
    { provide: AttachCheckInsOfUser, useExisting: AttachUnmatchedCheckIns },
  ],
  exports: [IngestCheckIns, AttachCheckInsOfUser],
})
export class IngestionModule {}
