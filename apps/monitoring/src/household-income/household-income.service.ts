import { Injectable, Logger } from '@nestjs/common';
import { incomeComponentOfBenefit, orgUnitsOfVillage, ProjectDistributionPaidV1 } from '@lib/contracts';
import { changesOf, currentFigure, monthlyHistory, PaymentFact, SurveyFact } from './income-figure';
import { incomeChangedEvent } from './income-events';
import { PaymentsRepository } from './payments.repository';
import { SurveyFacts } from './survey-facts';

/** 收入台账: the household's income from its surveys and project payments. */
@Injectable()
export class HouseholdIncome {
  private readonly logger = new Logger(HouseholdIncome.name);

  constructor(
    private readonly surveys: SurveyFacts,
    private readonly payments: PaymentsRepository,
  ) {}

  async factsOf(householdId: string): Promise<{ surveys: SurveyFact[]; payments: PaymentFact[] }> {
    const [surveys, payments] = await Promise.all([
      this.surveys.factsOf(householdId),
      this.payments.factsOf(householdId),
    ]);
    return { surveys, payments };
  }

  /**
   * Counts a project payment once per distributionId (a redelivery, or another event with the same
   * distributionId, is a duplicate key), and announces the new figure in the same write.
   */
  async countDistribution(e: ProjectDistributionPaidV1): Promise<void> {
    const d = e.data;
    if (await this.payments.exists(d.distributionId)) return;
    const { surveys, payments } = await this.factsOf(d.householdId);
    const fact: PaymentFact = {
      distributionId: d.distributionId,
      projectId: d.projectId,
      projectName: d.projectName,
      kind: d.kind,
      component: incomeComponentOfBenefit(d.kind),
      amount: d.amount,
      paidOn: d.paidOn,
    };
    const after = [...payments.filter((p) => p.distributionId !== fact.distributionId), fact];
    const event = incomeChangedEvent({
      householdId: d.householdId,
      townCode: d.townCode,
      villageCode: d.villageCode,
      before: currentFigure(surveys, payments),
      after: currentFigure(surveys, after),
      surveys,
      payments: after,
      cause: { kind: 'project-distribution', id: d.distributionId },
      time: new Date(),
    });
    const inserted = await this.payments.insert(
      {
        _id: d.distributionId,
        householdId: d.householdId,
        countyCode: orgUnitsOfVillage(d.villageCode).countyCode,
        townCode: d.townCode,
        villageCode: d.villageCode,
        projectId: d.projectId,
        projectName: d.projectName,
        kind: d.kind,
        component: fact.component,
        amount: d.amount,
        paidOn: d.paidOn,
        recordedBy: d.recordedBy,
        eventId: e.id,
        receivedAt: new Date(),
        changedFigure: event !== null,
      },
      event ? [event] : [],
    );
    if (!inserted) this.logger.log(`distribution ${d.distributionId} already counted (event ${e.id})`);
  }

  /** What GET /monitored-households/:id shows of the household's income. */
  async view(householdId: string) {
    const { surveys, payments } = await this.factsOf(householdId);
    const figure = currentFigure(surveys, payments);
    const laterPayments = payments.filter((p) => !figure || !figure.payments.includes(p));
    return {
      currentIncome: figure && {
        month: figure.month,
        income: figure.income,
        netIncome: figure.netIncome,
        residentMembers: figure.residentMembers,
        perCapitaNetIncome: figure.perCapitaNetIncome,
        ...changesOf(figure, surveys, payments),
        sources: {
          survey: {
            surveyId: figure.survey.surveyId,
            month: figure.survey.month,
            visitedAt: figure.survey.visitedAt.toISOString(),
            income: figure.survey.income,
          },
          payments: figure.payments,
        },
      },
      /** Payments not in the current figure: paid before the last survey's visit (it includes them), or before any survey. */
      paymentsNotCounted: laterPayments.sort((a, b) => a.paidOn.localeCompare(b.paidOn)),
      incomeHistory: monthlyHistory(surveys, payments),
    };
  }
}
