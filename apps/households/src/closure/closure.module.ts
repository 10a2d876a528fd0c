import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { ClosureController } from './closure.controller';
import { CloseHousehold } from './use-cases/close-household.usecase';

/** 注销: closing a household (it leaves the lifecycle, its records become read-only). */
@Module({
  imports: [HouseholdsModule, LifecycleModule],
  controllers: [ClosureController],
  providers: [CloseHousehold],
})
export class ClosureModule {}
