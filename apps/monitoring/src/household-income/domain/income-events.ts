import { createHash } from 'node:crypto';
import { createEvent, HouseholdIncomeChangedV1 } from '@lib/contracts';
import { changesOf, IncomeFigure, PaymentFact, sameFigure, SurveyFact } from './income-figure';

/** A UUID-shaped id derived from its parts: the same cause always gives the same event id. */
export function deterministicId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface IncomeChange {
  householdId: string;
  townCode: string;
  villageCode: string;
  /** The figure before and after the cause, and the facts after it (for the change ratios). */
  before: IncomeFigure | null;
  after: IncomeFigure | null;
  surveys: SurveyFact[];
  payments: PaymentFact[];
  cause: {
    kind: 'survey' | 'survey-correction' | 'project-distribution' | 'assistance-payment';
    id: string;
    revision?: number;
  };
  time: Date;
}

/** household-income.changed.v1 when the figure changed (null otherwise), with a deterministic id. */
export function incomeChangedEvent(c: IncomeChange): HouseholdIncomeChangedV1 | null {
  const f = c.after;
  if (!f || sameFigure(c.before, f)) return null;
  return createEvent({
    id: deterministicId(
      'household-income.changed.v1',
      c.cause.kind,
      c.cause.id,
      String(c.cause.revision ?? ''),
    ),
    type: HouseholdIncomeChangedV1.type,
    source: 'monitoring',
    subject: c.householdId,
    townId: c.townCode,
    villageId: c.villageCode,
    time: c.time,
    data: {
      householdId: c.householdId,
      townCode: c.townCode,
      villageCode: c.villageCode,
      month: f.month,
      asOf: c.time.toISOString(),
      income: f.income,
      netIncome: f.netIncome,
      residentMembers: f.residentMembers,
      perCapitaNetIncome: f.perCapitaNetIncome,
      previousPerCapitaNetIncome: c.before?.perCapitaNetIncome ?? null,
      ...changesOf(f, c.surveys, c.payments),
      cause: { kind: c.cause.kind, id: c.cause.id },
      lastSurveyId: f.lastSurveyId,
    },
  });
}
