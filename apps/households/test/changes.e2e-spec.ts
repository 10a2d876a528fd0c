import { MongoClient } from 'mongodb';
import { Topics } from '@lib/contracts';
import { AppProcess, devToken, infra, waitFor } from '@lib/testing';
import { checkCharOf } from '../src/households/domain/id-number';
import { HouseholdsHarness } from './harness';

const idNumber = (first17: string) => first17 + checkCharOf(first17);
type Problem = { field: string; reason: string };
type HouseholdRes = {
  id: string;
  version: number;
  riskTypes?: string[];
  contactPhone?: string;
  monitoringCategory: string | null;
  members: Array<Record<string, unknown> & { memberId: string }>;
  problems?: Problem[];
};
type Ev = { id: string; type: string; subject: string; data: Record<string, unknown> };

describe('household fields, changes, members, paired cadres and list filters (帮扶对象台账)', () => {
  const h = new HouseholdsHarness();
  const { prefix, kafka } = h;
  const mongo = new MongoClient(infra.mongoUrl);
  let app: AppProcess;
  let seq = 0;

  beforeAll(async () => {
    app = (await h.start()).app;
    await mongo.connect();
  }, 90_000);
  afterAll(async () => {
    await h.stop();
    await mongo.close();
  });

  const register = (extra: Record<string, unknown> = {}, members?: unknown[]) =>
    app.post<HouseholdRes>('/api/v1/households', {
      householdNumber: `CH-${++seq}`,
      villageCode: '621299101203',
      householdType: 'lifted_out_of_poverty',
      members: members ?? [{ name: '赵德明', relation: 'head', sex: 'male', birthDate: '1968-04-04' }],
      ...extra,
    });
  const patch = (path: string, body: unknown, token?: string) =>
    app.request<HouseholdRes>('PATCH', path, body, token ? { token } : {});
  const eventsOf = (id: string, count: number) =>
    waitFor(`${count} events of ${id}`, async () => {
      const all = (await kafka.readAll(`${prefix}${Topics.households}`)).map(
        (m) => JSON.parse(String(m.value)) as Ev,
      );
      const distinct = [...new Map(all.filter((e) => e.subject === id).map((e) => [e.id, e])).values()];
      return distinct.length >= count ? distinct : undefined;
    });

  it('keeps the national-export fields, with health and phones encrypted and hidden', async () => {
    const id = idNumber('62129919680404111');
    const res = await register(
      {
        groupName: '三组',
        riskTypes: ['illness', 'lack_of_labour'],
        income: { perCapitaNet: 6800, wage: 12000, transfer: 3200 },
        medicalOutOfPocket: 5400,
        land: { arable: 3.5, forest: 10 },
        housing: { area: 96, dilapidated: false, grade: 'B' },
        safeDrinkingWater: true,
        electricity: true,
        hardenedRoad: true,
        sanitaryToilet: false,
        contactPhone: '13987654321',
        collector: '村干部李四',
        wholeHouseholdNoLabour: false,
      },
      [
        {
          name: '赵德明',
          relation: 'head',
          sex: 'male',
          birthDate: '1968-04-04',
          idNumber: id,
          ethnicity: '汉族',
          education: 'junior_secondary',
          schoolStatus: 'not_student',
          health: 'disabled',
          disabilityLevel: 2,
          labourSkill: 'weak',
          insurance: { basicMedical: true, seriousIllness: true, pension: true },
          minimumLivingAllowance: true,
          publicWelfareJobMonths: 6,
          migrantWork: { working: false },
        },
      ],
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      riskTypes: ['illness', 'lack_of_labour'],
      housing: { grade: 'B' },
      contactPhone: '139****4321',
    });
    expect(res.body.members[0]).toMatchObject({ health: '***', education: 'junior_secondary' });
    expect(res.body.members[0]).not.toHaveProperty('disabilityLevel');
    const raw = JSON.stringify(
      await mongo
        .db(h.database)
        .collection('households')
        .findOne({ _id: res.body.id } as never),
    );
    expect(raw).not.toMatch(/disabled|13987654321/);
    expect(raw).not.toContain(id);

    const cadre = await devToken({
      sub: 'user:cadre-9',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: '621299101203' }],
    });
    const clear = await app.get(
      `/api/v1/households/${res.body.id}/members/${res.body.members[0].memberId}/personal-data`,
      { token: cadre },
    );
    expect(clear.body).toMatchObject({ idNumber: id, health: 'disabled', disabilityLevel: 2 });
    const phone = await app.get(`/api/v1/households/${res.body.id}/personal-data`, { token: cadre });
    expect(phone.body).toMatchObject({ contactPhone: '13987654321' });

    const bad = await register(
      { riskTypes: ['illness', 'disability', 'schooling', 'accident', 'other', 'housing_safety'] },
      [
        {
          name: '甲',
          relation: 'head',
          sex: 'male',
          birthDate: '1970-01-01',
          health: 'healthy',
          disabilityLevel: 1,
        },
      ],
    );
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.field).sort()).toEqual(['members.0.disabilityLevel', 'riskTypes']);
  });

  it('PATCH changes fields and category with one event each, refuses what may not change, and is a no-op when equal', async () => {
    const hh = (await register({ riskTypes: ['illness'] })).body;
    const path = `/api/v1/households/${hh.id}`;
    const res = await patch(path, {
      riskTypes: ['illness', 'unstable_work'],
      monitoringCategory: 'unstable_lifted',
      contactPhone: '13700001111',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 2,
      riskTypes: ['illness', 'unstable_work'],
      monitoringCategory: 'unstable_lifted',
      contactPhone: '137****1111',
    });
    expect((await app.get<HouseholdRes>(path)).body).toMatchObject({
      version: 2,
      monitoringCategory: 'unstable_lifted',
    });
    // equal values change nothing
    expect((await patch(path, { riskTypes: ['illness', 'unstable_work'] })).body.version).toBe(2);
    // the village and household number stay; operators are refused; at most five risk types
    for (const body of [
      { villageCode: '621299101201' },
      { householdNumber: 'X' },
      { riskTypes: { $ne: null } },
      {},
      { riskTypes: ['illness', 'illness'] },
    ]) {
      const r = await patch(path, body);
      expect(r.status).toBe(400);
      expect(r.body.problems?.length).toBeGreaterThan(0);
    }
    expect((await app.get<HouseholdRes>(path)).body.version).toBe(2);

    const events = await eventsOf(hh.id, 3);
    const updated = events.find((e) => e.type === 'household.updated.v1')!;
    expect(updated.data).toMatchObject({
      version: 2,
      changedFields: ['riskTypes', 'contactPhone'],
      changes: { riskTypes: ['illness', 'unstable_work'] },
      by: 'service:test',
    });
    expect(JSON.stringify(updated)).not.toContain('13700001111');
    expect(events.find((e) => e.type === 'household.category-changed.v1')?.data).toMatchObject({
      from: null,
      to: 'unstable_lifted',
      version: 2,
    });

    const inspector = await devToken({
      sub: 'user:i',
      kind: 'user',
      name: '督查',
      grants: [{ role: 'inspector', unit: '621299' }],
    });
    expect((await patch(path, { collector: '某' }, inspector)).status).toBe(403);
    const outsider = await devToken({
      sub: 'user:o',
      kind: 'user',
      name: '外村',
      grants: [{ role: 'village-cadre', unit: '621299101202' }],
    });
    expect((await patch(path, { collector: '某' }, outsider)).status).toBe(404);
  });

  it('adds, changes and removes members with events, one active membership per person', async () => {
    const hh = (await register()).body;
    const base = `/api/v1/households/${hh.id}/members`;
    const childId = idNumber('62129920100808222');
    const added = await app.post<HouseholdRes>(base, {
      name: '赵小宝',
      relation: 'child',
      sex: 'male',
      birthDate: '2010-08-08',
      idNumber: childId,
      schoolStatus: 'junior_secondary',
    });
    expect(added.status).toBe(201);
    const child = added.body.members.find((m) => m.relation === 'child')!;
    expect(child).toMatchObject({
      idNumber: '6212**********' + childId.slice(-4),
      schoolStatus: 'junior_secondary',
    });

    // the same person cannot join a second household
    const other = (await register()).body;
    const dup = await app.post<HouseholdRes>(`/api/v1/households/${other.id}/members`, {
      name: '赵小宝',
      relation: 'child',
      sex: 'male',
      birthDate: '2010-08-08',
      idNumber: childId,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.problems?.[0].field).toBe('idNumber');
    // a second head is refused
    expect(
      (await app.post(base, { name: '某', relation: 'head', sex: 'male', birthDate: '1990-01-01' })).status,
    ).toBe(409);

    // a birth date that contradicts the stored ID number is refused; a correct change goes through
    const wrong = await patch(`${base}/${child.memberId}`, { birthDate: '2011-08-08' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.problems?.[0].field).toBe('birthDate');
    const changed = await patch(`${base}/${child.memberId}`, {
      schoolStatus: 'senior_secondary',
      health: 'chronic_illness',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.members.find((m) => m.memberId === child.memberId)).toMatchObject({
      schoolStatus: 'senior_secondary',
      health: '***',
    });

    // the head cannot be removed; the child can, and is then free to join another household
    const head = added.body.members.find((m) => m.relation === 'head')!;
    expect((await app.request('DELETE', `${base}/${head.memberId}`)).status).toBe(409);
    const removed = await app.request<HouseholdRes>('DELETE', `${base}/${child.memberId}?reason=moved_out`);
    expect(removed.status).toBe(200);
    expect(removed.body.members).toHaveLength(1);
    expect(
      (
        await app.post(`/api/v1/households/${other.id}/members`, {
          name: '赵小宝',
          relation: 'child',
          sex: 'male',
          birthDate: '2010-08-08',
          idNumber: childId,
        })
      ).status,
    ).toBe(201);

    const events = await eventsOf(hh.id, 4);
    expect(events.map((e) => e.type)).toEqual([
      'household.registered.v1',
      'household.member-added.v1',
      'household.member-changed.v1',
      'household.member-removed.v1',
    ]);
    expect(events.map((e) => e.data.version)).toEqual([undefined, 2, 3, 4]);
    expect(events[2].data).toMatchObject({ changedFields: ['schoolStatus', 'health'] });
    expect(events[3].data).toMatchObject({ memberId: child.memberId, reason: 'moved_out' });
    expect(JSON.stringify(events)).not.toMatch(/chronic_illness|赵小宝/);
  });

  it('pairs cadres (帮扶责任人) and lists by village, category, risk type, paired cadre and lifecycle state, paged and sorted', async () => {
    const mk = async (n: string, village: string, extra: Record<string, unknown>) =>
      (
        await app.post<HouseholdRes>('/api/v1/households', {
          householdNumber: n,
          villageCode: village,
          householdType: 'ordinary',
          members: [{ name: '钱春生', relation: 'head', sex: 'male', birthDate: '1975-01-01' }],
          ...extra,
        })
      ).body;
    const a = await mk('F-003', '621299101205', {
      riskTypes: ['disability'],
      monitoringCategory: 'marginal_at_risk',
    });
    const b = await mk('F-001', '621299101205', { riskTypes: ['disability', 'illness'] });
    const c = await mk('F-002', '621299101205', { riskTypes: ['schooling'] });
    await mk('F-004', '621299101204', { riskTypes: ['disability'] });

    const cadres = [{ userId: 'user:cadre-wang', name: '王建国', orgUnit: '621299101' }];
    const paired = await app.request<HouseholdRes & { pairedCadres: unknown[] }>(
      'PUT',
      `/api/v1/households/${b.id}/paired-cadres`,
      { cadres },
    );
    expect(paired.status).toBe(200);
    expect(paired.body.pairedCadres).toEqual(cadres);
    await app.request('PUT', `/api/v1/households/${c.id}/paired-cadres`, { cadres });
    expect(
      (
        await app.request('PUT', `/api/v1/households/${c.id}/paired-cadres`, {
          cadres: [...cadres, cadres[0]],
        })
      ).status,
    ).toBe(400);
    const ev = (await eventsOf(b.id, 2)).find((e) => e.type === 'household.pairing-changed.v1');
    expect(ev?.data).toMatchObject({ cadres, added: ['user:cadre-wang'], removed: [] });

    expect(
      (
        await app.post(`/api/v1/households/${a.id}/lifecycle-transitions`, {
          action: 'identify',
          channel: 'self_application',
        })
      ).status,
    ).toBe(201);

    type Page = { items: Array<{ householdNumber: string }>; total: number; problems?: Problem[] };
    const numbers = async (q: string) => {
      const r = await app.get<Page>(`/api/v1/households?${q}`);
      expect(r.status).toBe(200);
      return r.body.items.map((i) => i.householdNumber);
    };
    const v = 'villageCode=621299101205';
    expect(await numbers(v)).toEqual(['F-001', 'F-002', 'F-003']);
    expect(await numbers(`${v}&sort=-householdNumber`)).toEqual(['F-003', 'F-002', 'F-001']);
    expect(await numbers(`${v}&riskType=disability`)).toEqual(['F-001', 'F-003']);
    expect(await numbers(`riskType=disability&townCode=621299101`)).toEqual(['F-004', 'F-001', 'F-003']);
    expect(await numbers(`${v}&monitoringCategory=marginal_at_risk`)).toEqual(['F-003']);
    expect(await numbers(`pairedCadre=user:cadre-wang`)).toEqual(['F-001', 'F-002']);
    expect(await numbers(`${v}&lifecycleState=identified`)).toEqual(['F-003']);
    const page2 = await app.get<Page>(`/api/v1/households?${v}&pageSize=2&page=2`);
    expect(page2.body).toMatchObject({ total: 3, items: [{ householdNumber: 'F-003' }] });

    for (const q of [
      'villageCode[$ne]=x',
      'riskType[$exists]=true',
      'sort=$natural',
      'sort=members',
      'riskType=flood',
      'where=1',
    ]) {
      const r = await app.get<Page>(`/api/v1/households?${q}`);
      expect(r.status).toBe(400);
      expect(r.body.problems?.length).toBeGreaterThan(0);
    }
  });
});
