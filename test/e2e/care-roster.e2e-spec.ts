import { Topics } from '@lib/contracts';
import { AppProcess, waitFor } from '@lib/testing';
import { crossesHop } from '../hops/cross';
import { aHousehold, demoVillage, GATEWAY_ADMIN, Platform } from './platform';

interface RosterView {
  rosterId: string;
  name: string | null;
  idNumber: string | null;
  group: string;
  carer: { userId?: string; name: string };
  frequencyDays: number;
  lastVisitedOn: string | null;
  dueOn: string;
  overdue: boolean;
  daysOverdue: number;
}
interface RosterPage {
  items: RosterView[];
  total: number;
  overdue: number;
}
interface AlertView {
  id: string;
  ruleId: string;
  subjectType: string;
  subjectId: string;
  status: string;
  title: string;
  period: string;
  message: string;
}
interface Problem {
  problems?: Array<{ field: string; reason: string }>;
}

/** A China day `n` days from today (YYYY-MM-DD). */
const chinaDay = (n = 0) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * 关爱服务名册 across households → rules → notifier, through the gateway. Time is the scheduler's day
 * (POST /api/v1/rules/schedule/daily with a day), as for the other time-based rules: a person living
 * alone (visited weekly by default) not visited for 20 days raises one 关爱走访逾期, which the notifier
 * sends once; the paired cadre's visit on the roster resolves it; the county's frequency reaches rules.
 */
