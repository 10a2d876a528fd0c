import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { AssistanceIncomePaidV1 } from '@lib/contracts';
import { HouseholdIncome } from './household-income.service';

/** 帮扶台账 → 收入台账: an assistance ledger's payment counted into the household's income (projects.events.v1). */
@Controller()
export class AssistanceIncomeConsumer {
  constructor(private readonly income: HouseholdIncome) {}

  @EventPattern(AssistanceIncomePaidV1.type)
  onAssistanceIncomePaid(e: AssistanceIncomePaidV1) {
    return this.income.countAssistancePayment(e);
  }
}
