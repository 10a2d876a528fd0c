import { Controller } from '@nestjs/common';
import { SurveyRecordedV1 } from '@lib/contracts';
import { BatchEventPattern } from '@lib/messaging';
import { RecordVisits } from './use-cases/record-visits.usecase';

/** Monitoring's surveys (survey.recorded.v1): the visits of team members among them. */
@Controller()
export class VisitsConsumer {
  constructor(private readonly record: RecordVisits) {}

  @BatchEventPattern(SurveyRecordedV1.type)
  onSurveys(events: SurveyRecordedV1[]) {
    return this.record.execute(events);
  }
}
