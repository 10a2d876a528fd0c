import { assistanceEvent, closedReason, measureStatus, orgOf, today } from './assistance';

describe('一户一策 measures and assistance records', () => {
  const m = { startOn: '2026-03-01', dueOn: '2026-06-30' };

  it('gives a measure its status on a day', () => {
    expect(measureStatus(m, false, '2026-02-28')).toBe('planned');
    expect(measureStatus(m, false, '2026-03-01')).toBe('in_progress');
    expect(measureStatus(m, false, '2026-06-30')).toBe('in_progress');
    expect(measureStatus(m, false, '2026-07-01')).toBe('overdue');
    expect(measureStatus(m, true, '2026-07-01')).toBe('completed');
  });

  it('refuses records on a closed household, naming the day it closed', () => {
    expect(closedReason({})).toBeNull();
    expect(closedReason({ status: 'closed', closure: { on: '2026-05-01' } })).toContain('2026-05-01');
  });

  it("files a record and its event under the household's units", () => {
    const h = { _id: 'h1', countyCode: '530102', townCode: '530102001', villageCode: '530102001001' };
    expect(orgOf({ ...h, status: 'active' })).toEqual({
      countyCode: '530102',
      townCode: '530102001',
      villageCode: '530102001001',
    });
    const at = new Date('2026-05-02T03:04:05Z');
    const e = assistanceEvent('household.plan-measure-added.v1', h, { measureId: 'm1' }, at);
    expect(e).toMatchObject({
      type: 'household.plan-measure-added.v1',
      subject: 'h1',
      townid: '530102001',
      villageid: '530102001001',
      data: { householdId: 'h1', villageCode: '530102001001', measureId: 'm1', at: at.toISOString() },
    });
    expect(today(at)).toBe('2026-05-02');
  });
});
