import { checkDistribution } from './distribution-rules';

const project = { startsOn: '2026-03-01' };
const dividend = { _id: 'b1', kind: 'dividend', startsOn: '2026-03-01', endsOn: null };
const wage = { _id: 'b2', kind: 'wage', startsOn: '2026-04-01', endsOn: '2026-09-30' };
const today = '2026-11-28';

describe('who a project may pay', () => {
  it('pays a beneficiary of that kind within the benefit period', () => {
    expect(
      checkDistribution(project, [dividend, wage], { kind: 'wage', paidOn: '2026-09-30' }, today),
    ).toEqual({
      ok: true,
      link: wage,
    });
  });

  it.each([
    [[], 'dividend', '2026-10-01', 'householdId', /不是本项目的受益户/],
    [[dividend], 'wage', '2026-10-01', 'kind', /does not benefit by wage/],
    [[dividend, wage], 'wage', '2026-10-01', 'paidOn', /不在受益期 2026-04-01–2026-09-30 内/],
    [[dividend], 'dividend', '2026-02-28', 'paidOn', /不能早于项目开始日期/],
    [[dividend], 'dividend', '2026-11-29', 'paidOn', /不能晚于今天/],
  ])('refuses %#: field %s', (links, kind, paidOn, field, reason) => {
    const r = checkDistribution(project, links, { kind: kind as string, paidOn: paidOn as string }, today);
    expect(r).toEqual({ ok: false, problem: { field, reason: expect.stringMatching(reason as RegExp) } });
  });
});
