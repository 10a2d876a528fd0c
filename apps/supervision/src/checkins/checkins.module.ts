import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CheckIn, CheckInSchema, UnmatchedCheckIn, UnmatchedCheckInSchema } from './check-in.schema';
import { CheckInsController } from './checkins.controller';
import { CheckInsStore } from './checkins.store';

/**
 * 打卡记录: the check-ins as stored, and those kept aside (未匹配打卡), with their API. Exports
 * `CheckInsStore`: ingestion writes through it, attendance reads the days it judges.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CheckIn.name, schema: CheckInSchema },
      { name: UnmatchedCheckIn.name, schema: UnmatchedCheckInSchema },
    ]),
  ],
  controllers: [CheckInsController],
  providers: [CheckInsStore],
  exports: [CheckInsStore],
})
export class CheckInsModule {}
