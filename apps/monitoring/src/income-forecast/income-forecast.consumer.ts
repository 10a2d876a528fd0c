import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { BatchEventPattern } from '@lib/messaging';
import {
  DepartmentFactReceivedV1,
  HouseholdIncomeChangedV1,
  ProjectBeneficiaryWithoutBenefitV1,
} from '@lib/contracts';
import { RecomputeForecast } from './use-cases/recompute-forecast.usecase';

/** 收入趋势预测: recomputed on monitoring's own events (monitoring.events.v1) and projects' benefit gaps. */
@Controller()
export class IncomeForecastConsumer {
  constructor(private readonly forecasts: RecomputeForecast) {}

  /**
   * Every change of the income figure (survey, correction, project payment), a batch at a time: a
   * village's surveys arrive in bursts, and a forecast reads four collections.
   */
  @BatchEventPattern(HouseholdIncomeChangedV1.type)
  onIncomeChanged(events: HouseholdIncomeChangedV1[]) {
    return this.forecasts.recomputeMany(
      events.map((e) => ({ householdId: e.data.householdId, cause: e.id })),
    );
  }

  /** Projects: a beneficiary link paid nothing this year (a dividend that stopped: 合作社分红本年未发放). */
  @EventPattern(ProjectBeneficiaryWithoutBenefitV1.type)
  onBenefitGap(e: ProjectBeneficiaryWithoutBenefitV1) {
    return this.forecasts.benefitGap(e);
  }

  /** A department's fact (illness, hospital stay, disaster) about the household. */
  @EventPattern(DepartmentFactReceivedV1.type)
  onDepartmentFact(e: DepartmentFactReceivedV1) {
    return this.forecasts.recompute(e.data.householdId, e.id);
  }
}
