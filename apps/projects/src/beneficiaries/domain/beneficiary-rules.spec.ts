import { checkLink } from './beneficiary-rules';

const project = { townCode: '511702101', startsOn: '2026-01-01', endsOn: '2028-12-31' };
const household = { townCode: '511702101' };
const link = (over: Partial<Parameters<typeof checkLink>[2]> = {}) => ({
  kind: 'dividend',
  sharePercent: 10,
  startsOn: '2026-03-01',
  endsOn: null,
  ...over,
});

describe('受益户 links', () => {
  it('links a household of the project town within the project period', () => {
    expect(checkLink(project, household, link(), [])).toBeNull();
  });

  it('refuses a household of another town', () => {
    expect(checkLink(project, { townCode: '511702102' }, link(), [])?.field).toBe('householdId');
  });

  it('refuses a benefit starting before the project or ending after it', () => {
    expect(checkLink(project, household, link({ startsOn: '2025-12-31' }), [])?.field).toBe('startsOn');
    expect(checkLink(project, household, link({ endsOn: '2029-01-01' }), [])?.field).toBe('endsOn');
  });

  it('keeps the dividend shares within 100% (exact to the hundredth)', () => {
    const taken = [
      { kind: 'dividend', sharePercent: 60.5 },
      { kind: 'employment', sharePercent: null },
    ];
    expect(checkLink(project, household, link({ sharePercent: 39.5 }), taken)).toBeNull();
    expect(checkLink(project, household, link({ sharePercent: 39.51 }), taken)).toEqual({
      field: 'sharePercent',
      reason: expect.stringContaining('60.5%'),
    });
  });
});
