import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { LifecycleConsumer } from './lifecycle.consumer';
import { LifecycleController } from './lifecycle.controller';
import { LifecycleTransitionsStore } from './lifecycle.store';
import { RecordedFacts } from './recorded-facts.store';
import { RecordedFactsPointer } from '../replay/recorded-facts-pointer';
import { TransitionLifecycle } from './use-cases/transition-lifecycle.usecase';

/** 监测对象识别与消除: the lifecycle steps of a household, and the facts 风险消除 is judged on. */
@Module({
  imports: [HouseholdsModule],
  controllers: [LifecycleController, LifecycleConsumer],
  providers: [LifecycleTransitionsStore, RecordedFacts, RecordedFactsPointer, TransitionLifecycle],
  exports: [LifecycleTransitionsStore],
})
export class LifecycleModule {}
