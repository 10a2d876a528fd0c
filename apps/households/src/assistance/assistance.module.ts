import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { AssistanceController } from './assistance.controller';
import { AssistanceStore } from './assistance.store';

/** 一户一策, 关爱服务 pairings and 搬迁 records of a household. */
@Module({
  imports: [HouseholdsModule],
  controllers: [AssistanceController],
  providers: [AssistanceStore],
})
export class AssistanceModule {}
