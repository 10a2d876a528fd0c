import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { AssistanceIncomePaidV1, ProjectDistributionPaidV1 } from '@lib/contracts';
import { CountPayment } from './use-cases/count-payment.usecase';

/** projects.events.v1 → 收入台账: payments counted into the household's income. */
@Controller()
export class HouseholdIncomeConsumer {
  constructor(private readonly count: CountPayment) {}

  /** Project payments are household income. */
  @EventPattern(ProjectDistributionPaidV1.type)
  onDistributionPaid(e: ProjectDistributionPaidV1) {
    return this.count.distribution(e);
  }

  /** 帮扶台账 → 收入台账: an assistance ledger's payment counted into the household's income. */
  @EventPattern(AssistanceIncomePaidV1.type)
  onAssistanceIncomePaid(e: AssistanceIncomePaidV1) {
    return this.count.assistancePayment(e);
  }
}
