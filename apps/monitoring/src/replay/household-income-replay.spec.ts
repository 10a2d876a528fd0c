import { assistanceIncomePaid, householdIncomeChanged, projectDistributionPaid } from '@lib/testing';
import { HouseholdIncomeFold } from './household-income-replay';

const at = new Date('2026-11-02T03:00:00Z');

/** The replay folds the payments as CountPayment writes them (household-income/use-cases/count-payment.usecase.ts). */
describe('household income fold (replay)', () => {
  it('keeps the first event per distributionId, as its component, with the log’s announcement', () => {
    const fold = new HouseholdIncomeFold();
    const paid = projectDistributionPaid(
      { distributionId: 'd-1', householdId: 'hh-1', kind: 'dividend', amount: 1500, paidOn: '2026-11-02' },
      { time: at },
    );
    const applied = fold.apply([
      paid,
      // another event with the same distributionId (or the same redelivered) counts once
      projectDistributionPaid({ distributionId: 'd-1', householdId: 'hh-1', amount: 9999 }),
      assistanceIncomePaid({
        paymentId: 'a-1',
        householdId: 'hh-1',
        ledger: 'public_welfare_job',
        component: 'wage',
      }),
      householdIncomeChanged({ householdId: 'hh-1', cause: { kind: 'project-distribution', id: 'd-1' } }),
      householdIncomeChanged({ householdId: 'hh-1', cause: { kind: 'survey', id: 'd-1' } }), // not a payment's
    ]);
    expect(applied).toBe(3); // two records, and d-1's announcement
    expect([...fold.changed].sort()).toEqual(['a-1', 'd-1']);
    expect(fold.payments.get('d-1')).toEqual({
      _id: 'd-1',
      householdId: 'hh-1',
      countyCode: '621299',
      townCode: paid.data.townCode,
      villageCode: paid.data.villageCode,
      projectId: paid.data.projectId,
      projectName: paid.data.projectName,
      kind: 'dividend',
      component: 'property',
      amount: 1500,
      paidOn: '2026-11-02',
      recordedBy: paid.data.recordedBy,
      eventId: paid.id,
      receivedAt: at,
      changedFigure: true,
      replayed: true,
    });
    expect(fold.payments.get('a-1')).toMatchObject({
      kind: 'public_welfare_job',
      component: 'wage',
      changedFigure: false,
    });
  });

  it('an announcement read before its payment (another topic) still marks it; a later one is a change', () => {
    const fold = new HouseholdIncomeFold();
    fold.apply([householdIncomeChanged({ cause: { kind: 'assistance-payment', id: 'a-2' } })]);
    fold.apply([
      assistanceIncomePaid({ paymentId: 'a-2' }),
      projectDistributionPaid({ distributionId: 'd-3' }),
    ]);
    expect(fold.payments.get('a-2')?.changedFigure).toBe(true);
    fold.changed.clear();
    expect(fold.apply([householdIncomeChanged({ cause: { kind: 'project-distribution', id: 'd-3' } })])).toBe(
      1,
    );
    expect([...fold.changed]).toEqual(['d-3']);
    expect(fold.payments.get('d-3')?.changedFigure).toBe(true);
  });
});
