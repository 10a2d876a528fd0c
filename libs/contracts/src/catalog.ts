import { z } from 'zod';
import { cloudEventEnvelopeSchema, CloudEvent } from './envelope';
import { EventDefinition } from './event-definition';
import { HouseholdRegisteredV1 } from './events/household-registered.v1';
import { HouseholdLifecycleTransitionedV1 } from './events/household-lifecycle-transitioned.v1';
import { HouseholdUpdatedV1 } from './events/household-updated.v1';
import { HouseholdCategoryChangedV1 } from './events/household-category-changed.v1';
import { HouseholdMemberAddedV1 } from './events/household-member-added.v1';
import { HouseholdMemberChangedV1 } from './events/household-member-changed.v1';
import { HouseholdMemberRemovedV1 } from './events/household-member-removed.v1';
import { HouseholdPairingChangedV1 } from './events/household-pairing-changed.v1';
import { HouseholdPlanMeasureAddedV1 } from './events/household-plan-measure-added.v1';
import { HouseholdPlanMeasureCompletedV1 } from './events/household-plan-measure-completed.v1';
import { HouseholdCareVisitRecordedV1 } from './events/household-care-visit-recorded.v1';
import { HouseholdClosedV1 } from './events/household-closed.v1';
import { OrgUnitRegisteredV1 } from './events/org-unit-registered.v1';
import { SurveyRecordedV1 } from './events/survey-recorded.v1';
import { AlertRaisedV1 } from './events/alert-raised.v1';
import { AlertResolvedV1 } from './events/alert-resolved.v1';
import { NotificationDeliveredV1 } from './events/notification-delivered.v1';
import { NotificationFailedV1 } from './events/notification-failed.v1';
import { CheckInRecordedV1 } from './events/checkin-recorded.v1';
import { CheckInAcceptedV1 } from './events/checkin-accepted.v1';
import { AttendanceDayComputedV1 } from './events/attendance-day-computed.v1';
import { AttendancePatternFlaggedV1 } from './events/attendance-pattern-flagged.v1';
import { WorkLogRecordedV1 } from './events/worklog-recorded.v1';
import { LeaveDecidedV1 } from './events/leave-decided.v1';
import { InspectionRecordedV1 } from './events/inspection-recorded.v1';
import { InspectionFollowUpChangedV1 } from './events/inspection-follow-up-changed.v1';
import { FundEntryApprovedV1 } from './events/fund-entry-approved.v1';
import { SurveyCorrectedV1 } from './events/survey-corrected.v1';
import { HouseholdIncomeChangedV1 } from './events/household-income-changed.v1';
import { HouseholdIncomeForecastV1 } from './events/household-income-forecast.v1';
import { ProjectDistributionPaidV1 } from './events/project-distribution-paid.v1';
import { ProjectBeneficiaryLinkedV1 } from './events/project-beneficiary-linked.v1';
import { ProjectMilestoneOverdueV1 } from './events/project-milestone-overdue.v1';
import { ProjectSalesStalledV1 } from './events/project-sales-stalled.v1';
import { ProjectBeneficiaryWithoutBenefitV1 } from './events/project-beneficiary-without-benefit.v1';
import { AlertAcknowledgedV1 } from './events/alert-acknowledged.v1';
import { ThresholdSetV1 } from './events/threshold-set.v1';
import { DepartmentFactReceivedV1 } from './events/department-fact-received.v1';
import { CoverageChangedV1 } from './events/coverage-changed.v1';
import { DepartmentFactSubmittedV1 } from './events/department-fact-submitted.v1';
import { SessionRevokedV1 } from './events/session-revoked.v1';
import { AssistanceIncomePaidV1 } from './events/assistance-income-paid.v1';
import { MicrocreditRepaymentOverdueV1 } from './events/microcredit-repayment-overdue.v1';
import { RelocationEmploymentChangedV1 } from './events/relocation-employment-changed.v1';
import { ResidentRequestReceivedV1 } from './events/resident-request-received.v1';
import { ResidentRequestAssignedV1 } from './events/resident-request-assigned.v1';
import { ResidentRequestStatusChangedV1 } from './events/resident-request-status-changed.v1';
import { ResidentRequestDeadlineReachedV1 } from './events/resident-request-deadline-reached.v1';
import { CareRosterMemberAddedV1 } from './events/care-roster-member-added.v1';
import { CareRosterMemberChangedV1 } from './events/care-roster-member-changed.v1';
import { CareRosterMemberRemovedV1 } from './events/care-roster-member-removed.v1';
import { CareFrequenciesSetV1 } from './events/care-frequencies-set.v1';

