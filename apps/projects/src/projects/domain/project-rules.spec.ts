import { checkMilestoneDates, checkPlan, milestoneStatus } from './project-rules';

describe('project plan rules', () => {
  it('computes milestone status: done, overdue once the due date passed, planned otherwise', () => {
    expect(milestoneStatus({ dueOn: '2026-05-01', completedOn: '2026-06-01' }, '2026-11-28')).toBe('done');
    expect(milestoneStatus({ dueOn: '2026-11-27', completedOn: null }, '2026-11-28')).toBe('overdue');
    expect(milestoneStatus({ dueOn: '2026-11-28', completedOn: null }, '2026-11-28')).toBe('planned');
  });

  it('refuses milestones before the project start, naming each one', () => {
    const { problems } = checkPlan({
      startsOn: '2026-03-01',
      endsOn: null,
      fundSources: [],
      milestones: [
        { dueOn: '2026-04-01', completedOn: null },
        { dueOn: '2026-02-28', completedOn: null },
      ],
    });
    expect(problems).toEqual([
      { field: 'milestones.1.dueOn', reason: expect.stringMatching(/不能早于项目开始日期 2026-03-01/) },
    ]);
    expect(checkMilestoneDates({ dueOn: '2026-03-05', completedOn: '2026-02-01' }, '2026-03-01')).toEqual([
      { field: 'completedOn', reason: expect.any(String) },
    ]);
  });

  it('takes the budget from the fund sources in fen, or checks that they add up to it', () => {
    const plan = { startsOn: '2026-03-01', endsOn: '2027-03-01', milestones: [] };
    const sources = [{ amount: 0.1 }, { amount: 0.2 }, { amount: 300000 }];
    expect(checkPlan({ ...plan, fundSources: sources })).toEqual({ problems: [], budget: 300000.3 });
    expect(checkPlan({ ...plan, fundSources: sources, budget: 300000.3 }).problems).toEqual([]);
    expect(checkPlan({ ...plan, fundSources: sources, budget: 300000 }).problems).toEqual([
      {
        field: 'fundSources',
        reason: expect.stringMatching(/资金来源合计 300000.3 元与总投资 300000 元不符/),
      },
    ]);
    expect(checkPlan({ ...plan, endsOn: '2026-01-01', fundSources: [] }).problems[0].field).toBe('endsOn');
  });
});
