import { Controller } from '@nestjs/common';
import { HouseholdIncomeChangedV1, ThresholdSetV1 } from '@lib/contracts';
import { BatchEventPattern } from '@lib/messaging';
import { RecordedFacts } from './recorded-facts.store';

/** Monitoring's events households keeps a copy of (topic monitoring.events.v1). */
@Controller()
export class LifecycleConsumer {
  constructor(private readonly facts: RecordedFacts) {}

  @BatchEventPattern(HouseholdIncomeChangedV1.type)
  onIncome(events: HouseholdIncomeChangedV1[]) {
    return this.facts.incomeChanged(events);
  }

  @BatchEventPattern(ThresholdSetV1.type)
  onThreshold(events: ThresholdSetV1[]) {
    return this.facts.thresholdSet(events);
  }
}
