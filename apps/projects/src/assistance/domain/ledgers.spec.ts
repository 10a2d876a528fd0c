import {
  componentOf,
  employedLabour,
  Installment,
  LedgerEntry,
  maskAccount,
  monthsOf,
  monthsWorked,
  newlyOverdue,
  nextWatchedDue,
  outstanding,
  paidToHousehold,
  scheduleOf,
  scheduleProblem,
  wageFor,
} from './ledgers';

const entry = (e: Partial<LedgerEntry>): LedgerEntry => ({
  _id: 'e1',
  kind: 'wage',
  amount: null,
  paidOn: null,
  householdId: null,
  detail: {},
  recordedBy: 'u',
  recordedAt: new Date(0),
  ...e,
});

describe('帮扶台账 domain', () => {
  it('counts the money of each ledger as the component of the 收入台账 it is', () => {
    expect(componentOf('public_welfare_job', 'wage')).toBe('wage');
    expect(componentOf('education_subsidy', 'subsidy')).toBe('transfer');
    expect(componentOf('consumption', 'purchase')).toBe('business');
    expect(componentOf('collective_economy', 'distribution')).toBe('property');
    expect(componentOf('microcredit', 'repayment')).toBeNull();
    expect(componentOf('relocation', 'employment')).toBeNull();
  });

  it('公益岗位: 500 元/月 for 6 months is 3000 元, months worked add up', () => {
    expect(wageFor(500, 6)).toBe(3000);
    expect(wageFor(833.33, 3)).toBe(2499.99);
    expect(monthsWorked([entry({ detail: { months: 6 } }), entry({ detail: { months: 2 } })])).toBe(8);
    expect(monthsOf('2026-11', 3)).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  it('小额信贷: one repayment at maturity by default; a given schedule must add up and fall within the term', () => {
    expect(scheduleOf(50000, '2025-11-30', 3, undefined)).toEqual([
      { dueOn: '2026-02-28', amount: 50000, paidOn: null, overdueSince: null },
    ]);
    expect(scheduleProblem(1000, '2026-01-01', 12, [{ dueOn: '2026-06-01', amount: 400 }])?.field).toBe('schedule');
    expect(scheduleProblem(1000, '2026-01-01', 12, [{ dueOn: '2027-06-01', amount: 1000 }])?.field).toBe(
      'schedule.0.dueOn',
    );
    expect(scheduleProblem(1000, '2026-01-01', 12, [{ dueOn: '2026-06-01', amount: 1000 }])).toBeNull();
  });

  it('小额信贷逾期: due before today and unpaid, announced once', () => {
    const s: Installment[] = [
      { dueOn: '2026-06-01', amount: 500, paidOn: '2026-05-30', overdueSince: null },
      { dueOn: '2026-11-01', amount: 500, paidOn: null, overdueSince: null },
      { dueOn: '2027-01-01', amount: 500, paidOn: null, overdueSince: null },
    ];
    expect(newlyOverdue(s, '2026-11-01')).toEqual([]);
    expect(newlyOverdue(s, '2026-11-02').map((i) => i.dueOn)).toEqual(['2026-11-01']);
    const announced = s.map((i) => (i.dueOn === '2026-11-01' ? { ...i, overdueSince: '2026-11-02' } : i));
    expect(newlyOverdue(announced, '2026-12-01')).toEqual([]);
    expect(nextWatchedDue(s)).toBe('2026-11-01');
    expect(nextWatchedDue(announced)).toBe('2027-01-01');
    expect(outstanding(s)).toBe(1000);
  });

  it('易地搬迁: employed labour counts members at work now', () => {
    const job = (name: string, endedOn: string | null = null) =>
      entry({ kind: 'employment', detail: { memberName: name, endedOn } });
    expect(employedLabour([job('甲'), job('甲'), job('乙', '2026-10-01'), entry({ kind: 'visit' })])).toBe(1);
  });

  it('masks account numbers and sums what a household was paid by ledger', () => {
    expect(maskAccount('6228480012345678')).toBe('6228****5678');
    expect(
      paidToHousehold(
        [
          { ledger: 'consumption', householdId: 'h1', details: { amount: 600 }, entries: [] },
          {
            ledger: 'collective_economy',
            householdId: null,
            details: {},
            entries: [
              entry({ kind: 'distribution', amount: 300, householdId: 'h1' }),
              entry({ kind: 'distribution', amount: 200, householdId: 'h2' }),
            ],
          },
          { ledger: 'public_welfare_job', householdId: 'h1', details: {}, entries: [entry({ amount: 3000 })] },
        ],
        'h1',
      ),
    ).toEqual({ consumption: 600, collective_economy: 300, public_welfare_job: 3000 });
  });
});
