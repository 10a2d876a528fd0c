import { createHash } from 'node:crypto';
import { orgUnitsOfVillage, SurveyRecordedV1 } from '@lib/contracts';
import { Alert, openKeyOf } from '../alerts/alert.schema';
import { INCOME_BELOW_LINE } from './income-below-line';

/** A deterministic alert id: the same triggering event always names the same alert. */
export function alertIdOf(eventId: string, ruleId: string): string {
  return createHash('sha256').update(`${ruleId}|${eventId}`).digest('hex').slice(0, 32);
}

/** The open income alert a breaching survey raises, with the evaluation's message and facts. */
export function newIncomeAlert(
  e: SurveyRecordedV1,
  result: { message: string; facts: Alert['explanation'] },
  raisedAt = new Date(),
): Alert {
  const d = e.data;
  return {
    _id: alertIdOf(e.id, INCOME_BELOW_LINE.id),
    ruleId: INCOME_BELOW_LINE.id,
    ruleVersion: INCOME_BELOW_LINE.version,
    severity: INCOME_BELOW_LINE.severity,
    subjectType: 'household',
    subjectId: d.householdId,
    countyCode: orgUnitsOfVillage(d.villageCode).countyCode,
    townCode: d.townCode,
    villageCode: d.villageCode,
    period: d.month,
    title: INCOME_BELOW_LINE.title,
    message: result.message,
    explanation: result.facts,
    recipientRoles: INCOME_BELOW_LINE.recipientRoles,
    status: 'open',
    openKey: openKeyOf(d.householdId, INCOME_BELOW_LINE.id),
    triggeredBy: e.id,
    raisedAt,
    resolvedAt: null,
    resolution: null,
  };
}
