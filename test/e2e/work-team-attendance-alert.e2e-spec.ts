import { CalendarEntries, workingDayOf } from '../../apps/supervision/src/calendar/domain/working-calendar';
import { AppProcess, waitFor } from '@lib/testing';
import { crossesHop } from '../hops/cross';
import { aWorkTeam, GATEWAY_ADMIN, Platform } from './platform';

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
    const candidates = daysBeforeToday(25);
    const { memberId, pushCheckIns: push } = await aWorkTeam(gw, token, {
      name: '王芳',
      role: 'member',
      postedFrom: candidates.at(-1)!,
    });

    // the three latest working days by the county's calendar (holidays and 调休 included)
    const isWorking = new Map<string, boolean>();
    for (const year of new Set(candidates.map((d) => d.slice(0, 4)))) {
      const cal = await gw.get<{ effective: CalendarEntries }>(
        `/api/v1/calendars/${year}?countyCode=621299`,
        auth,
      );
      expect(cal.status).toBe(200);
      const working = workingDayOf(cal.body.effective);
      for (const d of candidates.filter((c) => c.startsWith(year))) isWorking.set(d, working(d));
    }
    const days = candidates.filter((d) => isWorking.get(d)).slice(0, 3);
    expect(days).toHaveLength(3);

    const at = (day: string, hhmm: string) => ({
      source: 'gps-terminal',
      sourceRecordId: `${memberId}-${day}-${hhmm}`,
      memberId,
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
        `/api/v1/attendance/summary?memberId=${memberId}&month=${month}`,
        auth,
      );
      expect(summary.body.patternDays.morning_evening_only).toEqual(
        days.filter((d) => d.startsWith(month)).sort(),
      );
    }

    const alerts = async () =>
      (await gw.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${memberId}`, auth)).body.items.filter(
        (a) => a.ruleId === 'attendance-morning-evening-only',
      );
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

  it('crossed the hops from supervision to rules', async () => {
    await crossesHop('supervision', 'rules', 'attendance.pattern-flagged.v1', platform);
    await crossesHop('supervision', 'rules', 'attendance.day-computed.v1', platform);
  });
});
