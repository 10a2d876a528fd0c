import { AlertAcknowledgedV1, AlertRaisedV1, AlertResolvedV1, createEvent } from '@lib/contracts';
import type { UpdateFilter } from 'mongodb';
import { Alert } from './alert.schema';
import { AlertResolution } from './alert-resolution.schema';

/** A change to an alert and the event that tells it (they go in one single-document write). */
export interface AlertChange<E> {
  update: UpdateFilter<Alert>;
  event: E;
}

/** alert.raised.v1 for an alert (its id derives from the alert's, so a re-raise names the same event). */
export function alertRaisedEvent(a: Alert): AlertRaisedV1 {
  return createEvent({
    type: AlertRaisedV1.type,
    source: 'rules',
    subject: a.subjectId,
    townId: a.townCode,
    villageId: a.villageCode,
    id: `alert-raised-${a._id}`,
    time: a.raisedAt,
    data: {
      alertId: a._id,
      ruleId: a.ruleId,
      ruleVersion: a.ruleVersion,
      severity: a.severity,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      townCode: a.townCode,
      villageCode: a.villageCode,
      period: a.period,
      title: a.title,
      message: a.message,
      explanation: a.explanation as AlertRaisedV1['data']['explanation'],
      recipientRoles: a.recipientRoles,
      raisedAt: a.raisedAt.toISOString(),
      ...(a.escalateAfterMinutes ? { escalateAfterMinutes: a.escalateAfterMinutes } : {}),
      ...(a.recipientUsers?.length ? { recipientUsers: a.recipientUsers } : {}),
    },
  });
}

/**
 * The update that acknowledges an open alert and its alert.acknowledged.v1 (written together, the
 * event in the document's outbox); apply it with the filter `{ _id, status: 'open' }`.
 */
export function acknowledgeAlertUpdate(
  a: Alert,
  by: string,
  at: Date,
  note?: string,
): AlertChange<AlertAcknowledgedV1> {
  const event: AlertAcknowledgedV1 = createEvent({
    type: AlertAcknowledgedV1.type,
    source: 'rules',
    subject: a.subjectId,
    townId: a.townCode,
    villageId: a.villageCode,
    id: `alert-acknowledged-${a._id}`,
    time: at,
    data: {
      alertId: a._id,
      ruleId: a.ruleId,
      subjectId: a.subjectId,
      acknowledgedBy: by,
      ...(note ? { note } : {}),
      acknowledgedAt: at.toISOString(),
    },
  });
  return {
    update: {
      $set: {
        status: 'acknowledged',
        acknowledgedAt: at,
        acknowledgedBy: by,
        ...(note ? { acknowledgementNote: note } : {}),
      },
    },
    event,
  };
}

/**
 * An unresolved alert resolved: its record as it stands resolved (inserted into alert_resolutions, the
 * alert then removed from the unresolved alerts) and its alert.resolved.v1 (inserted together). The
 * record gives up the open key (keeping it as `key|alertId`), so the subject may be alerted again for
 * the rule and period.
 */
export function alertResolution(
  a: Alert,
  resolution: 'auto' | 'manual',
  at: Date,
  note?: string,
  by?: string,
): { record: AlertResolution; event: AlertResolvedV1 } {
  const event: AlertResolvedV1 = createEvent({
    type: AlertResolvedV1.type,
    source: 'rules',
    subject: a.subjectId,
    townId: a.townCode,
    villageId: a.villageCode,
    id: `alert-resolved-${a._id}`,
    time: at,
    data: {
      alertId: a._id,
      ruleId: a.ruleId,
      subjectId: a.subjectId,
      resolution,
      ...(note ? { note } : {}),
      resolvedAt: at.toISOString(),
    },
  });
  return {
    record: {
      ...a,
      status: 'resolved',
      resolvedAt: at,
      resolution,
      resolvedBy: by ?? null,
      resolutionNote: note ?? null,
      openKey: `${a.openKey}|${a._id}`,
    },
    event,
  };
}
