import { Role } from '@lib/auth';
import { devToken } from '@lib/testing';
import { SupervisionHarness } from './harness';

/**
 * 工作日历: the national calendar of 2026 as seeded (国庆 Oct 1–7 off, Saturday Oct 10 worked), a
 * county's override set by its administrator, and the attendance it re-judges: a local day off turns
 * a flagged working day into a day off, and the month's working days and requirement follow.
 */
describe('working calendar API (工作日历)', () => {
  const h = new SupervisionHarness();
  let memberId = '';
  const as = async (role: Role, unit: string) => ({
    token: await devToken({ sub: `u-${role}-${unit}`, kind: 'user', name: role, grants: [{ role, unit }] }),
  });
  const summary = () =>
    h.app.get<{
      workingDays: number;
      requiredDays: number;
      onPostDays: number;
      patternDays: Record<string, string[]>;
    }>(`/api/v1/attendance/summary?memberId=${memberId}&month=2026-10`);

  beforeAll(async () => {
    await h.start();
    const teamId = await h.createTeam();
    memberId = await h.addMember(teamId, { name: '马兰' });
    // Friday Oct 9: in the village in the morning and the evening only → 早晚打卡、白天不见人
    const at = (hhmm: string) => ({
      source: 'gps-terminal',
      sourceRecordId: `cal-${hhmm}`,
      memberId,
      checkTime: `2026-10-09T${hhmm}:00+08:00`,
      latitude: 34.5801,
      longitude: 105.7203,
    });
    const pushed = await h.pushSigned({ records: [at('08:50'), at('18:10')] });
    if (pushed.status !== 200) throw new Error(`check-ins: ${pushed.status} ${JSON.stringify(pushed.body)}`);
  }, 90_000);
  afterAll(() => h.stop());

  it('shows the national calendar with its holidays, 调休 days and working days per month', async () => {
    const res = await h.app.get<{
      national: { holidays: string[]; workdays: string[] };
      override: unknown;
      workingDaysPerMonth: Record<string, number>;
    }>('/api/v1/calendars/2026');
    expect(res.status).toBe(200);
    expect(res.body.national.holidays).toEqual(
      expect.arrayContaining(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
    );
    expect(res.body.national.workdays).toContain('2026-10-10');
    expect(res.body.override).toBeNull();
    expect(res.body.workingDaysPerMonth['2026-10']).toBe(18);
    expect(res.body.workingDaysPerMonth['2026-11']).toBe(21);
    expect((await summary()).body).toMatchObject({
      workingDays: 18,
      patternDays: { morning_evening_only: ['2026-10-09'] },
    });
  });

  it('lists the working days themselves (the demo loader picks its check-in days from them)', async () => {
    const res = await h.app.get<{ workingDays: string[]; workingDaysPerMonth: Record<string, number> }>(
      '/api/v1/calendars/2026',
    );
    const october = res.body.workingDays.filter((d) => d.startsWith('2026-10-'));
    expect(october).toHaveLength(res.body.workingDaysPerMonth['2026-10']);
    expect(october).toContain('2026-10-10'); // 调休: a Saturday worked
    expect(october).not.toContain('2026-10-01'); // 国庆节
    expect(october).not.toContain('2026-10-11'); // a Sunday
    expect(res.body.workingDays).toHaveLength(
      Object.values(res.body.workingDaysPerMonth).reduce((a, b) => a + b, 0),
    );
  });

  it('a county override re-judges the month: a local day off is no longer a flagged working day', async () => {
    const admin = await as('county-admin', '621299');
    const put = await h.app.request(
      'PUT',
      '/api/v1/calendars/2026/counties/621299',
      { holidays: ['2026-10-09'], workdays: [] },
      admin,
    );
    expect(put).toMatchObject({
      status: 200,
      body: { countyCode: '621299', changedMonths: ['2026-10'], recomputed: 1 },
    });
    expect((await summary()).body).toMatchObject({
      workingDays: 17,
      requiredDays: 17,
      patternDays: { morning_evening_only: [] },
    });
    // seen in the village on a day off: on post
    expect((await summary()).body.onPostDays).toBe(1);

    const effective = await h.app.get<{
      override: { holidays: string[] };
      effective: { holidays: string[] };
      workingDaysPerMonth: Record<string, number>;
    }>('/api/v1/calendars/2026?countyCode=621299', admin);
    expect(effective.body.override.holidays).toEqual(['2026-10-09']);
    expect(effective.body.effective.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-09']));
    expect(effective.body.workingDaysPerMonth['2026-10']).toBe(17);

    // the same override again changes nothing
    const same = await h.app.request(
      'PUT',
      '/api/v1/calendars/2026/counties/621299',
      { holidays: ['2026-10-09'] },
      admin,
    );
    expect(same).toMatchObject({ status: 200, body: { changedMonths: [], recomputed: 0 } });

    // withdrawing it brings the flag back
    const back = await h.app.request(
      'PUT',
      '/api/v1/calendars/2026/counties/621299',
      { holidays: [] },
      admin,
    );
    expect(back).toMatchObject({ status: 200, body: { changedMonths: ['2026-10'], recomputed: 1 } });
    expect((await summary()).body).toMatchObject({
      workingDays: 18,
      patternDays: { morning_evening_only: ['2026-10-09'] },
    });
  });

  it('answers 400 naming the field, and changes nothing', async () => {
    const admin = await as('county-admin', '621299');
    const put = (body: unknown) =>
      h.app.request<{ problems?: Array<{ field: string }>; message?: unknown }>(
        'PUT',
        '/api/v1/calendars/2026/counties/621299',
        body,
        admin,
      );
    const field = async (body: unknown) => {
      const res = await put(body);
      expect(res.status).toBe(400);
      return res.body.problems?.[0]?.field;
    };
    expect(await field({ holidays: ['2025-12-31'] })).toBe('holidays.0');
    expect(await field({ holidays: ['2026-10-12'], workdays: ['2026-10-11', '2026-10-12'] })).toBe(
      'workdays.1',
    );
    expect(await field({ holidays: ['2026-02-30'] })).toBe('holidays.0');
    expect(await field({ holidays: [], extra: true })).toBeDefined();
    expect((await h.app.get('/api/v1/calendars/1999')).status).toBe(400);
    const still = await h.app.get<{ workingDaysPerMonth: Record<string, number> }>(
      '/api/v1/calendars/2026?countyCode=621299',
    );
    expect(still.body.workingDaysPerMonth['2026-10']).toBe(18);
  });

  it('lets only the county’s own administrator change it', async () => {
    const body = { holidays: ['2026-10-09'] };
    const path = '/api/v1/calendars/2026/counties/621299';
    expect((await h.app.request('PUT', path, body, await as('town-official', '621299101'))).status).toBe(403);
    expect((await h.app.request('PUT', path, body, await as('county-admin', '621288'))).status).toBe(403);
    expect((await h.app.request('PUT', path, body, { token: null })).status).toBe(401);
    // another county's override is not shown to an official of this one
    expect(
      (await h.app.get('/api/v1/calendars/2026?countyCode=621288', await as('town-official', '621299101')))
        .status,
    ).toBe(404);
    expect((await summary()).body.patternDays.morning_evening_only).toEqual(['2026-10-09']);
  });
});
