import { overdueMilestones, ProjectView, stalledSales, withoutBenefit } from './progress-rules';

const fish: ProjectView = {
  _id: 'p1',
  name: '冷水鱼二期',
  status: 'active',
  townCode: '621299101',
  villageCode: '621299101201',
  startsOn: '2026-03-01',
  milestones: [
    { milestoneId: 'm1', title: '鱼池改造', dueOn: '2026-05-01', completedOn: '2026-04-20' },
    { milestoneId: 'm2', title: '投苗', dueOn: '2026-10-01', completedOn: null },
    { milestoneId: 'm3', title: '上市', dueOn: '2026-12-01', completedOn: null },
  ],
};
const link = (id: string, startsOn: string, endsOn: string | null = null) => ({
  _id: id,
  projectId: 'p1',
  householdId: `h-${id}`,
  householdTownCode: '621299101',
  householdVillageCode: '621299101201',
  kind: 'dividend',
  startsOn,
  endsOn,
});

describe('progress findings', () => {
  it('finds overdue milestones of projects under way, with a key per milestone and due date', () => {
    const found = overdueMilestones([fish, { ...fish, _id: 'p2', status: 'completed' }], '2026-11-28');
    expect(found).toEqual([
      expect.objectContaining({ key: 'milestone-overdue:p1:m2:2026-10-01', daysOverdue: 58, title: '投苗' }),
    ]);
  });

  it('finds active projects without sales for N months, once per month', () => {
    const last = new Map([['p1', '2026-08-28']]);
    expect(stalledSales([fish], last, 3, '2026-11-27')).toEqual([]);
    expect(stalledSales([fish], last, 3, '2026-11-28')).toEqual([
      expect.objectContaining({ key: 'sales-stalled:p1:2026-11', lastSaleOn: '2026-08-28', months: 3 }),
    ]);
    // never sold: counted from the start
    expect(stalledSales([fish], new Map(), 3, '2026-06-01')).toHaveLength(1);
    expect(stalledSales([{ ...fish, status: 'planning' }], new Map(), 3, '2026-06-01')).toEqual([]);
  });

  it('finds links in force with nothing paid this year after the grace period, once per year', () => {
    const links = [
      link('paid', '2026-03-01'),
      link('new', '2026-10-01'),
      link('old', '2026-03-01'),
      link('ended', '2026-03-01', '2026-06-30'),
    ];
    const found = withoutBenefit([fish], links, new Set(['paid']), 90, '2026-11-28');
    expect(found.map((f) => f.key)).toEqual(['without-benefit:old:2026']);
    // early in a year the grace runs from 1 January
    expect(withoutBenefit([fish], [link('old', '2025-03-01')], new Set(), 90, '2027-02-01')).toEqual([]);
  });
});
