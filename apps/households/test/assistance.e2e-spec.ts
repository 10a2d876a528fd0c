import { Topics } from '@lib/contracts';
import { AppProcess, devToken, waitFor } from '@lib/testing';
import { HouseholdsHarness } from './harness';

type Problem = { field: string; reason: string };
type Ev = { id: string; type: string; subject: string; data: Record<string, unknown> };

describe('一户一策 plans, care pairings and visits, relocation records', () => {
  const h = new HouseholdsHarness();
  const { prefix, kafka } = h;
  let app: AppProcess;

  beforeAll(async () => {
    app = (await h.start()).app;
  }, 90_000);
  afterAll(async () => {
    await h.stop();
  });

  const household = async (n: string) =>
    (
      await app.post<{ id: string; members: Array<{ memberId: string }> }>('/api/v1/households', {
        householdNumber: n,
        villageCode: '621299101201',
        householdType: 'lifted_out_of_poverty',
        members: [{ name: '孙永福', relation: 'head', sex: 'male', birthDate: '1948-03-03' }],
      })
    ).body;

  it('keeps a plan of measures with their status, completes each once, and announces both', async () => {
    const hh = await household('P-1');
    // a 帮扶责任人 works on the households paired with them
    const pairing = await app.request('PUT', `/api/v1/households/${hh.id}/paired-cadres`, {
      cadres: [{ userId: 'user:paired-1', name: '王建国', orgUnit: '621299101201' }],
    });
    expect(pairing.status).toBe(200);
    const cadre = await devToken({
      sub: 'user:paired-1',
      kind: 'user',
      name: '帮扶责任人',
      grants: [{ role: 'paired-cadre', unit: '621299101201' }],
    });
    const add = (body: Record<string, unknown>, token = cadre) =>
      app.post<{ measureId: string; status: string; problems?: Problem[] }>(
        `/api/v1/households/${hh.id}/plan/measures`,
        body,
        { token },
      );
    const fish = await add({
      type: 'industry',
      content: '冷水鱼养殖合作社入股分红',
      responsible: { userId: 'user:paired-1', name: '王建国' },
      startOn: '2026-03-01',
      dueOn: '2026-12-31',
    });
    expect(fish).toMatchObject({ status: 201, body: { status: 'in_progress' } });
    const job = await add({
      type: 'public_welfare_job',
      content: '护林员公益岗位',
      responsible: { name: '李志强' },
      startOn: '2026-01-01',
      dueOn: '2026-02-01',
    });
    const bad = await add({
      type: 'lottery',
      content: '',
      responsible: {},
      startOn: '2026-05-01',
      dueOn: '2026-04-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.field).sort()).toEqual(['content', 'responsible.name', 'type']);
    const backwards = await add({
      type: 'health',
      content: '慢病签约',
      responsible: { name: '村医' },
      startOn: '2026-05-01',
      dueOn: '2026-04-01',
    });
    expect(backwards.body.problems?.map((p) => p.field)).toEqual(['dueOn']);

    const done = `/api/v1/households/${hh.id}/plan/measures/${fish.body.measureId}/completion`;
    expect((await app.post(done, { completedOn: '2026-02-01' }, { token: cadre })).status).toBe(400);
    expect(
      (await app.post(done, { completedOn: '2026-11-20', result: '分红1200元' }, { token: cadre })).status,
    ).toBe(201);
    expect((await app.post(done, { completedOn: '2026-11-21' }, { token: cadre })).status).toBe(409);

    const plan = await app.get<{
      measures: Array<{ measureId: string; status: string; completedOn?: string }>;
    }>(`/api/v1/households/${hh.id}/plan`);
    expect(plan.body.measures).toEqual([
      expect.objectContaining({
        measureId: fish.body.measureId,
        status: 'completed',
        completedOn: '2026-11-20',
      }),
      expect.objectContaining({ measureId: job.body.measureId, status: 'overdue' }),
    ]);

    const inspector = await devToken({
      sub: 'user:i',
      kind: 'user',
      name: '督查',
      grants: [{ role: 'inspector', unit: '621299' }],
    });
    expect(
      (
        await add(
          {
            type: 'health',
            content: 'x',
            responsible: { name: 'x' },
            startOn: '2026-01-01',
            dueOn: '2026-01-02',
          },
          inspector,
        )
      ).status,
    ).toBe(403);

    const events = await waitFor('plan events', async () => {
      const all = (await kafka.readAll(`${prefix}${Topics.households}`)).map(
        (m) => JSON.parse(String(m.value)) as Ev,
      );
      const mine = [...new Map(all.filter((e) => e.subject === hh.id).map((e) => [e.id, e])).values()];
      return mine.length >= 5 ? mine : undefined;
    });
    expect(events.map((e) => e.type).sort()).toEqual([
      'household.pairing-changed.v1',
      'household.plan-measure-added.v1',
      'household.plan-measure-added.v1',
      'household.plan-measure-completed.v1',
      'household.registered.v1',
    ]);
    expect(events.find((e) => e.type === 'household.plan-measure-completed.v1')?.data).toMatchObject({
      measureId: fish.body.measureId,
      measureType: 'industry',
      completedOn: '2026-11-20',
      by: 'user:paired-1',
    });
  });

  it('pairs a left-behind elder with a carer, records visits with an event each, and keeps relocation records', async () => {
    const hh = await household('P-2');
    const memberId = hh.members[0].memberId;
    const pair = await app.post<{ pairingId: string }>(`/api/v1/households/${hh.id}/care-pairings`, {
      memberId,
      group: 'left_behind_elderly',
      carer: { userId: 'user:carer-1', name: '村妇联主任' },
      since: '2026-01-01',
    });
    expect(pair.status).toBe(201);
    expect(
      (
        await app.post(`/api/v1/households/${hh.id}/care-pairings`, {
          memberId,
          group: 'left_behind_elderly',
          carer: { name: '另一人' },
          since: '2026-02-01',
        })
      ).status,
    ).toBe(409);
    const visits = `/api/v1/households/${hh.id}/care-pairings/${encodeURIComponent(pair.body.pairingId)}/visits`;
    expect((await app.post(visits, { visitedOn: '2026-10-01', notes: '身体尚好' })).status).toBe(201);
    expect((await app.post(visits, { visitedOn: '2026-11-01' })).status).toBe(201);
    expect((await app.post(visits, { visitedOn: '2099-01-01' })).status).toBe(400);
    const read = await app.get<{
      pairings: Array<{ visits: unknown[]; lastVisitedOn: string; group: string }>;
    }>(`/api/v1/households/${hh.id}/care-pairings`);
    expect(read.body.pairings).toEqual([
      expect.objectContaining({ group: 'left_behind_elderly', lastVisitedOn: '2026-11-01' }),
    ]);
    expect(read.body.pairings[0].visits).toHaveLength(2);

    const moved = await app.post(`/api/v1/households/${hh.id}/relocations`, {
      mode: 'concentrated',
      site: '镇区集中安置点',
      movedOn: '2026-06-15',
    });
    expect(moved.status).toBe(201);
    expect(
      (
        await app.post(`/api/v1/households/${hh.id}/relocations`, {
          mode: 'far',
          site: 'x',
          movedOn: '2026-06-15',
        })
      ).status,
    ).toBe(400);
    const relocations = await app.get<{ relocations: Array<Record<string, unknown>> }>(
      `/api/v1/households/${hh.id}/relocations`,
    );
    expect(relocations.body.relocations).toEqual([
      expect.objectContaining({ mode: 'concentrated', site: '镇区集中安置点' }),
    ]);

    const outsider = await devToken({
      sub: 'user:o',
      kind: 'user',
      name: '外村',
      grants: [{ role: 'village-cadre', unit: '621299101202' }],
    });
    expect((await app.get(`/api/v1/households/${hh.id}/care-pairings`, { token: outsider })).status).toBe(
      404,
    );

    const events = await waitFor('two care visits', async () => {
      const all = (await kafka.readAll(`${prefix}${Topics.households}`)).map(
        (m) => JSON.parse(String(m.value)) as Ev,
      );
      const mine = [
        ...new Map(
          all
            .filter((e) => e.subject === hh.id && e.type === 'household.care-visit-recorded.v1')
            .map((e) => [e.id, e]),
        ).values(),
      ];
      return mine.length >= 2 ? mine : undefined;
    });
    expect(events.map((e) => e.data.visitedOn).sort()).toEqual(['2026-10-01', '2026-11-01']);
    expect(events[0].data).toMatchObject({
      memberId,
      group: 'left_behind_elderly',
      carer: { name: '村妇联主任' },
    });
  });
});
