import { signRequest } from '@lib/auth';
import { AppProcess, waitFor } from '@lib/testing';
import { GATEWAY_ADMIN, Platform } from './platform';

interface AlertView {
  id: string;
  ruleId: string;
  subjectId: string;
  subjectType: string;
  severity: string;
  title: string;
  townCode: string;
}

/** Today and the days before it in China Standard Time, newest first. */
function daysBeforeToday(n: number): string[] {
  const today = Date.now() + 8 * 3_600_000;
  return Array.from({ length: n }, (_, i) =>
    new Date(today - (i + 1) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * The work-team path across the platform (驻村考勤 → 风险预警): a GPS terminal signs check-ins with a
 * gateway integration key; supervision stores them, judges the days and flags 早晚打卡、白天不见人;
 * the rules service reads the flags from supervision.events.v1 and raises the alert the town acts
 * on, once however often the flags arrive.
 */
describe('a member seen only morning and evening raises an attendance alert', () => {
  const platform = new Platform();
  let gw: AppProcess;
  let token = '';

  beforeAll(async () => {
    await platform.start(['supervision', 'rules', 'gateway']);
    gw = platform.apps.gateway;
    const login = await gw.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    token = login.body.accessToken;
  }, 180_000);
  afterAll(() => platform.stop(), 60_000);

  it('three such working days in a month raise 驻村考勤异常 for the town, once', async () => {
    const auth = { token };
    const team = await gw.post<{ id: string }>(
      '/api/v1/teams',
      {
        name: '三联村驻村工作队',
        villageCode: '621299101201',
        sendingUnit: '县农业农村局',
        geofence: { latitude: 34.58, longitude: 105.72, radiusM: 800 },
      },
      auth,
    );
    expect(team.status).toBe(201);
    const candidates = daysBeforeToday(25);
    const member = await gw.post<{ id: string }>(
      `/api/v1/teams/${team.body.id}/members`,
      { name: '王芳', role: 'member', sendingUnit: '县农业农村局', postedFrom: candidates.at(-1) },
      auth,
    );
    expect(member.status).toBe(201);

    // the three latest working days by the county's calendar (holidays and 调休 included)
    const years = [...new Set(candidates.map((d) => d.slice(0, 4)))];
    const isWorking = new Map<string, boolean>();
    for (const year of years) {
      const cal = await gw.get<{ effective: { holidays: string[]; workdays: string[] } }>(
        `/api/v1/calendars/${year}?countyCode=621299`,
        auth,
      );
      expect(cal.status).toBe(200);
      for (const d of candidates.filter((c) => c.startsWith(year))) {
        const weekday = ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
        isWorking.set(
          d,
          cal.body.effective.workdays.includes(d) || (weekday && !cal.body.effective.holidays.includes(d)),
        );
      }
    }
    const days = candidates.filter((d) => isWorking.get(d)).slice(0, 3);
    expect(days).toHaveLength(3);

    const key = await gw.post<{ keyId: string; secret: string }>(
      '/api/v1/integration-clients',
      { name: 'GPS考勤终端', unit: '621299101' },
      auth,
    );
    const path = '/api/v1/integrations/checkins';
    const push = async (records: unknown[]) => {
      const raw = JSON.stringify({ records });
      return gw.request<{ accepted: number }>('POST', path, raw, {
        token: null,
        headers: signRequest(key.body.keyId, key.body.secret, { method: 'POST', path, body: raw }),
      });
    };
    const at = (day: string, hhmm: string) => ({
      source: 'gps-terminal',
      sourceRecordId: `${member.body.id}-${day}-${hhmm}`,
      memberId: member.body.id,
      checkTime: `${day}T${hhmm}:00+08:00`,
      latitude: 34.5801,
      longitude: 105.7203,
    });
    const records = days.flatMap((d) => [at(d, '08:50'), at(d, '18:10')]);
    expect(await push(records)).toMatchObject({ status: 200, body: { accepted: 6 } });
    // the terminal sends the same records again: nothing new, and no second alert
    expect(await push(records)).toMatchObject({ status: 200, body: { accepted: 0 } });

    // supervision judged the days: each one 早晚打卡、白天不见人
    for (const month of new Set(days.map((d) => d.slice(0, 7)))) {
      const summary = await gw.get<{ patternDays: Record<string, string[]> }>(
        `/api/v1/attendance/summary?memberId=${member.body.id}&month=${month}`,
        auth,
      );
      expect(summary.body.patternDays.morning_evening_only).toEqual(
        days.filter((d) => d.startsWith(month)).sort(),
      );
    }

    const alerts = async () =>
      (
        await gw.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${member.body.id}`, auth)
      ).body.items.filter((a) => a.ruleId === 'attendance-morning-evening-only');
    const raised = await waitFor('the attendance alert', async () => {
      const found = await alerts();
      return found.length > 0 ? found : undefined;
    });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      subjectType: 'team-member',
      severity: 'medium',
      title: '驻村考勤异常：早晚打卡、白天不见人',
      townCode: '621299101',
    });
    // every flag is in the rules service by now (its consumer has no lag): still one alert
    await platform.kafka.waitForNoLag(
      platform.group('rules'),
      platform.topic('supervision.events.v1'),
      60_000,
    );
    expect(await alerts()).toHaveLength(1);
  }, 120_000);
});