describe('care roster: overdue visits raise 关爱走访逾期, the visit resolves it', () => {
  const platform = new Platform();
  let gw: AppProcess;
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();
  const as = (who: string) => ({ token: tokens.get(who)! });

  async function login(username: string, password: string) {
    const r = await gw.post<{ accessToken: string; user: { id: string } }>(
      '/api/v1/auth/login',
      { username, password },
      { token: null },
    );
    expect(r.status).toBe(200);
    return r.body;
  }

  beforeAll(async () => {
    await platform.start(['households', 'rules', 'notifier', 'gateway']);
    gw = platform.apps.gateway;
    tokens.set('admin', (await login(GATEWAY_ADMIN.username, GATEWAY_ADMIN.password)).accessToken);
    const people: Array<[string, string, string]> = [
      ['village', 'village-cadre', demoVillage],
      ['paired', 'paired-cadre', demoVillage],
      ['other-town', 'town-official', '621299102'],
    ];
    for (const [who, role, unit] of people) {
      const username = `care-${who}`;
      const created = await gw.post(
        '/api/v1/users',
        { username, displayName: `${who}`, password: `${username}-password`, roles: [{ role, unit }] },
        as('admin'),
      );
      expect(created.status).toBe(201);
      const session = await login(username, `${username}-password`);
      tokens.set(who, session.accessToken);
      ids.set(who, session.user.id);
    }
  }, 300_000);
  afterAll(() => platform.stop(), 60_000);

  /** Waits until rules has read every households event up to the one `seen` finds. */
  async function rulesHasRead(what: string, seen: (value: string) => boolean) {
    const topic = platform.topic('households.events.v1');
    await waitFor(`households to publish ${what}`, async () =>
      (await platform.kafka.readAll(topic)).some((m) => seen(m.value?.toString() ?? '')),
    );
    await platform.kafka.waitForNoLag(platform.group('rules'), topic, 60_000);
  }

  const runDay = async (day: string) => {
    const r = await gw.post<{ status: string; result: Record<string, number> }>(
      '/api/v1/rules/schedule/daily',
      { day },
      as('admin'),
    );
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ran');
    return r.body.result;
  };
  const alertsOf = async (subjectId: string) => {
    const r = await gw.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${subjectId}`, as('admin'));
    expect(r.status).toBe(200);
    return r.body.items.filter((a) => a.ruleId === 'care-visit-overdue');
  };

  it('raises exactly one alert per missed visit, sent once, resolved by the visit; scoped to the village', async () => {
    const hh = await gw.post<{ id: string }>('/api/v1/households', aHousehold('0901'), as('admin'));
    expect(hh.status).toBe(201);
    const household = await gw.get<{ members: Array<{ memberId: string; name: string }> }>(
      `/api/v1/households/${hh.body.id}`,
      as('admin'),
    );
    const [elder, woman] = household.body.members;
    const today = chinaDay();

    // bad input: 4xx naming the field, nothing written
    const bad = await gw.post<Problem>(
      '/api/v1/care-roster',
      {
        householdId: hh.body.id,
        memberId: elder.memberId,
        group: 'lonely',
        carer: { name: '张' },
        since: today,
      },
      as('village'),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.field)).toContain('group');
    const notMember = await gw.post<Problem>(
      '/api/v1/care-roster',
      {
        householdId: hh.body.id,
        memberId: '00000000-0000-4000-8000-000000000000',
        group: 'disabled',
        carer: { name: '张' },
        since: today,
      },
      as('village'),
    );
    expect(notMember.status).toBe(400);
    expect(notMember.body.problems?.[0].field).toBe('memberId');

    // 独居老人, paired with the cadre, on the roster for 20 days without a visit (weekly by default)
    const since = chinaDay(-20);
    const added = await gw.post<RosterView>(
      '/api/v1/care-roster',
      {
        householdId: hh.body.id,
        memberId: elder.memberId,
        group: 'living_alone_elderly',
        carer: { userId: ids.get('paired'), name: '张帮扶' },
        since,
      },
      as('village'),
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      name: elder.name,
      group: 'living_alone_elderly',
      frequencyDays: 7,
      lastVisitedOn: null,
      dueOn: addDays(since, 7),
      overdue: true,
    });
    const elderId = added.body.rosterId;
    // the same person in the same group again: 409
    const twice = await gw.post<Problem>(
      '/api/v1/care-roster',
      {
        householdId: hh.body.id,
        memberId: elder.memberId,
        group: 'living_alone_elderly',
        carer: { name: '李' },
        since,
      },
      as('village'),
    );
    expect(twice.status).toBe(409);
    // 留守妇女, visited monthly by default, on the roster for 5 days, with a carer without an account
    const second = await gw.post<RosterView>(
      '/api/v1/care-roster',
      {
        householdId: hh.body.id,
        memberId: woman.memberId,
        group: 'left_behind_woman',
        carer: { name: '李关爱' },
        since: chinaDay(-5),
      },
      as('village'),
    );
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ frequencyDays: 30, overdue: false });
    const womanId = second.body.rosterId;

    // the village lists both, filters the overdue one
    const village = await gw.get<RosterPage>(`/api/v1/care-roster?villageCode=${demoVillage}`, as('village'));
    expect(village.body).toMatchObject({ total: 2, overdue: 1 });
    const late = await gw.get<RosterPage>(
      `/api/v1/care-roster?villageCode=${demoVillage}&overdue=true`,
      as('village'),
    );
    expect(late.body.items.map((i) => i.rosterId)).toEqual([elderId]);
    expect(
      (await gw.get<Problem>('/api/v1/care-roster?overdue=maybe', as('village'))).body.problems?.[0].field,
    ).toBe('overdue');
    // the paired cadre sees the person paired with them, not the village's other one
    const mine = await gw.get<RosterPage>('/api/v1/care-roster', as('paired'));
    expect(mine.body.items.map((i) => i.rosterId)).toEqual([elderId]);
    expect((await gw.get(`/api/v1/care-roster/${womanId}`, as('paired'))).status).toBe(404);
    // another town's official sees nothing of it
    const outside = await gw.get<RosterPage>(
      `/api/v1/care-roster?villageCode=${demoVillage}`,
      as('other-town'),
    );
    expect(outside.body).toMatchObject({ items: [], total: 0 });
    expect((await gw.get(`/api/v1/care-roster/${elderId}`, as('other-town'))).status).toBe(404);
    expect(
      (await gw.post(`/api/v1/care-roster/${elderId}/visits`, { visitedOn: today }, as('other-town'))).status,
    ).toBe(404);

    // the daily pass (today): one alert for the person living alone, none for the other
    await rulesHasRead('the roster', (v) => v.includes(womanId));
    const first = await runDay(today);
    expect(first).toMatchObject({ careMembers: 2, careRaised: 1 });
    const [alert] = await alertsOf(elderId);
    expect(alert).toMatchObject({
      subjectType: 'care-member',
      status: 'open',
      title: '关爱走访逾期',
      period: addDays(since, 7),
    });
    expect(alert.message).toContain('独居老人');
    expect(alert.message).toContain('张帮扶');
    expect(await alertsOf(womanId)).toHaveLength(0);
    // the next day's pass: the same overdue period, still one alert
    expect(await runDay(addDays(today, 1))).toMatchObject({ careRaised: 0 });
    expect(await alertsOf(elderId)).toHaveLength(1);

    // the notifier received it once
    const sent = () =>
      platform.sink.received.filter((r) => (r.json as { alertId?: string })?.alertId === alert.id);
    await waitFor('the notifier to send the alert', () => sent().length > 0);
    expect(sent()[0].json).toMatchObject({ title: '关爱走访逾期' });

    // a visit in the future or before the roster is refused, naming the field
    for (const visitedOn of [chinaDay(2), addDays(since, -1)]) {
      const r = await gw.post<Problem>(`/api/v1/care-roster/${elderId}/visits`, { visitedOn }, as('paired'));
      expect(r.status).toBe(400);
      expect(r.body.problems?.[0].field).toBe('visitedOn');
    }
    // the paired cadre visits: the entry is due again in a week, the alert resolves
    const visit = await gw.post<{ entry: RosterView }>(
      `/api/v1/care-roster/${elderId}/visits`,
      { visitedOn: today, note: '身体尚好，已送米面油', location: { latitude: 34.58, longitude: 105.72 } },
      as('paired'),
    );
    expect(visit.status).toBe(201);
    expect(visit.body.entry).toMatchObject({
      lastVisitedOn: today,
      dueOn: addDays(today, 7),
      overdue: false,
    });
    const resolved = await waitFor('the visit to resolve the alert', async () => {
      const [a] = await alertsOf(elderId);
      return a?.status === 'resolved' ? a : undefined;
    });
    expect(resolved.id).toBe(alert.id);
    const detail = await gw.get<{ visits: Array<{ note: string; location: unknown }> }>(
      `/api/v1/care-roster/${elderId}`,
      as('village'),
    );
    expect(detail.body.visits).toEqual([
      expect.objectContaining({
        note: '身体尚好，已送米面油',
        location: { latitude: 34.58, longitude: 105.72 },
      }),
    ]);
    // visited: the next pass raises nothing new
    expect(await runDay(addDays(today, 2))).toMatchObject({ careRaised: 0 });
    expect(await alertsOf(elderId)).toHaveLength(1);
    await platform.kafka.waitForNoLag(platform.group('notifier'), platform.topic(Topics.rulesAlerts), 60_000);
    expect(sent()).toHaveLength(1);

    // the county visits 留守妇女 every 3 days: a village cadre may not set it, bad values name the group
    const frequencies = { countyCode: '621299', frequencies: { left_behind_woman: 3 } };
    expect(
      (await gw.request('PUT', '/api/v1/care-roster/frequencies', frequencies, as('village'))).status,
    ).toBe(403);
    const zero = await gw.request<Problem>(
      'PUT',
      '/api/v1/care-roster/frequencies',
      { countyCode: '621299', frequencies: { left_behind_woman: 0 } },
      as('admin'),
    );
    expect(zero.status).toBe(400);
    expect(zero.body.problems?.[0].field).toBe('frequencies.left_behind_woman');
    const set = await gw.request<{ frequencies: Record<string, number> }>(
      'PUT',
      '/api/v1/care-roster/frequencies',
      frequencies,
      as('admin'),
    );
    expect(set.status).toBe(200);
    expect(set.body.frequencies).toMatchObject({ left_behind_woman: 3, living_alone_elderly: 7 });
    const read = await gw.get<{ frequencies: Record<string, number> }>(
      '/api/v1/care-roster/frequencies',
      as('village'),
    );
    expect(read.body.frequencies.left_behind_woman).toBe(3);
    const now = await gw.get<RosterView>(`/api/v1/care-roster/${womanId}`, as('village'));
    expect(now.body).toMatchObject({ frequencyDays: 3, overdue: true });
    await rulesHasRead('the frequencies', (v) => v.includes('care-frequencies-set'));
    expect(await runDay(addDays(today, 3))).toMatchObject({ careRaised: 1 });
    expect(await alertsOf(womanId)).toHaveLength(1);

    // the woman leaves the roster: her alert closes with the reason
    const removed = await gw.post(
      `/api/v1/care-roster/${womanId}/removal`,
      { reason: '丈夫返乡务农' },
      as('village'),
    );
    expect(removed.status).toBe(200);
    await waitFor('the removal to resolve the alert', async () =>
      (await alertsOf(womanId))[0]?.status === 'resolved' ? true : undefined,
    );
    expect((await gw.get(`/api/v1/care-roster/${womanId}`, as('village'))).status).toBe(404);

    // the elder moves in with a neighbour's family: regrouped as 空巢老人, visited every half month from now on
    const regrouped = await gw.request<{ group: string; frequencyDays: number }>(
      'PATCH',
      `/api/v1/care-roster/${elderId}`,
      { group: 'empty_nest_elderly' },
      as('village'),
    );
    expect(regrouped.status).toBe(200);
    expect(regrouped.body).toMatchObject({ group: 'empty_nest_elderly', frequencyDays: 14 });

    await crossesHop('households', 'rules', 'household.care-roster-member-added.v1', platform);
    await crossesHop('households', 'rules', 'household.care-roster-member-changed.v1', platform);
    await crossesHop('households', 'rules', 'household.care-roster-member-removed.v1', platform);
    await crossesHop('households', 'rules', 'household.care-frequencies-set.v1', platform);
    await crossesHop('households', 'rules', 'household.care-visit-recorded.v1', platform);
  }, 240_000);
});
