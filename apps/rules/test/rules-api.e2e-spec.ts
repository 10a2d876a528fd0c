import { devToken } from '@lib/testing';
import { DEFAULT_CATALOGUE } from '../src/engine/default-catalogue';
import {
  departmentFact,
  incomeChanged,
  newId,
  OTHER_COUNTY_VILLAGE,
  registered,
  RulesHarness,
  VILLAGE,
} from './harness';

const COUNTY = VILLAGE.slice(0, 6);
const TOWN = VILLAGE.slice(0, 9);

interface VersionView {
  ruleId: string;
  version: number;
  scope: { countyCode: string; townCode: string | null };
  enabled: boolean;
  effectiveFrom: string;
}

/** Rules as data through the API: versions per county with town overrides, refusal with the reason, dry run. */
describe('rules: versioned rules, overrides and dry run', () => {
  const h = new RulesHarness();
  let admin: string;
  let cadre: string;

  beforeAll(async () => {
    await h.start();
    admin = await devToken({
      sub: 'user:county-admin',
      kind: 'user',
      name: '县管理员',
      grants: [{ role: 'county-admin', unit: COUNTY }],
    });
    cadre = await devToken({
      sub: 'user:cadre',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: VILLAGE }],
    });
  }, 120_000);

  afterAll(() => h.stop(), 60_000);

  const schooling = DEFAULT_CATALOGUE['schooling-cost-year'];

  it('lists the default catalogue as version 1 of the platform scope', async () => {
    const r = await h.app.get<{ items: VersionView[] }>('/api/v1/rules', { token: cadre });
    expect(r.status).toBe(200);
    expect(r.body.items.map((v) => v.ruleId)).toEqual(expect.arrayContaining(Object.keys(DEFAULT_CATALOGUE)));
    expect(r.body.items.every((v) => v.version === 1 && v.scope.countyCode === '*')).toBe(true);
  });

  it('refuses a rule that does not compile with 400 naming the node and the reason, storing nothing', async () => {
    const bad = {
      ruleId: 'bad-rule',
      scope: { countyCode: COUNTY },
      enabled: true,
      effectiveFrom: '2026-01-01',
      rule: {
        ...schooling,
        when: {
          all: [
            { fact: 'schoolingCostYear', op: '>', value: 1 },
            { fact: 'nope', op: '>', value: 1 },
          ],
        },
      },
    };
    const r = await h.app.post<{ problems: Array<{ field: string; reason: string }> }>('/api/v1/rules', bad, {
      token: admin,
    });
    expect(r.status).toBe(400);
    expect(r.body.problems[0].field).toBe('rule.when.all.1.fact');
    expect(r.body.problems[0].reason).toContain('未知的事实');
    const typed = await h.app.post<{ problems: Array<{ field: string }> }>(
      '/api/v1/rules',
      { ...bad, rule: { ...schooling, when: { fact: 'householdType', op: '>', value: 3 } } },
      { token: admin },
    );
    expect(typed.status).toBe(400);
    expect(typed.body.problems[0].field).toBe('rule.when.op');
    expect((await h.app.get('/api/v1/rules/bad-rule')).status).toBe(404);
  });

  it('only a county admin writes, and only for their county', async () => {
    const body = {
      scope: { countyCode: COUNTY },
      enabled: true,
      effectiveFrom: '2026-01-01',
      rule: schooling,
    };
    expect(
      (await h.app.request('PUT', '/api/v1/rules/schooling-cost-year', body, { token: cadre })).status,
    ).toBe(403);
    const other = { ...body, scope: { countyCode: OTHER_COUNTY_VILLAGE.slice(0, 6) } };
    expect(
      (await h.app.request('PUT', '/api/v1/rules/schooling-cost-year', other, { token: admin })).status,
    ).toBe(403);
    const platform = { ...body, scope: { countyCode: '*' } };
    expect(
      (await h.app.request('PUT', '/api/v1/rules/schooling-cost-year', platform, { token: admin })).status,
    ).toBe(403);
  });

  it('a county version overrides the default there, a town version overrides the county, a disabled one switches it off', async () => {
    // county: schooling above 15,000 (default 10,000)
    const county = await h.app.request<VersionView>(
      'PUT',
      '/api/v1/rules/schooling-cost-year',
      {
        scope: { countyCode: COUNTY },
        enabled: true,
        effectiveFrom: '2026-01-01',
        rule: { ...schooling, params: { limit: 15000 } },
      },
      { token: admin },
    );
    expect(county.status).toBe(200);
    expect(county.body).toMatchObject({ version: 1, scope: { countyCode: COUNTY, townCode: null } });

    const inCounty = newId('hh');
    const elsewhere = newId('hh');
    await h.publish(registered(inCounty), registered(elsewhere, {}, OTHER_COUNTY_VILLAGE));
    await h.settle();
    await h.publish(
      departmentFact(inCounty, 'schooling_cost', { amount: 12000, period: '2026' }),
      departmentFact(elsewhere, 'schooling_cost', { amount: 12000, period: '2026' }, OTHER_COUNTY_VILLAGE),
    );
    await h.settle();
    expect(await h.alertsOf(inCounty)).toHaveLength(0);
    expect((await h.alertsOf(elsewhere)).map((a) => a.ruleId)).toEqual(['schooling-cost-year']);

    // the town switches the income rule off; the next version for the county is 2
    const off = await h.app.request<VersionView>(
      'PUT',
      '/api/v1/rules/income-below-line',
      {
        scope: { countyCode: COUNTY, townCode: TOWN },
        enabled: false,
        effectiveFrom: '2026-01-01',
        rule: DEFAULT_CATALOGUE['income-below-line'],
      },
      { token: admin },
    );
    expect(off.status).toBe(200);
    const quiet = newId('hh');
    await h.publish(registered(quiet), incomeChanged(quiet, 3000));
    await h.settle();
    expect(await h.alertsOf(quiet)).toHaveLength(0);

    const again = await h.app.request<VersionView>(
      'PUT',
      '/api/v1/rules/schooling-cost-year',
      {
        scope: { countyCode: COUNTY },
        enabled: true,
        effectiveFrom: '2026-01-01',
        rule: { ...schooling, params: { limit: 11000 } },
      },
      { token: admin },
    );
    expect(again.body.version).toBe(2);
    const versions = await h.app.get<{ items: VersionView[] }>('/api/v1/rules/schooling-cost-year', {
      token: cadre,
    });
    expect(versions.body.items.map((v) => `${v.scope.countyCode}#${v.version}`)).toEqual(
      expect.arrayContaining([`${COUNTY}#2`, `${COUNTY}#1`, '*#1']),
    );
  });

  it('a version effective from a later day does not apply yet', async () => {
    const future = await h.app.request<VersionView>(
      'PUT',
      '/api/v1/rules/disaster-report',
      {
        scope: { countyCode: COUNTY },
        enabled: false,
        effectiveFrom: '2099-01-01',
        rule: DEFAULT_CATALOGUE['disaster-report'],
      },
      { token: admin },
    );
    expect(future.status).toBe(200);
    const id = newId('hh');
    await h.publish(registered(id));
    await h.settle();
    await h.publish(departmentFact(id, 'disaster_report', { detail: { subType: '冰雹' } }));
    await h.settle();
    expect((await h.alertsOf(id)).map((a) => a.ruleId)).toEqual(['disaster-report']);
  });

  it('a new rule is created once (409 after), and dry run reports what it would raise without raising', async () => {
    const rich = newId('hh');
    const poor = newId('hh');
    await h.publish(registered(rich), registered(poor), incomeChanged(rich, 9000), incomeChanged(poor, 6500));
    await h.settle();
    const rule = {
      name: '收入低于7000',
      subjectType: 'household',
      on: ['income'],
      when: { fact: 'perCapitaNetIncome', op: '<', value: { param: 'line' } },
      params: { line: 7000 },
      period: 'year',
      autoResolve: true,
      alert: {
        severity: 'low',
        title: '收入偏低',
        message: '户 {{householdNumber}} 人均纯收入 {{perCapitaNetIncome}} 元，低于 {{param.line}} 元',
        recipientRoles: ['village-cadre'],
      },
    };
    const dry = await h.app.post<{
      evaluated: number;
      wouldRaise: number;
      items: Array<{
        subjectId: string;
        message: string;
        explanation: Array<{ name: string; value: unknown }>;
      }>;
    }>('/api/v1/rules/dry-run', { rule, villageCode: VILLAGE }, { token: admin });
    expect(dry.status).toBe(200);
    const ids = dry.body.items.map((i) => i.subjectId);
    expect(ids).toContain(poor);
    expect(ids).not.toContain(rich);
    const mine = dry.body.items.find((i) => i.subjectId === poor)!;
    expect(mine.message).toContain('6500');
    expect(mine.explanation).toContainEqual(
      expect.objectContaining({ name: 'perCapitaNetIncome', value: 6500 }),
    );
    expect(await h.alertsOf(poor)).toHaveLength(0);

    const badDry = await h.app.post<{ problems: Array<{ field: string }> }>(
      '/api/v1/rules/dry-run',
      { rule: { ...rule, alert: { ...rule.alert, message: '{{param.nope}}' } } },
      { token: admin },
    );
    expect(badDry.status).toBe(400);
    expect(badDry.body.problems[0].field).toBe('rule.alert.message');

    const body = {
      ruleId: 'income-under-7000',
      scope: { countyCode: COUNTY },
      enabled: true,
      effectiveFrom: '2026-01-01',
      rule,
    };
    expect((await h.app.post('/api/v1/rules', body, { token: admin })).status).toBe(201);
    expect((await h.app.post('/api/v1/rules', body, { token: admin })).status).toBe(409);
    const next = newId('hh');
    await h.publish(registered(next), incomeChanged(next, 6800));
    await h.settle();
    const alerts = await h.alertsOf(next);
    expect(alerts.map((a) => [a.ruleId, a.severity])).toEqual([['income-under-7000', 'low']]);
  });
});
