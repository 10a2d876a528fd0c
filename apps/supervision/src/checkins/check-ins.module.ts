import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CheckIn, CheckInSchema, UnmatchedCheckIn, UnmatchedCheckInSchema } from './check-in.schema';
import { CheckInsController } from './check-ins.controller';
import { CheckInsRepository } from './check-ins.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CheckIn.name, schema: CheckInSchema },
      { name: UnmatchedCheckIn.name, schema: UnmatchedCheckInSchema },
    ]),
  ],
  controllers: [CheckInsController],
  providers: [CheckInsRepository],
  exports: [CheckInsRepository],
})
export class CheckInsModule {}
