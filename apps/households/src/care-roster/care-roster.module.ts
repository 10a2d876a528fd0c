import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { CareRosterController } from './care-roster.controller';
import { CareRosterStore } from './care-roster.store';
import { CareRoster } from './use-cases/care-roster.usecases';

/** 关爱服务名册: the village's roster of people cared for, their carers and visits. */
@Module({
  imports: [HouseholdsModule],
  controllers: [CareRosterController],
  providers: [CareRosterStore, CareRoster],
})
export class CareRosterModule {}
