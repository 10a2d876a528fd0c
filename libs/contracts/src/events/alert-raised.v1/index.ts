import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { Severity, TownCode, VillageCode } from '../../domain';

export const AlertFact = z.object({
  name: z.string(),
  label: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});

/** An alert was raised by a rule. Subject: the alert's subject (householdId). */
export const AlertRaisedV1 = defineEvent({
  type: 'alert.raised.v1',
  topic: Topics.rulesAlerts,
  key: 'subject',
  schema: z.object({
    alertId: z.string().min(1),
    ruleId: z.string().min(1),
    ruleVersion: z.number().int().positive(),
    severity: Severity,
    subjectType: z.enum(['household', 'team-member', 'resident-request', 'care-member']),
    subjectId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    period: z.string().min(1),
    title: z.string().min(1),
    message: z.string().min(1),
    /** Why: the facts and values that made the rule true. */
    explanation: z.array(AlertFact),
    recipientRoles: z.array(z.string()),
    raisedAt: z.iso.datetime({ offset: true }),
    /** Send again one level up when nobody acknowledged it within this time (from the rule). */
    escalateAfterMinutes: z.number().int().positive().optional(),
    /** Named people the alert is for besides the roles (a resident request's assignee), told on their own contact. */
    recipientUsers: z.array(z.object({ userId: z.string().min(1), name: z.string().min(1) })).optional(),
  }),
});
export type AlertRaisedV1 = EventOf<typeof AlertRaisedV1>;
