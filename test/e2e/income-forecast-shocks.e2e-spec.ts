import { checkCharOf } from '@lib/contracts';
import { waitFor } from '@lib/testing';
import { crossesHop } from '../hops/cross';
import { aHousehold, aSurvey, Platform } from './platform';

const HOP = { timeoutMs: 60_000 };

interface ForecastView {
  baseMonth: string;
  current: number;
  line: number | null;
  months: Array<{ month: string; expected: number }>;
  monthLines: Array<{ month: string; line: number | null }>;
  lineNote: string | null;
  reasons: Array<{ code: string; text: string; effect: number }>;
}

/** The head's ID number (born 1968-04-12, as aHousehold's 王建国), so a department's fact finds him. */
const HEAD_ID = '62129919680412123' + checkCharOf('62129919680412123');

/**
 * Issue #23 items 2–4 on the real stack (households, monitoring, projects over Kafka and FerretDB): a
 * cooperative's dividend paid last December that projects finds unpaid this year moves the forecast
 * (合作社分红本年未发放, with last year's amount from monitoring's own payments); the medical
 * insurance's hospital stay of the head is named as 户主 (the relation households recorded); the
 * forecast months in next year use next year's line, or this year's with a note.
 */
describe('income forecast shocks read live (分红停发, 户主, next year’s line)', () => {
  const platform = new Platform();
  let householdId: string;
  let projectId: string;

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'projects']);
    const base = aHousehold('HH-TREND-SHOCK-1');
    householdId = await platform.registerMonitoredHousehold('HH-TREND-SHOCK-1', {
      members: [{ ...base.members[0], idNumber: HEAD_ID }, base.members[1]],
    });
    projectId = await platform.dividendProject(householdId, '三联村冷水鱼养殖', '2025-01-01');
  }, 240_000);

  afterAll(() => platform.stop());

  const forecast = async () =>
    (
      await platform.apps.monitoring.get<ForecastView>(
        `/api/v1/monitored-households/${householdId}/income-forecast`,
      )
    ).body;

  it('last year’s dividend, two flat surveys, the head’s hospital stay and the unpaid dividend move the forecast', async () => {
    const { monitoring, projects } = platform.apps;
    const paid = await projects.post(`/api/v1/projects/${projectId}/distributions`, {
      distributionId: 'dividend-2025-sanlian-fish-shock-1',
      householdId,
      kind: 'dividend',
      amount: 2400,
      paidOn: '2025-12-20',
    });
    expect(paid.status).toBe(201);
    // 12-month income 12,000 wage + 2,400 (last year's dividend) for 2 residents: 7,200 a person
    for (const month of ['2026-10', '2026-11']) {
      const res = await monitoring.post('/api/v1/surveys', {
        ...aSurvey(householdId, { month, visitedAt: `${month}-15T02:00:00.000Z` }),
        income: { wage: 12000, business: 0, property: 2400, transfer: 0, businessCosts: 0 },
        residentMembers: 2,
      });
      expect(res.status).toBe(201);
    }
    await waitFor('the November forecast', async () => (await forecast())?.baseMonth === '2026-11', HOP);
    expect((await forecast()).current).toBe(7200);

    const fact = await monitoring.post('/api/v1/department-facts', {
      facts: [
        {
          department: 'medical_insurance',
          sourceRecordId: 'YB-TREND-SHOCK-1',
          kind: 'medical_out_of_pocket',
          countyCode: '621299',
          idNumber: HEAD_ID,
          amount: 18400,
          occurredOn: '2026-10-08',
        },
      ],
    });
    expect(fact.status).toBeLessThan(300);
    const named = await waitFor(
      'the head named in the reasons',
      async () => {
        const f = await forecast();
        return f.reasons.some((r) => r.code === 'hospital_stay') ? f : undefined;
      },
      HOP,
    );
    expect(named.reasons.find((r) => r.code === 'hospital_stay')?.text).toBe(
      '户主 2026-10 住院，自付 18,400 元',
    );

    // projects finds the dividend link unpaid this year (asOf today, past its grace period)
    const checks = await projects.post<{ found: number }>('/api/v1/projects/progress/checks', {});
    expect(checks.status).toBe(200);
    const moved = await waitFor(
      'the unpaid dividend in the forecast',
      async () => {
        const f = await forecast();
        return f.reasons.some((r) => r.code === 'dividend_stopped') ? f : undefined;
      },
      HOP,
    );
    // the head's wage (6,000 a person a year) stops: −500 a month; last year's 2,400 leaves the
    // 12-month figure in December (a year after it was paid): −1,200 a person from the first month
    expect(moved.reasons).toEqual([
      { code: 'hospital_stay', text: '户主 2026-10 住院，自付 18,400 元', effect: -1500 },
      { code: 'dividend_stopped', text: '三联村冷水鱼养殖分红本年未发放（上年 2,400 元）', effect: -1200 },
    ]);
    expect(moved.months.map((m) => [m.month, m.expected])).toEqual([
      ['2026-12', 5500],
      ['2027-01', 5000],
      ['2027-02', 4500],
    ]);

    // next year's months: no 2027 line of its own in this county yet, so 2026's stands, with a note
    expect(moved.monthLines.map((m) => m.month)).toEqual(['2026-12', '2027-01', '2027-02']);
    expect(moved.monthLines.map((m) => m.line)).toEqual([moved.line, moved.line, moved.line]);
    expect(moved.lineNote).toBe(`2027年监测范围尚未设定，2027年各月按2026年监测范围（${moved.line} 元）计`);
  }, 300_000);

  it('crossed the hop: projects → monitoring (the unpaid link)', async () => {
    await crossesHop('projects', 'monitoring', 'project.beneficiary-without-benefit.v1', platform);
  });
});
