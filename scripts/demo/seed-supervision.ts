/**
 * Loads the demo town's village work teams (驻村工作队) and last month's check-ins through the
 * gateway: one team per village (a first secretary and two members), a GPS-terminal integration key
 * bound to the town, and a month of check-ins signed with it, as a terminal would send them. Most
 * members are on post; some commute home at night (走读), some are seen only morning and evening
 * (早晚打卡、白天不见人), some miss days, and one borrows a colleague's phone. Then 日结 writes the
 * missing days. Idempotent: teams and members are looked up by village and name, and check-ins
 * carry fixed record ids (a second run's are duplicates).
 */
import { signRequest } from '@lib/auth';
import { demoLastMonth, DEMO_TOWN, DEMO_VILLAGES, seededRandom } from './demo-town';
import { Call, must } from './gateway-call';

/** Village centres of the demo town (synthetic, a few km apart); the town seat lies east. */
const centreOf = (i: number) => ({ latitude: 34.58 + i * 0.03, longitude: 105.72 });
const TOWN_SEAT = { latitude: 34.6, longitude: 105.853 };

const SENDING_UNITS = ['县农业农村局', '县乡村振兴局', '县水务局', '县人社局', '县卫健局'];

const PEOPLE = [
  ['王建军', '刘小红', '张伟'],
  ['陈志强', '李娜', '赵刚'],
  ['杨帆', '周敏', '吴磊'],
  ['孙海涛', '马丽', '郭斌'],
  ['何晓东', '胡静', '高峰'],
];

/** The month's working days by the county's calendar (holidays off, 调休 Saturdays worked). */
async function workingDaysOf(gateway: string, call: Call, month: string): Promise<string[]> {
  const year = month.slice(0, 4);
  const calendar = must(
    `calendar ${year}`,
    await call('GET', `${gateway}/api/v1/calendars/${year}?countyCode=${DEMO_TOWN.code.slice(0, 6)}`),
  );
  return (calendar.workingDays as string[]).filter((d) => d.startsWith(`${month}-`));
}

interface DemoMember {
  id: string;
  villageIndex: number;
  /** How the member behaves this month. */
  habit: 'on_post' | 'commuting' | 'absent_by_day' | 'misses_days';
  deviceSN: string;
}

