import { Injectable } from '@nestjs/common';
import { changesOf, currentFigure, monthlyHistory, PaymentFact, SurveyFact } from './domain/income-figure';
import { PaymentsStore } from './household-income.store';
import { SurveyFacts } from './survey-facts';

/** 收入台账 (read): the household's income from its surveys, project payments and assistance ledgers' payments. */
@Injectable()
export class HouseholdIncome {
  constructor(
    private readonly surveys: SurveyFacts,
    private readonly payments: PaymentsStore,
  ) {}

  async factsOf(householdId: string): Promise<{ surveys: SurveyFact[]; payments: PaymentFact[] }> {
    const [surveys, payments] = await Promise.all([
      this.surveys.factsOf(householdId),
      this.payments.factsOf(householdId),
    ]);
    return { surveys, payments };
  }

  /** The same for several households: one statement per collection, however many households. */
  async factsOfMany(
    householdIds: string[],
  ): Promise<Map<string, { surveys: SurveyFact[]; payments: PaymentFact[] }>> {
    const [surveys, payments] = await Promise.all([
      this.surveys.factsOfMany(householdIds),
      this.payments.factsOfMany(householdIds),
    ]);
    return new Map(
      householdIds.map((id) => [id, { surveys: surveys.get(id) ?? [], payments: payments.get(id) ?? [] }]),
    );
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
      /**
       * Payments not in the current figure: paid before the last survey's visit (it includes them), or
       * before any survey. By day, then id (as the figure's): not in the collection's order, which a
       * replayed collection does not share.
       */
      paymentsNotCounted: laterPayments.sort(
        (a, b) => a.paidOn.localeCompare(b.paidOn) || a.distributionId.localeCompare(b.distributionId),
      ),
      incomeHistory: monthlyHistory(surveys, payments),
    };
  }
}
