import { randomUUID } from 'node:crypto';
import { Principal, Role } from '@lib/auth';
import { cloudEventEnvelopeSchema, ProjectDistributionPaidV1 } from '@lib/contracts';
import { AppProcess, devToken, waitFor } from '@lib/testing';
import { day, ProjectsHarness, SeenEvent } from './harness';

type Problem = { field: string; reason: string };
interface Body {
  id: string;
  message?: string;
  problems?: Problem[];
  [k: string]: unknown;
}
interface Page<T = Body> {
  items: T[];
  total: number;
}

/** Town A (621299101) with villages A1, A2; town B (621299102) in the same county. */
const A1 = '621299101201';
const A2 = '621299101202';
const B1 = '621299102201';

const tokenOf = (role: Role, unit: string) =>
  devToken({
    sub: `user:${role}:${unit}`,
    kind: 'user',
    name: `${role}@${unit}`,
    grants: [{ role, unit }],
  } as Omit<Principal, 'jti'>);

/** 三联村"支部+"冷水鱼养殖 二期: village collective economy, started 8 months ago. */
const coldWaterFish = (over: Record<string, unknown> = {}) => ({
  name: '三联村"支部+"冷水鱼养殖',
  type: 'aquaculture',
  phase: '冷水鱼二期',
  villageCode: A1,
  owner: { kind: 'village_collective', name: '三联村股份经济合作社' },
  startsOn: day(-240),
  fundSources: [
    { source: 'central_linkage_fund', amount: 300000 },
    { source: 'pairing_unit', amount: 150000.5 },
  ],
  milestones: [
    { title: '完成鱼池改造', dueOn: day(-200), completedOn: day(-205) },
    { title: '投放虹鳟鱼苗', dueOn: day(-30) },
    { title: '首批成鱼上市', dueOn: day(60) },
  ],
  responsiblePeople: [{ name: '王建国', role: '第一书记' }],
  ...over,
});

