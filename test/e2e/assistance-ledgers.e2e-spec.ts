import ExcelJS from 'exceljs';
import { crossesHop } from '../hops/cross';
import { devToken, waitFor } from '@lib/testing';
import { aHousehold, aSurvey, demoVillage, Platform } from './platform';

interface AlertView {
  id: string;
  ruleId: string;
  status: string;
  resolution: string | null;
}
interface Problem {
  problems: Array<{ field: string; reason: string }>;
}

/**
 * Issue 19 (assistance ledgers, kept by projects) on the real stack: each ledger's money reaches
 * monitoring's 收入台账 through assistance.income-paid.v1, rules see the per-capita income and the
 * ledgers' own alerts (小额信贷逾期 once, a relocated household without employed labour).
 */
describe('assistance ledgers (帮扶台账)', () => {
  const platform = new Platform();
  const ids: Record<string, string> = {};

  const newHousehold = async (no: string) => {
    const { apps } = platform;
    const created = await apps.households.post<{ id: string }>('/api/v1/households', aHousehold(no));
    expect(created.status).toBe(201);
    const id = created.body.id;
    await waitFor(
      'monitoring to know the household',
      async () => (await apps.monitoring.get(`/api/v1/monitored-households/${id}`)).status === 200,
    );
    // the survey the ledgers' money comes after: (6000 + 1500 + 2400 − 500) / 2 = 4700 per person, below 6,000
    const survey = await apps.monitoring.post('/api/v1/surveys', {
      ...aSurvey(id, { month: '2026-10' }),
      visitedAt: '2026-10-15T10:00:00+08:00',
    });
    expect(survey.status).toBe(201);
    return id;
  };
  /** Posts to projects once it knows the household (it learns of it from households.events.v1). */
  const postWhenKnown = async <T>(path: string, body: unknown) =>
    waitFor(`projects to accept ${path}`, async () => {
      const res = await platform.apps.projects.post<T>(path, body);
      return res.status === 201 ? res : undefined;
    });
  const perCapita = async (id: string) =>
    (
      await platform.apps.monitoring.get<{ currentIncome: { perCapitaNetIncome: number } | null }>(
        `/api/v1/monitored-households/${id}`,
      )
    ).body.currentIncome?.perCapitaNetIncome;
  const alerts = async (id: string) =>
    (await platform.apps.rules.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${id}`)).body.items;

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'projects', 'rules']);
    ids.main = await newHousehold('HH-LEDGER-1');
    ids.loan = await newHousehold('HH-LEDGER-2');
    ids.other = await newHousehold('HH-LEDGER-3');
    await waitFor('the income alert of the first household', async () =>
      (await alerts(ids.main)).some((a) => a.ruleId === 'income-below-line' && a.status === 'open'),
    );
  }, 240_000);

  afterAll(() => platform.stop());

  it('消费帮扶 + 公益岗位 (500 元/月 × 6 个月): per-capita income 4700 → 5000 → 6500, the income alert resolves', async () => {
    const purchase = await postWhenKnown<{ id: string }>('/api/v1/assistance/consumption', {
      recordId: 'purchase-2026-11-main-0001',
      householdId: ids.main,
      buyerUnit: '县人民医院食堂',
      product: 'cold_water_fish',
      quantity: 40,
      unit: '斤',
      amount: 600,
      purchasedOn: '2026-11-05',
    });
    // (9400 + 600 business income) / 2 = 5000: still below the line
    await waitFor('monitoring to count the purchase', async () => (await perCapita(ids.main)) === 5000);
    expect((await alerts(ids.main)).find((a) => a.ruleId === 'income-below-line')?.status).toBe('open');

    const post = await postWhenKnown<{ id: string }>('/api/v1/assistance/public_welfare_job', {
      recordId: 'post-2026-main-cleaner',
      householdId: ids.main,
      memberName: '王建国',
      postName: '村级保洁员',
      employer: '三联村村民委员会',
      monthlyWage: 500,
      startedOn: '2026-05-01',
    });
    const wage = await platform.apps.projects.post<{ figures: { paid: number; monthsWorked: number } }>(
      `/api/v1/assistance/public_welfare_job/${post.body.id}/entries`,
      { entryId: 'wage-2026-05-to-10', kind: 'wage', fromMonth: '2026-05', months: 6, paidOn: '2026-11-10' },
    );
    expect(wage.status).toBe(201);
    expect(wage.body.figures).toEqual({ paid: 3000, monthsWorked: 6 });
    // (9400 + 600 + 3000 wage income) / 2 = 6500: above the 6,000 line
    await waitFor('monitoring to count the wages', async () => (await perCapita(ids.main)) === 6500);
    const resolved = await waitFor('the income alert to resolve itself', async () => {
      const a = (await alerts(ids.main)).find((x) => x.ruleId === 'income-below-line');
      return a?.status === 'resolved' ? a : undefined;
    });
    expect(resolved.resolution).toBe('auto');

    // the same wage again counts nothing twice; months already paid are refused, naming the field
    const again = await platform.apps.projects.post(`/api/v1/assistance/public_welfare_job/${post.body.id}/entries`, {
      entryId: 'wage-2026-05-to-10', kind: 'wage', fromMonth: '2026-05', months: 6, paidOn: '2026-11-10',
    });
    expect(again.status).toBe(200);
    const overlap = await platform.apps.projects.post<Problem>(
      `/api/v1/assistance/public_welfare_job/${post.body.id}/entries`,
      { kind: 'wage', fromMonth: '2026-10', months: 2, paidOn: '2026-12-01' },
    );
    expect(overlap.status).toBe(400);
    expect(overlap.body.problems[0].field).toBe('fromMonth');
    const income = await platform.apps.monitoring.get<{ currentIncome: { income: { wage: number; business: number } } }>(
      `/api/v1/monitored-households/${ids.main}`,
    );
    expect(income.body.currentIncome.income).toMatchObject({ wage: 9000, business: 2100 });
    expect(purchase.body.id).toBe('purchase-2026-11-main-0001');
  });

  it('小额信贷: a repayment due and unpaid raises 小额信贷逾期 exactly once; the amount is on the household page', async () => {
    const loan = await postWhenKnown<{ id: string; schedule: Array<{ status: string }> }>('/api/v1/assistance/microcredit', {
      recordId: 'loan-2025-11-hh2',
      householdId: ids.loan,
      memberName: '王建国',
      bank: '县农村信用合作联社',
      accountNumber: '6228480012345678',
      amount: 50000,
      termMonths: 12,
      annualRate: 0.0435,
      interestSubsidy: 2175,
      grantedOn: '2025-11-01',
    });
    expect(loan.body.schedule[0].status).toBe('overdue');
    expect(JSON.stringify(loan.body)).not.toContain('6228480012345678');
    expect(JSON.stringify(loan.body)).toContain('6228****5678');
    for (let i = 0; i < 2; i++) {
      const run = await platform.apps.projects.post('/api/v1/assistance/microcredit/overdue-checks', {});
      expect(run.status).toBe(200);
    }
    await waitFor('the overdue alert', async () => (await alerts(ids.loan)).some((a) => a.ruleId === 'microcredit-overdue'));
    // more checks change nothing: still exactly one
    await platform.apps.projects.post('/api/v1/assistance/microcredit/overdue-checks', {});
    const overdue = (await alerts(ids.loan)).filter((a) => a.ruleId === 'microcredit-overdue');
    expect(overdue).toHaveLength(1);

    const page = await platform.apps.projects.get<{ microcredit: { amount: number; outstanding: number; overdue: number } }>(
      `/api/v1/households/${ids.loan}/assistance-ledgers`,
    );
    expect(page.body.microcredit).toEqual({ loans: 1, amount: 50000, outstanding: 50000, overdue: 1 });
    const repaid = await platform.apps.projects.post<{ figures: { outstanding: number } }>(
      `/api/v1/assistance/microcredit/${loan.body.id}/entries`,
      { kind: 'repayment', dueOn: '2026-11-01', paidOn: '2026-12-02' },
    );
    expect(repaid.status).toBe(201);
    expect(repaid.body.figures.outstanding).toBe(0);
  });

  it('雨露计划: a paid subsidy is transfer income', async () => {
    const student = await postWhenKnown<{ id: string }>('/api/v1/assistance/education_subsidy', {
      householdId: ids.other,
      memberName: '王小明',
      school: '县职业技术学校',
      level: 'secondary_vocational',
      enrolYear: 2025,
    });
    const paid = await platform.apps.projects.post(`/api/v1/assistance/education_subsidy/${student.body.id}/entries`, {
      kind: 'subsidy', term: '2026秋季', amount: 1500, paidOn: '2026-11-12',
    });
    expect(paid.status).toBe(201);
    // (9400 + 1500) / 2 = 5450
    await waitFor('monitoring to count the subsidy', async () => (await perCapita(ids.other)) === 5450);
  });

  it('村集体经济: a distribution to a household is property income, never more than the income', async () => {
    const income = await platform.apps.projects.post<{ id: string }>('/api/v1/assistance/collective_economy', {
      villageCode: demoVillage, year: 2026, source: 'industry_dividend', amount: 20000, note: '冷水鱼基地分红',
    });
    expect(income.status).toBe(201);
    const dist = await platform.apps.projects.post(`/api/v1/assistance/collective_economy/${income.body.id}/entries`, {
      kind: 'distribution', householdId: ids.other, amount: 300, paidOn: '2026-11-20',
    });
    expect(dist.status).toBe(201);
    // (9400 + 1500 + 300) / 2 = 5600
    await waitFor('monitoring to count the distribution', async () => (await perCapita(ids.other)) === 5600);
    const tooMuch = await platform.apps.projects.post<Problem>(`/api/v1/assistance/collective_economy/${income.body.id}/entries`, {
      kind: 'distribution', householdId: ids.other, amount: 19800, paidOn: '2026-11-21',
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.problems[0].field).toBe('amount');
  });

  it('易地搬迁后续扶持: a relocated household with no employed labour raises an alert, resolved once one is employed', async () => {
    const moved = await postWhenKnown<{ id: string }>('/api/v1/assistance/relocation', {
      householdId: ids.other, site: '县城幸福家园安置点', mode: 'centralized', relocatedOn: '2026-09-01', labourCount: 1,
    });
    await waitFor('the relocation alert', async () =>
      (await alerts(ids.other)).some((a) => a.ruleId === 'relocated-without-employment' && a.status === 'open'),
    );
    const visit = await platform.apps.projects.post(`/api/v1/assistance/relocation/${moved.body.id}/entries`, {
      kind: 'visit', visitedOn: '2026-11-02', visitor: '驻村工作队 张明', note: '已对接就业车间',
    });
    expect(visit.status).toBe(201);
    const job = await platform.apps.projects.post(`/api/v1/assistance/relocation/${moved.body.id}/entries`, {
      kind: 'employment', memberName: '王建国', employer: '安置点扶贫车间', since: '2026-11-15',
    });
    expect(job.status).toBe(201);
    await waitFor('the relocation alert to resolve', async () =>
      (await alerts(ids.other)).some((a) => a.ruleId === 'relocated-without-employment' && a.status === 'resolved'),
    );
  });

  it('bad input is refused naming the field, and each ledger exports .xlsx with Chinese headers', async () => {
    const bad = await platform.apps.projects.post<Problem>('/api/v1/assistance/consumption', {
      householdId: ids.main, buyerUnit: '县人民医院食堂', product: 'gold', quantity: -1, unit: '斤', amount: 10, purchasedOn: '2026-11-05',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.field).sort()).toEqual(['product', 'quantity']);
    const unknownLedger = await platform.apps.projects.get<Problem>('/api/v1/assistance/lottery');
    expect(unknownLedger.status).toBe(400);

    const token = await devToken();
    const res = await fetch(`${platform.apps.projects.url}/api/v1/assistance/public_welfare_job/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.getWorksheet('公益岗位')!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['岗位', '月工资（元）', '已发工资月数']));
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['村级保洁员', 500, 6, 3000]));
  });

  it('scoped: another village sees and records nothing; a 帮扶责任人 sees only the records of the households paired with them', async () => {
    const { apps } = platform;
    const token = (sub: string, role: string, unit: string) =>
      devToken({ sub, kind: 'user', name: sub, grants: [{ role: role as 'village-cadre', unit }] });
    const neighbour = await token('user:neighbour', 'village-cadre', '621299101202');
    const seen = await apps.projects.get<{ total: number }>('/api/v1/assistance/public_welfare_job', { token: neighbour });
    expect(seen.body.total).toBe(0);
    const refused = await apps.projects.post<Problem>(
      '/api/v1/assistance/consumption',
      { householdId: ids.main, buyerUnit: '邻村食堂', product: 'honey', quantity: 2, unit: '斤', amount: 80, purchasedOn: '2026-11-06' },
      { token: neighbour },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.problems[0].field).toBe('householdId');

    // the first household is paired with 张明; the records follow the pairing
    const paired = await apps.households.request('PUT', `/api/v1/households/${ids.main}/paired-cadres`, {
      cadres: [{ userId: 'user:zhangming', name: '张明', orgUnit: demoVillage }],
    });
    expect(paired.status).toBe(200);
    const cadre = await token('user:zhangming', 'paired-cadre', demoVillage);
    const mine = await waitFor('the paired cadre to see the household\'s records', async () => {
      const res = await apps.projects.get<{ items: Array<{ householdId: string }> }>('/api/v1/assistance/consumption', { token: cadre });
      return res.body.items.length ? res.body.items : undefined;
    });
    expect(new Set(mine.map((r) => r.householdId))).toEqual(new Set([ids.main]));
    const loans = await apps.projects.get<{ total: number }>('/api/v1/assistance/microcredit', { token: cadre });
    expect(loans.body.total).toBe(0); // the loan is another household's
  });

  it('crossed the hops: households → projects (pairings), projects → monitoring (income) and → rules (risks)', async () => {
    await crossesHop('households', 'projects', 'household.pairing-changed.v1', platform);
    await crossesHop('projects', 'monitoring', 'assistance.income-paid.v1', platform);
    await crossesHop('projects', 'rules', 'microcredit.repayment-overdue.v1', platform);
    await crossesHop('projects', 'rules', 'relocation.employment-changed.v1', platform);
  });
});
