import { alertAcknowledged, alertRaised, alertResolved } from '@lib/testing';
import { AlertsFold, ALERT_STUB } from './alert-record';

const DEFAULTS = { high: 120, medium: 1440, low: 0 };
const raise = (alertId: string, over: Record<string, unknown> = {}) =>
  alertRaised({
    alertId,
    subjectId: `hh-${alertId}`,
    villageCode: '621299101201',
    townCode: '621299101',
    ...over,
  });

/** The replay folds rules.alerts.v1 as the live consumer writes the records (AlertStatesStore). */
describe('alert records fold (replay)', () => {
  it('raised open with its facts; acknowledged and resolved as the live store; redelivered raises never reopen', () => {
    const fold = new AlertsFold(DEFAULTS);
    const a = raise('a-1', { severity: 'high', raisedAt: '2026-05-01T08:00:00Z' });
    const applied = fold.apply([
      a,
      raise('a-2', { severity: 'low', escalateAfterMinutes: 30 }),
      alertAcknowledged({ alertId: 'a-1', acknowledgedAt: '2026-05-01T09:00:00Z' }),
      alertAcknowledged({ alertId: 'a-1', acknowledgedAt: '2026-05-01T10:00:00Z' }), // not open: nothing
      raise('a-1', { severity: 'high', raisedAt: '2026-05-01T08:00:00Z', message: '改' }), // redelivered
      alertResolved({ alertId: 'a-2', resolvedAt: '2026-05-02T08:00:00Z' }),
      alertAcknowledged({ alertId: 'a-2', acknowledgedAt: '2026-05-03T08:00:00Z' }), // resolved: nothing
    ]);
    expect(applied).toBe(5);
    expect(fold.documents.get('a-1')).toEqual({
      _id: 'a-1',
      status: 'acknowledged',
      countyCode: '621299',
      townCode: '621299101',
      villageCode: '621299101201',
      subjectId: a.data.subjectId,
      ruleId: a.data.ruleId,
      severity: 'high',
      title: a.data.title,
      message: '改',
      recipientRoles: a.data.recipientRoles,
      escalateAfterMinutes: 120, // the severity's default
      raisedAt: new Date('2026-05-01T08:00:00Z'),
      acknowledgedAt: new Date('2026-05-01T09:00:00Z'),
      resolvedAt: null,
    });
    expect(fold.documents.get('a-2')).toMatchObject({
      status: 'resolved',
      escalateAfterMinutes: 30, // its own
      acknowledgedAt: null,
      resolvedAt: new Date('2026-05-02T08:00:00Z'),
    });
  });

  it('an acknowledgement seen first leaves a stub; a resolution seen first a bare record; the raise then adds its facts', () => {
    const fold = new AlertsFold(DEFAULTS);
    fold.apply([
      alertAcknowledged({ alertId: 's-1', acknowledgedAt: '2026-05-01T09:00:00Z' }),
      alertResolved({ alertId: 's-2', resolvedAt: '2026-05-01T09:00:00Z' }),
      raise('s-2', { severity: 'low' }),
    ]);
    expect(fold.documents.get('s-1')).toEqual({
      _id: 's-1',
      ...ALERT_STUB,
      status: 'acknowledged',
      acknowledgedAt: new Date('2026-05-01T09:00:00Z'),
    });
    const s2 = fold.documents.get('s-2')!;
    expect(s2).toMatchObject({ status: 'resolved', severity: 'low', escalateAfterMinutes: 0 });
    expect('acknowledgedAt' in s2).toBe(false); // the live upsert wrote only status and resolvedAt
  });
});
