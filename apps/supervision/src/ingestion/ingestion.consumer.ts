import { Controller } from '@nestjs/common';
import { CheckInRecordedV1 } from '@lib/contracts';
import { BatchEventPattern } from '@lib/messaging';
import { IngestCheckIns } from './use-cases/ingest-check-ins.usecase';

/**
 * The raw topic supervision.checkins.v1: the runner has validated each record against
 * checkin.recorded.v1 (a malformed one went to supervision.checkins.v1.dlq with the reason);
 * a whole run goes through the pipeline as one bulk write.
 */
@Controller()
export class CheckInsConsumer {
  constructor(private readonly ingest: IngestCheckIns) {}

  @BatchEventPattern(CheckInRecordedV1.type)
  async onRecorded(events: CheckInRecordedV1[]) {
    await this.ingest.execute(
      events.map((e) => e.data),
      'kafka',
    );
  }
}
