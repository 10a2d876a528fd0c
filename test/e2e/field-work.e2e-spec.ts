import { randomUUID } from 'node:crypto';
import { waitFor } from '@lib/testing';
import { aHousehold, aSurvey, Platform } from './platform';

interface Stored {
  id: string;
  replayed?: boolean;
}

/**
 * Issue #20, the server side of the phone's queue: a survey or a work log carries the id the phone
 * gave it, so an upload sent again (a lost answer, a doubled sync, two at once) answers the record
 * already stored and never makes a second; another survey of the same household and month is a 409
 * naming the one stored, which the phone shows and turns into a correction.
 */
describe('the server side of field work (#20): idempotent uploads, org-unit outlines', () => {
  const platform = new Platform();
  const ids: string[] = [];

  beforeAll(async () => {
    await platform.start(['households', 'monitoring', 'supervision']);
    const { apps } = platform;
    for (const n of ['1', '2', '3']) {
      const created = await apps.households.post<{ id: string }>(
        '/api/v1/households',
        aHousehold(`HH-IDEM-${n}`),
      );
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    for (const id of ids)
      await waitFor(
        'monitoring to know the household',
        async () => (await apps.monitoring.get(`/api/v1/monitored-households/${id}`)).status === 200,
      );
  }, 300_000);

  afterAll(() => platform.stop());

  const surveysOf = async (householdId: string) =>
    (await platform.apps.monitoring.get<{ items: Stored[] }>(`/api/v1/surveys?householdId=${householdId}`))
      .body.items;

  it('a survey sent again answers the one stored (replayed), and still one survey', async () => {
    const id = randomUUID();
    const first = await platform.apps.monitoring.post<Stored>('/api/v1/surveys', aSurvey(ids[0], { id }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id });
    expect(first.body.replayed).toBeUndefined();
    const again = await platform.apps.monitoring.post<Stored>('/api/v1/surveys', aSurvey(ids[0], { id }));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id, replayed: true });
    expect((await surveysOf(ids[0])).map((s) => s.id)).toEqual([id]);
  });

  it('three copies sent at once make one survey', async () => {
    const id = randomUUID();
    const answers = await Promise.all(
      [1, 2, 3].map(() => platform.apps.monitoring.post<Stored>('/api/v1/surveys', aSurvey(ids[1], { id }))),
    );
    expect(answers.map((a) => [a.status, a.body.id])).toEqual([
      [201, id],
      [201, id],
      [201, id],
    ]);
    expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1);
    expect((await surveysOf(ids[1])).map((s) => s.id)).toEqual([id]);
  });

  it('another survey of the same household and month is a 409 naming the stored one; the id cannot be reused elsewhere', async () => {
    const stored = (await surveysOf(ids[0]))[0].id;
    const other = await platform.apps.monitoring.post<Record<string, unknown>>(
      '/api/v1/surveys',
      aSurvey(ids[0], { id: randomUUID(), income: { wage: 12000 } }),
    );
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({
      existingSurveyId: stored,
      problems: [{ field: 'month', reason: 'already surveyed this month' }],
    });
    // the phone's id of one household's survey sent for another household
    const reused = await platform.apps.monitoring.post<{ problems: Array<{ field: string }> }>(
      '/api/v1/surveys',
      aSurvey(ids[2], { id: stored }),
    );
    expect(reused.status).toBe(400);
    expect(reused.body.problems.map((p) => p.field)).toEqual(['id']);
    expect(await surveysOf(ids[2])).toEqual([]);
    expect((await surveysOf(ids[0])).map((s) => s.id)).toEqual([stored]);
  });

  it('a survey finding more residents than the household has members is refused naming the field as the phone does; a member added later makes room', async () => {
    const { monitoring, households } = platform.apps;
    const id = randomUUID();
    const body = aSurvey(ids[2], { id, month: '2026-09', residentMembers: 3 });
    const refused = await monitoring.post<{ problems: Array<{ field: string; reason: string }> }>(
      '/api/v1/surveys',
      body,
    );
    expect(refused.status).toBe(400);
    // the very words the phone's form shows (residentsProblem of libs/contracts)
    expect(refused.body.problems).toEqual([{ field: 'residentMembers', reason: '不能多于登记人口（2 人）' }]);
    expect(await surveysOf(ids[2])).toEqual([]);
    const added = await households.post(`/api/v1/households/${ids[2]}/members`, {
      name: '王小明',
      relation: 'child',
      sex: 'male',
      birthDate: '2001-05-20',
      labourSkill: 'ordinary',
    });
    expect(added.status).toBe(201);
    await waitFor(
      'monitoring to count the new member',
      async () => (await monitoring.post<Stored>('/api/v1/surveys', body)).status === 201,
    );
    expect((await surveysOf(ids[2])).map((s) => s.id)).toEqual([id]);
  });

  it('a work log sent twice is one log', async () => {
    const sv = platform.apps.supervision;
    const team = await sv.post<{ id: string }>('/api/v1/teams', {
      name: '三联村驻村工作队',
      villageCode: '621299101201',
      sendingUnit: '县农业农村局',
      geofence: { latitude: 34.58, longitude: 105.72, radiusM: 800 },
    });
    expect(team.status).toBe(201);
    const member = await sv.post<{ id: string }>(`/api/v1/teams/${team.body.id}/members`, {
      name: '王芳',
      role: 'member',
      sendingUnit: '县农业农村局',
      postedFrom: '2026-09-01',
    });
    expect(member.status).toBe(201);
    const id = randomUUID();
    const log = {
      id,
      memberId: member.body.id,
      at: new Date().toISOString(),
      content: '入户走访三户，核实务工收入',
      place: { address: '三联村村委会', latitude: 34.5801, longitude: 105.7202 },
    };
    const first = await sv.post<Stored>('/api/v1/worklogs', log);
    const again = await sv.post<Stored>('/api/v1/worklogs', log);
    expect([first.status, first.body.id, again.status, again.body.id, again.body.replayed]).toEqual([
      201,
      id,
      201,
      id,
      true,
    ]);
    const listed = await sv.get<{ items: Stored[] }>(`/api/v1/worklogs?memberId=${member.body.id}`);
    expect(listed.body.items.map((l) => l.id)).toEqual([id]);
  });

  it('an org unit takes an outline and a centre, listed as GeoJSON for the map; a bad outline is refused naming the field', async () => {
    const hh = platform.apps.households;
    const ring = [
      [105.7, 34.57],
      [105.74, 34.57],
      [105.74, 34.6],
      [105.7, 34.6],
      [105.7, 34.57],
    ];
    for (const [code, name] of [
      ['621299', '示范县'],
      ['621299101', 'XX镇'],
    ])
      expect([201, 409]).toContain((await hh.post('/api/v1/org-units', { code, name })).status);
    const village = await hh.post('/api/v1/org-units', {
      code: '621299101201',
      name: '三联村',
      boundary: { type: 'Polygon', coordinates: [ring] },
      centre: { lat: 34.58, lng: 105.72 },
    });
    expect([201, 409]).toContain(village.status);
    const set = await hh.request('PUT', '/api/v1/org-units/621299101/geometry', {
      centre: { lat: 34.6, lng: 105.853 },
    });
    expect(set.status).toBe(200);
    const open = await hh.request<{ problems: Array<{ field: string }> }>(
      'PUT',
      '/api/v1/org-units/621299101/geometry',
      {
        boundary: { type: 'Polygon', coordinates: [ring.slice(0, 4)] },
      },
    );
    expect(open.status).toBe(400);
    expect(open.body.problems.map((p) => p.field)).toEqual(['boundary.coordinates.0']);
    const geo = await hh.get<{
      features: Array<{ id: string; geometry: unknown; properties: { centre: unknown } }>;
    }>('/api/v1/org-units/geometry');
    expect(geo.body.features.map((f) => [f.id, f.geometry !== null, f.properties.centre])).toEqual([
      ['621299101', false, { lat: 34.6, lng: 105.853 }],
      ['621299101201', true, { lat: 34.58, lng: 105.72 }],
    ]);
    expect(geo.body.features[1].geometry).toEqual({ type: 'Polygon', coordinates: [ring] });
  });

  it('低于监测范围 is a filter of the survey list on the server: below, or at and above, the county’s line of the year', async () => {
    const { monitoring } = platform.apps;
    // 621299 has no line of its own: the national 6,000 元 applies; (20000+1500+2400-500)/2 = 11,700 元
    const above = randomUUID();
    const stored = await monitoring.post<Stored>(
      '/api/v1/surveys',
      aSurvey(ids[2], {
        id: above,
        month: '2026-08',
        income: { wage: 20000, business: 1500, property: 0, transfer: 2400, businessCosts: 500 },
      }),
    );
    expect(stored.status).toBe(201);
    const listed = async (query: string) =>
      (
        await monitoring.get<{ items: Array<Stored & { perCapitaNetIncome: number }>; total: number }>(
          `/api/v1/surveys?${query}`,
        )
      ).body;
    const below = await listed('belowLine=true&pageSize=500');
    expect(below.items.length).toBeGreaterThanOrEqual(3);
    expect(below.items.every((s) => s.perCapitaNetIncome < 6000)).toBe(true);
    expect(below.total).toBe(below.items.length);
    const notBelow = await listed('belowLine=false');
    expect(notBelow.items.map((s) => [s.id, s.perCapitaNetIncome])).toEqual([[above, 11700]]);
    const ofThird = (await listed(`belowLine=true&householdId=${ids[2]}`)).items;
    expect(ofThird.map((s) => s.perCapitaNetIncome < 6000)).toEqual([true]);
    const bad = await monitoring.get<{ problems: Array<{ field: string }> }>('/api/v1/surveys?belowLine=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.field)).toEqual(['belowLine']);
  });
});