/** Every event type the platform knows, by type. The one place producers and consumers agree. */
export const EventCatalog: Record<string, EventDefinition> = Object.fromEntries(
  [
    HouseholdRegisteredV1,
    HouseholdLifecycleTransitionedV1,
    HouseholdUpdatedV1,
    HouseholdCategoryChangedV1,
    HouseholdMemberAddedV1,
    HouseholdMemberChangedV1,
    HouseholdMemberRemovedV1,
    HouseholdPairingChangedV1,
    HouseholdPlanMeasureAddedV1,
    HouseholdPlanMeasureCompletedV1,
    HouseholdCareVisitRecordedV1,
    HouseholdClosedV1,
    OrgUnitRegisteredV1,
    SurveyRecordedV1,
    AlertRaisedV1,
    AlertResolvedV1,
    NotificationDeliveredV1,
    NotificationFailedV1,
    CheckInRecordedV1,
    CheckInAcceptedV1,
    AttendanceDayComputedV1,
    AttendancePatternFlaggedV1,
    WorkLogRecordedV1,
    LeaveDecidedV1,
    InspectionRecordedV1,
    InspectionFollowUpChangedV1,
    FundEntryApprovedV1,
    SurveyCorrectedV1,
    HouseholdIncomeChangedV1,
    HouseholdIncomeForecastV1,
    ProjectDistributionPaidV1,
    ProjectBeneficiaryLinkedV1,
    ProjectMilestoneOverdueV1,
    ProjectSalesStalledV1,
    ProjectBeneficiaryWithoutBenefitV1,
    AssistanceIncomePaidV1,
    MicrocreditRepaymentOverdueV1,
    RelocationEmploymentChangedV1,
    AlertAcknowledgedV1,
    ThresholdSetV1,
    DepartmentFactReceivedV1,
    CoverageChangedV1,
    DepartmentFactSubmittedV1,
    SessionRevokedV1,
    ResidentRequestReceivedV1,
    ResidentRequestAssignedV1,
    ResidentRequestStatusChangedV1,
    ResidentRequestDeadlineReachedV1,
    CareRosterMemberAddedV1,
    CareRosterMemberChangedV1,
    CareRosterMemberRemovedV1,
    CareFrequenciesSetV1,
  ].map((d) => [d.type, d as EventDefinition]),
);

export function eventTypesOfTopic(topic: string): string[] {
  return Object.values(EventCatalog)
    .filter((d) => d.topic === topic)
    .map((d) => d.type);
}

export type DecodeResult = { ok: true; event: CloudEvent; known: boolean } | { ok: false; reason: string };

function describe(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((i) => `${[prefix, ...i.path].filter((p) => p !== '').join('.')}: ${i.message}`)
    .join('; ');
}

/**
 * Parses and validates a record value: envelope first, then the data against its type's schema.
 * A type the catalog does not know passes with known=false (a newer producer); the caller decides.
 */
export function decodeEvent(value: Buffer | string | null): DecodeResult {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty record value' };
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (e) {
    return { ok: false, reason: `value is not JSON: ${(e as Error).message}` };
  }
  const envelope = cloudEventEnvelopeSchema.safeParse(json);
  if (!envelope.success)
    return { ok: false, reason: `invalid CloudEvent envelope: ${describe(envelope.error, '')}` };
  const def = EventCatalog[envelope.data.type];
  if (!def) return { ok: true, event: envelope.data as CloudEvent, known: false };
  const data = def.schema.safeParse(envelope.data.data);
  if (!data.success)
    return { ok: false, reason: `invalid ${def.type} data: ${describe(data.error, 'data')}` };
  return { ok: true, event: { ...(envelope.data as CloudEvent), data: data.data }, known: true };
}

/** Validates an event we are about to publish; throws on a contract violation (a bug in the producer). */
export function assertValidEvent(event: CloudEvent): void {
  const def = EventCatalog[event.type];
  if (!def) throw new Error(`unknown event type ${event.type}`);
  const envelope = cloudEventEnvelopeSchema.safeParse(event);
  if (!envelope.success)
    throw new Error(`invalid envelope for ${event.type}: ${describe(envelope.error, '')}`);
  const data = def.schema.safeParse(event.data);
  if (!data.success) throw new Error(`invalid ${event.type}: ${describe(data.error, 'data')}`);
}
