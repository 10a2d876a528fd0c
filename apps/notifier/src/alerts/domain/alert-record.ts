import {
  AlertAcknowledgedV1,
  AlertRaisedV1,
  AlertResolvedV1,
  CloudEvent,
  DataOf,
  orgUnitsOfVillage,
} from '@lib/contracts';
import { KeyedFold } from '@lib/persistence/replay/keyed-fold';
import type { AlertState } from '../alerts.schema';
import { EscalationDefaults, escalationMinutesOf } from './escalation-policy';

/** What a raise says of an alert (written on every raise; the status only when it is first seen). */
export type RaisedFacts = Omit<AlertState, '_id' | 'status' | 'acknowledgedAt' | 'resolvedAt'>;

/** The facts of a raised alert, with the escalation interval in force (its own, else its severity's default). */
export function raisedFacts(a: DataOf<typeof AlertRaisedV1>, defaults: EscalationDefaults): RaisedFacts {
  return {
    countyCode: orgUnitsOfVillage(a.villageCode).countyCode,
    townCode: a.townCode,
    villageCode: a.villageCode,
    subjectId: a.subjectId,
    ruleId: a.ruleId,
    severity: a.severity,
    title: a.title,
    message: a.message,
    recipientRoles: a.recipientRoles,
    escalateAfterMinutes: escalationMinutesOf(a, defaults),
    raisedAt: new Date(a.raisedAt),
  };
}

/** An alert first seen raised: open. */
export const openAlert = (alertId: string, facts: RaisedFacts): AlertState => ({
  _id: alertId,
  ...facts,
  status: 'open',
  acknowledgedAt: null,
  resolvedAt: null,
});

/** What a stub (an alert whose raise was not seen) holds besides its status. */
export const ALERT_STUB: Omit<AlertState, '_id' | 'status'> = {
  countyCode: null,
  townCode: null,
  villageCode: null,
  subjectId: null,
  ruleId: null,
  severity: null,
  title: null,
  message: null,
  recipientRoles: [],
  escalateAfterMinutes: 0,
  raisedAt: null,
  acknowledgedAt: null,
  resolvedAt: null,
};

/**
 * Folds rules.alerts.v1 into the notifier's alert records as the live consumer writes them
 * (AlertStatesStore): a raise creates the alert open, or rewrites the facts of one known (its status
 * kept: a redelivered raise never reopens it); an acknowledgement moves an open alert to acknowledged,
 * or leaves a stub when the raise was not seen, and changes nothing otherwise; a resolution makes any
 * alert resolved (a bare record when none was known). The record only: nothing is sent, no escalation
 * scheduled or removed.
 */
export class AlertsFold extends KeyedFold<AlertState> {
  constructor(private readonly defaults: EscalationDefaults) {
    super();
  }

  protected fold(e: CloudEvent): string[] {
    if (e.type === AlertRaisedV1.type) {
      const d = e.data as DataOf<typeof AlertRaisedV1>;
      const facts = raisedFacts(d, this.defaults);
      const known = this.documents.get(d.alertId);
      if (known) Object.assign(known, facts);
      else this.documents.set(d.alertId, openAlert(d.alertId, facts));
      return [d.alertId];
    }
    if (e.type === AlertAcknowledgedV1.type) {
      const d = e.data as DataOf<typeof AlertAcknowledgedV1>;
      const known = this.documents.get(d.alertId);
      const at = new Date(d.acknowledgedAt);
      if (!known)
        this.documents.set(d.alertId, {
          _id: d.alertId,
          ...ALERT_STUB,
          status: 'acknowledged',
          acknowledgedAt: at,
        });
      else if (known.status === 'open') Object.assign(known, { status: 'acknowledged', acknowledgedAt: at });
      else return [];
      return [d.alertId];
    }
    if (e.type === AlertResolvedV1.type) {
      const d = e.data as DataOf<typeof AlertResolvedV1>;
      const resolved = { status: 'resolved' as const, resolvedAt: new Date(d.resolvedAt) };
      const known = this.documents.get(d.alertId);
      // an alert never seen: the live upsert writes only these two fields
      if (known) Object.assign(known, resolved);
      else this.documents.set(d.alertId, { _id: d.alertId, ...resolved } as AlertState);
      return [d.alertId];
    }
    return [];
  }
}
