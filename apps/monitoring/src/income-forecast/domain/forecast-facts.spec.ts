import { PaymentFact } from '../../household-income/domain/income-figure';
import { dividendShocks, shocksOf } from './forecast-facts';

const pay = (projectId: string, paidOn: string, amount: number, kind = 'dividend'): PaymentFact => ({
  distributionId: `${projectId}:${paidOn}`,
  projectId,
  projectName: '三联村冷水鱼养殖',
  kind,
  component: 'property',
  amount,
  paidOn,
});

describe('the forecast’s facts from monitoring’s records', () => {
  it('names who a department’s fact is about by the relation households recorded: 户主, 配偶, else 家庭成员', () => {
    const members = [
      { memberId: 'm1', relation: 'head' },
      { memberId: 'm2', relation: 'spouse' },
    ];
    const fact = (memberId: string | null) => ({
      kind: 'medical_out_of_pocket',
      memberId,
      amount: 18400,
      occurredOn: '2026-10-08',
      period: null,
      detail: {},
    });
    const who = (memberId: string | null) =>
      (shocksOf([fact(memberId)], [], members)[0] as { who: string }).who;
    expect(who('m1')).toBe('户主');
    expect(who('m2')).toBe('配偶');
    expect(who('m9')).toBe('家庭成员');
    expect(who(null)).toBe('家庭成员');
  });

  it('a dividend link unpaid this year is last year’s payments from that project; none known, no shock', () => {
    const gap = {
      projectId: 'p1',
      projectName: '三联村冷水鱼养殖',
      kind: 'dividend',
      year: 2026,
      detectedOn: '2026-12-03',
    };
    const payments = [
      pay('p1', '2024-12-18', 2000),
      pay('p1', '2025-12-20', 2400),
      pay('p1', '2025-06-20', 600),
      pay('p2', '2025-12-01', 900),
    ];
    expect(dividendShocks([gap], payments)).toEqual([
      {
        kind: 'dividend_stopped',
        on: '2026-12-03',
        projectName: '三联村冷水鱼养殖',
        amount: 3000,
        lastPaidOn: '2025-12-20',
      },
    ]);
    expect(dividendShocks([gap], [pay('p2', '2025-12-01', 900)])).toEqual([]);
    expect(dividendShocks([{ ...gap, kind: 'land_lease' }], payments)).toEqual([]);
  });
});
