import { SupervisionHarness } from './harness';

describe('work teams and members API (驻村工作队)', () => {
  const h = new SupervisionHarness();
  beforeAll(() => h.start(), 90_000);
  afterAll(() => h.stop());

  it('creates a team with its org units and defaults, and lists it by village', async () => {
    const id = await h.createTeam({ requiredDaysPerMonth: undefined });
    const team = await h.app.get<Record<string, unknown>>(`/api/v1/teams/${id}`);
    expect(team.body).toMatchObject({
      id,
      countyCode: '621299',
      townCode: '621299101',
      villageCode: '621299101201',
      requiredDaysPerMonth: 20,
      workingHours: { start: '09:00', end: '18:00' },
      members: [],
    });
    const list = await h.app.get<{ total: number }>('/api/v1/teams?villageCode=621299101201');
    expect(list.body.total).toBe(1);
  });

  it('answers 400 naming the field', async () => {
    const res = await h.app.post<{ problems: Array<{ field: string }> }>('/api/v1/teams', {
      name: '队',
      villageCode: '6212991012',
      sendingUnit: '县农业农村局',
      geofence: { latitude: 34.58, longitude: 105.72, radiusM: 5 },
    });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p) => p.field).sort()).toEqual(['geofence.radiusM', 'villageCode']);
  });

  it('adds members, maps a DingTalk user id to one member only, and ends a posting', async () => {
    const teamId = await h.createTeam();
    const a = await h.addMember(teamId, {
      name: '张明',
      role: 'first_secretary',
      dingtalkUserId: 'dt-team-a',
    });
    const dup = await h.app.post<{ problems: Array<{ field: string }> }>(`/api/v1/teams/${teamId}/members`, {
      name: '李强',
      role: 'member',
      sendingUnit: '县水务局',
      postedFrom: '2026-09-01',
      dingtalkUserId: 'dt-team-a',
    });
    expect(dup.status).toBe(400);
    expect(dup.body.problems[0].field).toBe('dingtalkUserId');
    const bad = await h.app.request<{ problems: Array<{ field: string }> }>('PATCH', `/api/v1/members/${a}`, {
      postedTo: '2026-08-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].field).toBe('postedTo');
    const ended = await h.app.request('PATCH', `/api/v1/members/${a}`, { postedTo: '2026-12-31' });
    expect(ended).toMatchObject({
      status: 200,
      body: { postedTo: '2026-12-31', dingtalkUserId: 'dt-team-a' },
    });
    const team = await h.app.get<{ members: unknown[] }>(`/api/v1/teams/${teamId}`);
    expect(team.body.members).toHaveLength(1);
  });

  it('records an inspection (督查) and tracks its follow-up (整改)', async () => {
    const teamId = await h.createTeam();
    const memberId = await h.addMember(teamId, { name: '王芳' });
    const res = await h.app.post<{ id: string; status: string; townCode: string }>('/api/v1/inspections', {
      teamId,
      inspectedOn: '2026-10-21',
      inspector: '镇纪委 陈明',
      findings: [{ memberId, finding: '工作日白天不在村，驻村日志缺失', severity: 'high' }],
    });
    expect(res).toMatchObject({ status: 201, body: { status: 'open', townCode: '621299101' } });
    const step = await h.app.post(`/api/v1/inspections/${res.body.id}/follow-ups`, {
      status: 'closed',
      note: '已约谈并整改，补齐工作日志',
      by: '镇党委',
    });
    expect(step).toMatchObject({
      status: 200,
      body: { status: 'closed', followUps: [{ status: 'closed' }] },
    });
    const open = await h.app.get<{ total: number }>(`/api/v1/inspections?teamId=${teamId}&status=open`);
    expect(open.body.total).toBe(0);
    const bad = await h.app.post<{ problems: Array<{ field: string }> }>('/api/v1/inspections', {
      teamId,
      inspectedOn: '2026-10-21',
      inspector: '镇纪委',
      findings: [{ finding: '缺勤', severity: 'urgent' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].field).toBe('findings.0.severity');
  });

  it('keeps the team’s fund ledger with approval (经费台账)', async () => {
    const teamId = await h.createTeam();
    const entry = (amount: number, description: string) =>
      h.app.post<{ id: string; amount: number; status: string }>('/api/v1/fund-entries', {
        teamId,
        spentOn: '2026-10-09',
        amount,
        category: 'transport',
        description,
        receipts: ['oss://receipts/2026/10/09-1.jpg'],
        recordedBy: '张明',
      });
    const a = await entry(120.5, '赴县城购买监测户慰问物资车费');
    const b = await entry(0.1, '复印');
    const c = await entry(0.2, '复印');
    expect(a).toMatchObject({ status: 201, body: { amount: 120.5, status: 'pending' } });
    const decide = (id: string, approve: boolean) =>
      h.app.post(`/api/v1/fund-entries/${id}/decision`, { approve, decidedBy: '镇党委' });
    expect((await decide(b.body.id, true)).status).toBe(200);
    expect((await decide(c.body.id, true)).status).toBe(200);
    expect((await decide(b.body.id, false)).status).toBe(409);
    const ledger = await h.app.get<{ total: number; totals: Record<string, number> }>(
      `/api/v1/fund-entries?teamId=${teamId}&month=2026-10`,
    );
    expect(ledger.body).toMatchObject({ total: 3, totals: { approved: 0.3, pending: 120.5 } });
    const bad = await entry(1.234, 'x');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('amount');
  });

  it('answers 404 for an unknown team and 401 without a token', async () => {
    expect((await h.app.get('/api/v1/teams/7c9e6679-7425-40de-944b-e07fc1f90ae7')).status).toBe(404);
    expect((await h.app.get('/api/v1/teams', { token: null })).status).toBe(401);
  });
});
