import { Controller } from '@nestjs/common';
import { BatchEventPattern } from '@lib/messaging';
import { SurveyRecordedV1 } from '@lib/contracts';
import { CoverageService } from './coverage.service';

/** monitoring.events.v1 → 走访覆盖 (registrations and closures: households-events.consumer.ts). */
@Controller()
export class CoverageConsumer {
  constructor(private readonly coverage: CoverageService) {}

  /** survey.recorded.v1 from our own topic: marks and per-village counts (idempotent for the whole batch). */
  @BatchEventPattern(SurveyRecordedV1.type)
  onSurveys(events: SurveyRecordedV1[]) {
    return this.coverage.surveysRecorded(events);
  }
}
