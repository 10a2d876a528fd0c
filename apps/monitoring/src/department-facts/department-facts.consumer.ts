import { Controller } from '@nestjs/common';
import { SERVICE_SCOPE } from '@lib/auth';
import { DepartmentFactSubmittedV1 } from '@lib/contracts';
import { BatchEventPattern } from '@lib/messaging';
import { IntakeFacts } from './use-cases/intake-facts.usecase';

/** monitoring.department-facts.v1 → 部门筛查预警 (household members: households-events.consumer.ts). */
@Controller()
export class DepartmentFactsConsumer {
  constructor(private readonly intake: IntakeFacts) {}

  /** Raw facts departments produce to monitoring.department-facts.v1 (malformed ones go to its .dlq). */
  @BatchEventPattern(DepartmentFactSubmittedV1.type)
  async onSubmitted(events: DepartmentFactSubmittedV1[]) {
    // one call per producer so each fact records who sent it
    const bySource = new Map<string, DepartmentFactSubmittedV1[]>();
    for (const e of events) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
    for (const [source, list] of bySource)
      await this.intake.execute(
        list.map((e) => e.data),
        'kafka',
        `kafka:${source}`,
        SERVICE_SCOPE,
      );
  }
}
