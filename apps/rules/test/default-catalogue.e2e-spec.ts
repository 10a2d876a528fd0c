import {
  AlertView,
  departmentFact,
  incomeChanged,
  newId,
  patternFlagged,
  registered,
  RulesHarness,
} from './harness';

/**
 * Every rule of the default catalogue through events on the real broker: a case that must raise and
 * a case that must not, each its own subject. Registrations go first (their facts — household type,
 * category — decide some rules), then the facts, then each subject's alerts are checked.
 */
describe('rules: the default catalogue raises when it must and only then', () => {
  const h = new RulesHarness();

  interface Case {
    name: string;
    ruleId: string;
    subject: string;
    setup?: Array<{ subject: string; type: string }>;
    events: Array<{ subject: string; type: string }>;
    raises: boolean;
    explains?: { name: string; value: unknown };
  }
  const cases: Case[] = [];
  const household = (
    name: string,
    ruleId: string,
    raises: boolean,
    events: (id: string) => Array<{ subject: string; type: string }>,
    reg: Parameters<typeof registered>[1] = {},
    explains?: Case['explains'],
  ) => {
    const id = newId('hh');
    cases.push({
      name,
      ruleId,
      subject: id,
      setup: [registered(id, reg)],
      events: events(id),
      raises,
      explains,
    });
  };
  const member = (name: string, ruleId: string, raises: boolean, events: (id: string) => Case['events']) => {
    const id = newId('tm');
    cases.push({ name, ruleId, subject: id, events: events(id), raises });
  };

  // income-below-line
  household(
    '4700 below the 6000 line',
    'income-below-line',
    true,
    (id) => [incomeChanged(id, 4700)],
    {},
    {
      name: 'threshold',
      value: 6000,
    },
  );
  household('6000 exactly at the line', 'income-below-line', false, (id) => [incomeChanged(id, 6000)]);
  // income-fell-sharply
  household(
    'fell by 40 % month over month',
    'income-fell-sharply',
    true,
    (id) => [incomeChanged(id, 9000, { monthOverMonthChange: -0.4, previousPerCapitaNetIncome: 15000 })],
    {},
    { name: 'monthOverMonthChange', value: -0.4 },
  );
  household('fell by 10 %', 'income-fell-sharply', false, (id) => [
    incomeChanged(id, 9000, { monthOverMonthChange: -0.1, previousPerCapitaNetIncome: 10000 }),
  ]);
  // medical out-of-pocket against the rural per-capita disposable income (13,131): above 50 %, above 100 %
  const medicalYear = (amount: number) => (id: string) => [
    departmentFact(id, 'medical_out_of_pocket', { amount, period: '2026' }),
  ];
  household(
    '8,000 out of pocket: above half the rural income',
    'medical-out-of-pocket-half-rural-income',
    true,
    medicalYear(8000),
    {},
    { name: 'medicalOutOfPocketYear', value: 8000 },
  );
  household(
    '6,000 out of pocket: below half',
    'medical-out-of-pocket-half-rural-income',
    false,
    medicalYear(6000),
  );
  household(
    '15,000 out of pocket: above the rural income',
    'medical-out-of-pocket-full-rural-income',
    true,
    medicalYear(15000),
  );
  household(
    '8,000 out of pocket: not above the whole income',
    'medical-out-of-pocket-full-rural-income',
    false,
    medicalYear(8000),
  );
  // 特困 support for a member 18–60 with labour (the registered head, born 1970, ordinary labour)
  const extremePoverty = (supportType: string) => (id: string) => [
    departmentFact(id, 'subsistence_allowance_changed', {
      department: 'civil_affairs',
      memberId: `${id}-1`,
      amount: null,
      detail: { supportType },
    }),
  ];
  household(
    '特困 for the able head of 56',
    'extreme-poverty-support-able-member',
    true,
    extremePoverty('extreme_poverty'),
  );
  household(
    '低保 for the able head',
    'extreme-poverty-support-able-member',
    false,
    extremePoverty('subsistence_allowance'),
  );
  // medical-out-of-pocket-year: 5,000 for 脱贫户, 20,000 for others
  household(
    '脱贫户 with 5,200 out of pocket this year',
    'medical-out-of-pocket-year',
    true,
    (id) => [departmentFact(id, 'medical_out_of_pocket', { amount: 5200, period: '2026' })],
    {},
    { name: 'medicalOutOfPocketYear', value: 5200 },
  );
  household(
    'ordinary household with 5,200 out of pocket',
    'medical-out-of-pocket-year',
    false,
    (id) => [departmentFact(id, 'medical_out_of_pocket', { amount: 5200, period: '2026' })],
    { householdType: 'ordinary' },
  );
  household(
    'ordinary household whose stays add up to 21,000',
    'medical-out-of-pocket-year',
    true,
    (id) => [
      departmentFact(id, 'medical_out_of_pocket', {
        amount: 9000,
        period: '2026-03',
        occurredOn: '2026-03-02',
      }),
      departmentFact(id, 'medical_out_of_pocket', {
        amount: 12000,
        period: '2026-09',
        occurredOn: '2026-09-10',
      }),
    ],
    { householdType: 'ordinary' },
  );
  // medical-single-stay: 6,000 for monitored households, 10,000 for others
  household(
    'monitored household, one stay of 7,000',
    'medical-single-stay',
    true,
    (id) => [departmentFact(id, 'medical_out_of_pocket', { amount: 7000, period: '2026-10' })],
    { monitoringCategory: 'marginal_at_risk', householdType: 'ordinary' },
  );
  household(
    'household not monitored, one stay of 7,000',
    'medical-single-stay',
    false,
    (id) => [departmentFact(id, 'medical_out_of_pocket', { amount: 7000, period: '2026-10' })],
    { householdType: 'ordinary' },
  );
  // schooling-cost-year
  household('schooling 12,000 this year', 'schooling-cost-year', true, (id) => [
    departmentFact(id, 'schooling_cost', { amount: 12000, period: '2026' }),
  ]);
  household('schooling 8,000 this year', 'schooling-cost-year', false, (id) => [
    departmentFact(id, 'schooling_cost', { amount: 8000, period: '2026' }),
  ]);
  // disaster-report, serious-illness, child-out-of-school
  household(
    'a flood reported',
    'disaster-report',
    true,
    (id) => [departmentFact(id, 'disaster_report', { detail: { subType: '洪涝' } })],
    {},
    { name: 'event.kind', value: 'disaster_report' },
  );
  household('a disability certified (no disaster)', 'disaster-report', false, (id) => [
    departmentFact(id, 'disability_certified'),
  ]);
  household('a new serious illness', 'serious-illness', true, (id) => [
    departmentFact(id, 'serious_illness_diagnosed'),
  ]);
  household('a subsistence allowance change', 'serious-illness', false, (id) => [
    departmentFact(id, 'subsistence_allowance_changed'),
  ]);
  household('a child dropped out of school', 'child-out-of-school', true, (id) => [
    departmentFact(id, 'school_dropout'),
  ]);
  household('schooling cost only', 'child-out-of-school', false, (id) => [
    departmentFact(id, 'schooling_cost', { amount: 100, period: '2026' }),
  ]);
  // attendance: 3 times within 30 days
  member('早晚打卡 3 times in 30 days', 'attendance-morning-evening-only', true, (id) =>
    ['2026-10-05', '2026-10-12', '2026-10-20'].map((d) => patternFlagged(id, 'morning_evening_only', d)),
  );
  member('早晚打卡 3 times over 2 months', 'attendance-morning-evening-only', false, (id) =>
    ['2026-08-20', '2026-09-25', '2026-10-28'].map((d) => patternFlagged(id, 'morning_evening_only', d)),
  );
  member('走读 3 times in 30 days', 'attendance-commuting', true, (id) =>
    ['2026-10-05', '2026-10-06', '2026-10-07'].map((d) => patternFlagged(id, 'commuting', d)),
  );
  member('走读 twice', 'attendance-commuting', false, (id) =>
    ['2026-10-05', '2026-10-06'].map((d) => patternFlagged(id, 'commuting', d)),
  );
  member('a shared device', 'attendance-shared-device', true, (id) => [
    patternFlagged(id, 'shared_device', '2026-10-09'),
  ]);
  member('a missing day', 'attendance-shared-device', false, (id) => [
    patternFlagged(id, 'missing_day', '2026-10-09'),
  ]);

  let alerts: Map<string, AlertView[]>;

  beforeAll(async () => {
    await h.start();
    await h.publish(...cases.flatMap((c) => c.setup ?? []));
    await h.settle();
    await h.publish(...cases.flatMap((c) => c.events));
    await h.settle();
    alerts = new Map();
    for (const c of cases) alerts.set(c.subject, await h.alertsOf(c.subject));
  }, 180_000);

  afterAll(() => h.stop(), 60_000);

  it.each(cases.map((c) => [c.ruleId, c.raises ? 'raises' : 'does not raise', c.name, c] as const))(
    '%s %s: %s',
    (_rule, _verdict, _name, c) => {
      const got = alerts.get(c.subject)!.filter((a) => a.ruleId === c.ruleId);
      expect(got).toHaveLength(c.raises ? 1 : 0);
      if (c.raises) {
        expect(got[0].status).toBe('open');
        expect(got[0].message).not.toContain('{{');
        expect(got[0].title.length).toBeGreaterThan(0);
      }
      if (c.explains) expect(got[0].explanation).toContainEqual(expect.objectContaining(c.explains));
    },
  );
});
