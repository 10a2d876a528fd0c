import { AlertRaisedV1, AlertResolvedV1, createEvent } from '@lib/contracts';
import { outboxOnUpdate } from '@lib/messaging';
import { Alert, openKeyOf } from './alert.schema';

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
    },
  });
}

/**
 * The single-document update that resolves an open alert and carries its alert.resolved.v1 in the
 * outbox; apply it with the filter `{ _id, status: { $ne: 'resolved' } }`.
 */
export function resolveAlertUpdate(a: Alert, resolution: 'auto' | 'manual', at: Date, note?: string) {
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
  const outbox = outboxOnUpdate([event]);
  return {
    $set: {
      status: 'resolved',
      resolvedAt: at,
      resolution,
      openKey: `${openKeyOf(a.subjectId, a.ruleId)}|${a._id}`,
      ...outbox.$set,
    },
    $push: outbox.$push,
  };
}