describe('industry assistance projects (产业帮扶) as a process', () => {
  const h = new ProjectsHarness();
  let app: AppProcess;
  let h1: string, h2: string, h3: string, hOtherTown: string;
  let fish: Body;

  const problemOf = (res: { status: number; body: Body }) => {
    expect(res.status).toBe(400);
    return res.body.problems?.[0];
  };
  const eventsOf = async (type: string, filter: (e: SeenEvent) => boolean = () => true) =>
    (await h.projectEvents()).filter((e) => e.value.type === type && filter(e));

  beforeAll(async () => {
    app = await h.start();
    h1 = await h.registerHousehold(A1, 'SL-001');
    h2 = await h.registerHousehold(A1, 'SL-002');
    h3 = await h.registerHousehold(A2, 'YX-001');
    hOtherTown = await h.registerHousehold(B1, 'QS-001');
    for (const id of [h1, h2, h3, hOtherTown])
      await waitFor(
        `projects to know household ${id}`,
        async () => (await app.get(`/api/v1/projects/households/${id}`)).status === 200,
      );
    const res = await app.post<Body>('/api/v1/projects', coldWaterFish());
    expect(res.status).toBe(201);
    fish = res.body;
  }, 120_000);
  afterAll(() => h.stop(), 60_000);

  it('keeps a project with owner, phase, fund sources and milestones whose status is computed', async () => {
    expect(fish).toMatchObject({
      type: 'aquaculture',
      phase: '冷水鱼二期',
      townCode: '621299101',
      owner: { kind: 'village_collective' },
      budget: 450000.5,
      overdueMilestones: 1,
    });
    expect((fish.milestones as Array<{ status: string }>).map((m) => m.status)).toEqual([
      'done',
      'overdue',
      'planned',
    ]);

    const shrimp = await app.post<Body>(
      '/api/v1/projects',
      coldWaterFish({
        name: '南美白对虾养殖示范点',
        phase: null,
        villageCode: A2,
        owner: { kind: 'cooperative', name: '银杏水产养殖专业合作社' },
        budget: 80000,
        fundSources: [],
        milestones: [],
      }),
    );
    expect(shrimp.status).toBe(201);
    const chickens = await app.post<Body>(
      '/api/v1/projects',
      coldWaterFish({
        name: '10万羽生态放养鸡',
        type: 'poultry',
        owner: { kind: 'enterprise', name: '某农牧公司' },
        milestones: [],
        status: 'planning',
      }),
    );
    expect(chickens.status).toBe(201);

    const aquaculture = await app.get<Page>('/api/v1/projects?type=aquaculture');
    expect(aquaculture.body.items.map((p) => p.name).sort()).toEqual(
      ['三联村"支部+"冷水鱼养殖', '南美白对虾养殖示范点'].sort(),
    );
    expect((await app.get<Page>(`/api/v1/projects?villageCode=${A2}`)).body.total).toBe(1);
    expect((await app.get<Page>('/api/v1/projects?status=planning')).body.items.map((p) => p.id)).toEqual([
      chickens.body.id,
    ]);
    const paged = await app.get<Page>('/api/v1/projects?page=2&pageSize=2');
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(1);

    // milestones are added and completed later; the project is renamed
    const added = await app.post<Body>(`/api/v1/projects/${chickens.body.id}/milestones`, {
      title: '鸡舍建成',
      dueOn: day(10),
    });
    expect(added.status).toBe(201);
    const milestone = (added.body.milestones as Array<{ milestoneId: string; status: string }>)[0];
    expect(milestone.status).toBe('planned');
    const done = await app.post<Body>(
      `/api/v1/projects/${chickens.body.id}/milestones/${milestone.milestoneId}/completion`,
      { completedOn: day(0) },
    );
    expect(done.status).toBe(200);
    expect((await app.get<Body>(`/api/v1/projects/${chickens.body.id}`)).body.milestones).toEqual([
      expect.objectContaining({ title: '鸡舍建成', completedOn: day(0), status: 'done' }),
    ]);
    const tomorrow = await app.post<Body>(
      `/api/v1/projects/${chickens.body.id}/milestones/${milestone.milestoneId}/completion`,
      { completedOn: day(1) },
    );
    expect(problemOf(tomorrow)).toMatchObject({ field: 'completedOn' });
    const renamed = await app.request<Body>('PATCH', `/api/v1/projects/${chickens.body.id}`, {
      name: '10万羽生态放养鸡养殖',
      phase: '一期',
    });
    expect(renamed.body).toMatchObject({ name: '10万羽生态放养鸡养殖', phase: '一期', status: 'planning' });
    expect((await app.request('PATCH', `/api/v1/projects/${chickens.body.id}`, {})).status).toBe(400);
  });

  it('refuses a milestone before the project start, naming the field, and stores nothing', async () => {
    const before = (await app.get<Page>('/api/v1/projects')).body.total;
    const bad = await app.post<Body>(
      '/api/v1/projects',
      coldWaterFish({ name: '冷水鱼三期', milestones: [{ title: '选址', dueOn: day(-300) }] }),
    );
    expect(problemOf(bad)).toMatchObject({
      field: 'milestones.0.dueOn',
      reason: expect.stringMatching(/不能早于项目开始日期/),
    });
    const added = await app.post<Body>(`/api/v1/projects/${fish.id}/milestones`, {
      title: '补录',
      dueOn: day(-241),
    });
    expect(problemOf(added)).toMatchObject({ field: 'dueOn' });
    const mismatch = await app.post<Body>('/api/v1/projects', coldWaterFish({ budget: 1 }));
    expect(problemOf(mismatch)).toMatchObject({ field: 'fundSources' });
    expect((await app.get<Page>('/api/v1/projects')).body.total).toBe(before);
    expect((await app.get<Body>(`/api/v1/projects/${fish.id}`)).body.milestones).toHaveLength(3);
  });

  it('links registered households as beneficiaries and announces it; refuses unknown and other-town households', async () => {
    const link = (body: Record<string, unknown>) =>
      app.post<Body>(`/api/v1/projects/${fish.id}/beneficiaries`, body);
    const dividend = await link({
      householdId: h1,
      kind: 'dividend',
      sharePercent: 12.5,
      startsOn: day(-240),
      details: '入股资金5000元',
    });
    expect(dividend.status).toBe(201);
    const wage = await link({
      householdId: h2,
      kind: 'wage',
      startsOn: day(-200),
      endsOn: day(-100),
      details: '养殖场务工',
    });
    expect(wage.status).toBe(201);

    expect(
      problemOf(await link({ householdId: randomUUID(), kind: 'dividend', startsOn: day(-10) })),
    ).toMatchObject({
      field: 'householdId',
      reason: expect.stringMatching(/未知的户/),
    });
    expect(
      problemOf(await link({ householdId: hOtherTown, kind: 'wage', startsOn: day(-10) })),
    ).toMatchObject({
      field: 'householdId',
      reason: expect.stringMatching(/不在项目所在乡镇/),
    });
    expect((await link({ householdId: h1, kind: 'dividend', startsOn: day(-10) })).status).toBe(409);
    expect(
      problemOf(await link({ householdId: h3, kind: 'dividend', sharePercent: 90, startsOn: day(-10) })),
    ).toMatchObject({
      field: 'sharePercent',
    });

    const list = await app.get<Page>(`/api/v1/projects/${fish.id}/beneficiaries`);
    expect(list.body.items.map((b) => [b.householdId, b.kind])).toEqual([
      [h1, 'dividend'],
      [h2, 'wage'],
    ]);
    const linked = await waitFor('project.beneficiary-linked.v1 for both households', async () => {
      const seen = await eventsOf('project.beneficiary-linked.v1');
      return seen.length === 2 && seen;
    });
    expect(linked.find((e) => e.key === h1)?.value.data).toMatchObject({
      beneficiaryId: dividend.body.id,
      projectId: fish.id,
      kind: 'dividend',
      sharePercent: 12.5,
      villageCode: A1,
    });
  });

  it('pays a dividend once per idempotency key and publishes project.distribution-paid.v1 per contract', async () => {
    const pay = (body: Record<string, unknown>, key?: string) =>
      app.post<Body>(
        `/api/v1/projects/${fish.id}/distributions`,
        body,
        key ? { headers: { 'idempotency-key': key } } : {},
      );
    const body = { householdId: h1, kind: 'dividend', amount: 1250.5, paidOn: day(-5) };
    const first = await pay(body, 'dividend-2026-h1');
    expect(first.status).toBe(201);
    const retry = await pay(body, 'dividend-2026-h1');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    // the same key for a different payment is refused
    expect((await pay({ ...body, amount: 99 }, 'dividend-2026-h1')).status).toBe(409);
    // a client-chosen id works the same way
    const own = { ...body, amount: 300, distributionId: `wechat-${randomUUID()}` };
    expect((await pay(own)).status).toBe(201);
    expect((await pay(own)).status).toBe(200);

    const paid = await waitFor('both distributions on Kafka', async () => {
      const seen = await eventsOf('project.distribution-paid.v1');
      return seen.length >= 2 && seen;
    });
    expect(paid).toHaveLength(2);
    const e = paid.find((x) => x.value.data.distributionId === first.body.id)!;
    expect(cloudEventEnvelopeSchema.safeParse(e.value).success).toBe(true);
    expect(ProjectDistributionPaidV1.schema.parse(e.value.data)).toEqual({
      distributionId: first.body.id,
      projectId: fish.id,
      projectName: fish.name,
      householdId: h1,
      townCode: '621299101',
      villageCode: A1,
      kind: 'dividend',
      amount: 1250.5,
      paidOn: day(-5),
      recordedBy: 'test harness',
    });
    expect(e).toMatchObject({
      key: h1,
      value: { subject: h1, source: 'projects', townid: '621299101', villageid: A1 },
    });
    const list = await app.get<Page>(`/api/v1/projects/${fish.id}/distributions?householdId=${h1}`);
    expect(list.body.total).toBe(2);
    const benefits = await app.get<{ totalPaid: number }>(`/api/v1/projects/households/${h1}`);
    expect(benefits.body.totalPaid).toBe(1550.5);
  });

  it('refuses payments to non-beneficiaries, of the wrong kind, out of period, or not positive: nothing stored, no event', async () => {
    const pay = (body: Record<string, unknown>) =>
      app.post<Body>(`/api/v1/projects/${fish.id}/distributions`, body);
    const ok = { householdId: h1, kind: 'dividend', amount: 100, paidOn: day(-3) };
    const before = (await app.get<Page>(`/api/v1/projects/${fish.id}/distributions`)).body.total;
    const eventsBefore = (await eventsOf('project.distribution-paid.v1')).length;

    expect(problemOf(await pay({ ...ok, householdId: h3 }))).toMatchObject({
      field: 'householdId',
      reason: expect.stringMatching(/不是本项目的受益户/),
    });
    expect(problemOf(await pay({ ...ok, householdId: hOtherTown }))).toMatchObject({ field: 'householdId' });
    expect(problemOf(await pay({ ...ok, kind: 'wage' }))).toMatchObject({ field: 'kind' });
    // h2's wage link ended 100 days ago
    expect(problemOf(await pay({ ...ok, householdId: h2, kind: 'wage', paidOn: day(-50) }))).toMatchObject({
      field: 'paidOn',
      reason: expect.stringMatching(/不在受益期/),
    });
    expect(problemOf(await pay({ ...ok, paidOn: day(-300) }))).toMatchObject({
      field: 'paidOn',
      reason: expect.stringMatching(/项目开始/),
    });
    expect(problemOf(await pay({ ...ok, paidOn: day(3) }))).toMatchObject({ field: 'paidOn' });
    expect(problemOf(await pay({ ...ok, amount: 0 }))).toMatchObject({
      field: 'amount',
      reason: expect.stringMatching(/须大于 0/),
    });
    expect(problemOf(await pay({ ...ok, amount: -120 }))).toMatchObject({ field: 'amount' });
    expect(problemOf(await pay({ ...ok, amount: 10.001 }))).toMatchObject({ field: 'amount' });

    // a good payment after the bad ones: once its event is out, any event of the refused ones would be too
    const sentinel = await pay({ ...ok, householdId: h2, kind: 'wage', paidOn: day(-150), amount: 2400 });
    expect(sentinel.status).toBe(201);
    const paid = await waitFor('the sentinel payment on Kafka', async () => {
      const seen = await eventsOf('project.distribution-paid.v1');
      return seen.some((e) => e.value.data.distributionId === sentinel.body.id) && seen;
    });
    expect(paid).toHaveLength(eventsBefore + 1);
    expect((await app.get<Page>(`/api/v1/projects/${fish.id}/distributions`)).body.total).toBe(before + 1);
  });

  it('records output and sales by channel (95万尾 shrimp fry; the e-commerce centre WeChat groups)', async () => {
    const out = await app.post<Body>(`/api/v1/projects/${fish.id}/outputs`, {
      kind: 'stocking',
      item: '虹鳟鱼苗',
      quantity: 950000,
      unit: '尾',
      recordedOn: day(-20),
    });
    expect(out.status).toBe(201);
    await app.post(`/api/v1/projects/${fish.id}/outputs`, {
      kind: 'stocking',
      item: '虹鳟鱼苗',
      quantity: 50000,
      unit: '尾',
      recordedOn: day(-10),
    });
    const sale = (channel: string, amount: number) =>
      app.post<Body>(`/api/v1/projects/${fish.id}/sales`, {
        channel,
        item: '冷水鱼',
        quantity: 100,
        unit: '斤',
        amount,
        soldOn: day(-2),
      });
    expect((await sale('ecommerce_centre_wechat', 3600)).status).toBe(201);
    expect((await sale('ecommerce_centre_wechat', 1800.4)).status).toBe(201);
    expect((await sale('market', 900)).status).toBe(201);
    expect(problemOf(await sale('market', 0))).toMatchObject({ field: 'amount' });
    expect(problemOf(await sale('roadside', 10))).toMatchObject({ field: 'channel' });

    const outputs = await app.get<{ totals: unknown[] }>(`/api/v1/projects/${fish.id}/outputs`);
    expect(outputs.body.totals).toEqual([
      { kind: 'stocking', item: '虹鳟鱼苗', unit: '尾', quantity: 1000000 },
    ]);
    const sales = await app.get<{ byChannel: Array<{ channel: string }>; totalAmount: number }>(
      `/api/v1/projects/${fish.id}/sales`,
    );
    expect(sales.body.totalAmount).toBe(6300.4);
    expect(sales.body.byChannel.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: 'ecommerce_centre_wechat', amount: 5400.4, count: 2 },
      { channel: 'market', amount: 900, count: 1 },
    ]);
  });

  it('reports progress and raises each finding once per period', async () => {
    // herbs (白芪) started 5 months ago: no sales, one beneficiary never paid this year
    const herbs = await app.post<Body>(
      '/api/v1/projects',
      coldWaterFish({
        name: '大山村白芪中药材',
        type: 'herbs',
        startsOn: day(-150),
        milestones: [{ title: '种苗移栽', dueOn: day(-100) }],
      }),
    );
    expect(herbs.status).toBe(201);
    const linked = await app.post<Body>(`/api/v1/projects/${herbs.body.id}/beneficiaries`, {
      householdId: h3,
      kind: 'land_lease',
      startsOn: day(-140),
      details: '流转土地3亩',
    });
    expect(linked.status).toBe(201);

    type Report = {
      overdueMilestones: Array<{ projectId: string; title: string; beneficiaryHouseholdIds: string[] }>;
      projectsWithoutSales: Array<{ projectId: string }>;
      beneficiariesWithoutBenefit: Array<{ householdId: string; projectId: string }>;
    };
    const report = (await app.get<Report>('/api/v1/projects/progress')).body;
    expect(report.overdueMilestones.map((m) => m.title).sort()).toEqual(['投放虹鳟鱼苗', '种苗移栽']);
    expect(
      report.overdueMilestones.find((m) => m.projectId === herbs.body.id)?.beneficiaryHouseholdIds,
    ).toEqual([h3]);
    expect(report.projectsWithoutSales.map((p) => p.projectId)).toContain(herbs.body.id);
    expect(report.projectsWithoutSales.map((p) => p.projectId)).not.toContain(fish.id);
    expect(report.beneficiariesWithoutBenefit).toEqual([
      expect.objectContaining({ householdId: h3, projectId: herbs.body.id }),
    ]);

    const first = await app.post<{ found: number; raised: number }>('/api/v1/projects/progress/checks', {});
    expect(first.status).toBe(200);
    expect(first.body.raised).toBe(first.body.found);
    expect(first.body.found).toBeGreaterThanOrEqual(4);
    const again = await app.post<{ found: number; raised: number }>('/api/v1/projects/progress/checks', {});
    expect(again.body).toEqual({ found: first.body.found, raised: 0 });

    const raised = await waitFor('the findings on Kafka', async () => {
      const seen = (await h.projectEvents()).filter((e) =>
        [
          'project.milestone-overdue.v1',
          'project.sales-stalled.v1',
          'project.beneficiary-without-benefit.v1',
        ].includes(e.value.type),
      );
      return seen.length >= first.body.found && seen;
    });
    expect(raised).toHaveLength(first.body.found);
    expect(new Set(raised.map((e) => e.value.id)).size).toBe(raised.length);
    expect(raised.find((e) => e.value.type === 'project.beneficiary-without-benefit.v1')).toMatchObject({
      key: h3,
      value: { data: { householdId: h3, kind: 'land_lease', year: Number(day().slice(0, 4)) } },
    });
    // a village cadre may not run it
    const official = await tokenOf('village-cadre', A1);
    expect((await app.post('/api/v1/projects/progress/checks', {}, { token: official })).status).toBe(403);
  });

  it('keeps each town to its own projects: 404 outside the scope, lists never leak', async () => {
    const otherTown = await tokenOf('town-official', '621299102');
    const ownVillage = await tokenOf('village-cadre', A1);
    expect((await app.get(`/api/v1/projects/${fish.id}`, { token: otherTown })).status).toBe(404);
    expect((await app.get(`/api/v1/projects/${fish.id}/beneficiaries`, { token: otherTown })).status).toBe(
      404,
    );
    expect((await app.get<Page>('/api/v1/projects', { token: otherTown })).body).toMatchObject({
      total: 0,
      items: [],
    });
    expect(
      (await app.get<{ overdueMilestones: unknown[] }>('/api/v1/projects/progress', { token: otherTown }))
        .body.overdueMilestones,
    ).toEqual([]);
    const pay = await app.post(
      `/api/v1/projects/${fish.id}/distributions`,
      { householdId: h1, kind: 'dividend', amount: 10, paidOn: day(-1) },
      { token: otherTown },
    );
    expect(pay.status).toBe(404);
    expect((await app.get(`/api/v1/projects/households/${h1}`, { token: otherTown })).status).toBe(404);
    // the village's own cadre sees its project, not the neighbouring village's
    const seen = await app.get<Page>('/api/v1/projects', { token: ownVillage });
    expect(seen.body.items.every((p) => p.villageCode === A1)).toBe(true);
    expect(seen.body.items.map((p) => p.id)).toContain(fish.id);
    // creating in a unit outside the scope is refused
    expect(
      (await app.post('/api/v1/projects', coldWaterFish({ villageCode: A2 }), { token: ownVillage })).status,
    ).toBe(403);
    // an auditor reads but may not pay
    const auditor = await tokenOf('auditor', '621299');
    expect((await app.get(`/api/v1/projects/${fish.id}`, { token: auditor })).status).toBe(200);
    expect(
      (
        await app.post(
          `/api/v1/projects/${fish.id}/distributions`,
          { householdId: h1, kind: 'dividend', amount: 10, paidOn: day(-1) },
          { token: auditor },
        )
      ).status,
    ).toBe(403);
  });
});