export async function seedSupervision(gateway: string, call: Call): Promise<string> {
  const month = demoLastMonth();
  const postedFrom = `${month}-01`;
  const members: DemoMember[] = [];
  for (const [i, v] of DEMO_VILLAGES.entries()) {
    const names = PEOPLE[i % PEOPLE.length];
    const existing = must(
      `teams of ${v.name}`,
      await call('GET', `${gateway}/api/v1/teams?villageCode=${v.code}&pageSize=100`),
    );
    // the demo's own team by its name: users may have added other teams to the village since
    const found = (existing.items as Array<{ id: string; name: string }>).find(
      (t) => t.name === `${v.name}驻村工作队`,
    );
    const teamId = found
      ? found.id
      : (must(
          `team of ${v.name}`,
          await call('POST', `${gateway}/api/v1/teams`, {
            name: `${v.name}驻村工作队`,
            villageCode: v.code,
            sendingUnit: SENDING_UNITS[i % SENDING_UNITS.length],
            geofence: { ...centreOf(i), radiusM: 800 },
            requiredDaysPerMonth: 20,
          }),
        ).id as string);
    const team = must(`team ${teamId}`, await call('GET', `${gateway}/api/v1/teams/${teamId}`));
    const byName = new Map((team.members as Array<{ id: string; name: string }>).map((m) => [m.name, m.id]));
    for (const [k, name] of names.entries()) {
      const id =
        byName.get(name) ??
        (must(
          `member ${name}`,
          await call('POST', `${gateway}/api/v1/teams/${teamId}/members`, {
            name,
            role: k === 0 ? 'first_secretary' : 'member',
            sendingUnit: SENDING_UNITS[i % SENDING_UNITS.length],
            postedFrom,
            dingtalkUserId: `demo-dt-${v.code}-${k}`,
          }),
        ).id as string);
      // village 1: one commutes; village 2: one is absent by day; village 3: one misses days
      const habit: DemoMember['habit'] =
        k === 2 && i === 0
          ? 'commuting'
          : k === 2 && i === 1
            ? 'absent_by_day'
            : k === 1 && i === 2
              ? 'misses_days'
              : 'on_post';
      members.push({ id, villageIndex: i, habit, deviceSN: `GPS-${v.code.slice(-3)}-${k}` });
    }
  }

  // A key for this run only (revoked below): check-ins carry fixed record ids, so a second run's
  // records are duplicates and change nothing.
  const client = must(
    'integration key',
    await call('POST', `${gateway}/api/v1/integration-clients`, {
      name: '演示GPS考勤终端',
      unit: DEMO_TOWN.code,
    }),
  );
  const random = seededRandom(7);
  const jitter = (hh: number, spread: number) => {
    const minutes = hh * 60 + Math.floor(random() * spread);
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
  const near = (i: number) => ({
    latitude: centreOf(i).latitude + (random() - 0.5) * 0.004,
    longitude: centreOf(i).longitude + (random() - 0.5) * 0.004,
  });
  const records: Array<Record<string, unknown>> = [];
  const weekdays = await workingDaysOf(gateway, call, month);
  for (const m of members) {
    for (const [n, day] of weekdays.entries()) {
      const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (m.habit === 'misses_days' && (n === 3 || n === 11)) continue;
      const at = (hhmm: string, where: { latitude: number; longitude: number }, deviceSN = m.deviceSN) =>
        records.push({
          source: 'gps-terminal',
          sourceRecordId: `demo-${m.id}-${day}-${hhmm}`,
          memberId: m.id,
          checkTime: `${day}T${hhmm}:00+08:00`,
          ...where,
          locationMethod: 'GPS',
          deviceSN,
        });
      at(jitter(8, 30), near(m.villageIndex));
      if (!(m.habit === 'absent_by_day' && (dow === 1 || dow === 3 || dow === 5)))
        at(
          jitter(14, 90),
          near(m.villageIndex),
          n === 7 && m.habit === 'misses_days' ? 'GPS-DEMO-SHARED' : m.deviceSN,
        );
      if (m.habit === 'commuting' && (dow === 2 || dow === 4)) at(jitter(19, 40), TOWN_SEAT);
      else at(jitter(18, 30), near(m.villageIndex));
    }
  }
  // the colleague whose phone was borrowed that day
  const lender = members.find((m) => m.villageIndex === 2 && m.habit === 'on_post');
  if (lender)
    records.push({
      source: 'gps-terminal',
      sourceRecordId: `demo-${lender.id}-shared`,
      memberId: lender.id,
      checkTime: `${weekdays[7]}T10:05:00+08:00`,
      ...near(2),
      locationMethod: 'GPS',
      deviceSN: 'GPS-DEMO-SHARED',
    });

  const path = '/api/v1/integrations/checkins';
  let accepted = 0;
  for (let i = 0; i < records.length; i += 500) {
    const raw = JSON.stringify({ records: records.slice(i, i + 500) });
    const res = await fetch(`${gateway}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signRequest(client.keyId as string, client.secret as string, { method: 'POST', path, body: raw }),
      },
      body: raw,
    });
    const body = (await res.json().catch(() => null)) as { accepted?: number } | null;
    if (res.status !== 200) throw new Error(`check-ins: ${res.status} ${JSON.stringify(body)}`);
    accepted += body?.accepted ?? 0;
  }
  must(
    'revoke the run’s key',
    await call('DELETE', `${gateway}/api/v1/integration-clients/${client.keyId as string}`),
    [200, 204],
  );
  // 日结: the working days that passed without a record become missing days
  must('close the month', await call('POST', `${gateway}/api/v1/attendance/close`, { month }));
  return `${members.length} work-team members in ${DEMO_VILLAGES.length} villages, ${accepted} new check-ins for ${month}`;
}
