import { randomUUID } from 'node:crypto';
import { CheckInRecord, createEvent, DeadLetterHeaders } from '@lib/contracts';
import { waitFor } from '@lib/testing';
import { SupervisionHarness } from './harness';

/**
 * A month of simulated check-ins for a demo team, through the signed JSON endpoint and the raw
 * Kafka topic on the real broker, against hand-made expectations of days and flags.
 *
 * October 2026 by the national working calendar: 国庆 Oct 1–7 off (5 weekdays), Saturday Oct 10 worked
 * (调休) → 18 working days, so the requirement of 20 is capped at 18. Everyone checks in on the 22
 * weekdays and on Oct 10; on holidays a member seen in the village is on post, and no
 * 早晚打卡/缺勤 pattern is judged. Village 三联村 at
 * (34.58, 105.72), geofence 800 m; the town (where commuters live) ~12 km east. Hours 09:00–18:00.
 *   张明 (first secretary): 08:45 / 14:30 / 18:05 in the village every weekday → 22 days on post.
 *       Device SN-ZM. A replay (checkByUser=false) on Oct 9. His first week is sent twice.
 *   李强: 08:50 / 11:00 in the village; evening 18:02 in the village, but 19:30 in town on
 *       Tuesdays and Thursdays → 走读 on 1, 6, 8, 13, 15, 20, 22, 27, 29; 22 days on post.
 *   王芳: Mon/Wed/Fri only 08:55 and 18:10 in the village → 早晚打卡、白天不见人 on 13 days;
 *       Tue/Thu 08:55 / 15:00 / 18:10 → 9 days on post, 11 short of 20.
 *   赵磊: 08:40 / 15:00 / 18:00 in the village (SN-ZL) except nothing on Oct 12 and only a replay
 *       on Oct 13 (missing days); on Oct 20 his 15:00 check-in comes from 张明's phone SN-ZM →
 *       shared device for both; 20 days on post.
 *   An unknown user's record is kept aside; a malformed Kafka record goes to the dead-letter topic.
 */
const village = { latitude: 34.58, longitude: 105.72 };
const nearVillage = { latitude: 34.5832, longitude: 105.7189 }; // ~370 m from the centre
const town = { latitude: 34.581, longitude: 105.853 };

const weekdays = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`).filter(
  (d) => {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  },
);
/** The days the team goes to work: the weekdays and the 调休 Saturday. */
const workdays = [...weekdays, '2026-10-10'].sort();
const dow = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

type Rec = Omit<CheckInRecord, 'checkByUser'> & { checkByUser?: boolean };
function rec(
  who: { memberId?: string; userId?: string },
  day: string,
  hhmm: string,
  where: { latitude: number; longitude: number },
  extra: Partial<Rec> = {},
): Rec {
  const id = `${who.memberId ?? who.userId}-${day}-${hhmm}`;
  return {
    source: 'gps-terminal',
    sourceRecordId: id,
    ...who,
    checkTime: `${day}T${hhmm}:00+08:00`,
    ...where,
    locationMethod: 'GPS',
    ...extra,
  };
}

describe('a month of attendance for a demo team (驻村考勤月度模拟)', () => {
  const h = new SupervisionHarness();
  const ids = { team: '', zm: '', lq: '', wf: '', zl: '' };

  beforeAll(async () => {
    await h.start();
    const teamId = (ids.team = await h.createTeam());
    ids.zm = await h.addMember(teamId, { name: '张明', role: 'first_secretary', dingtalkUserId: 'dt-zm' });
    ids.lq = await h.addMember(teamId, { name: '李强', dingtalkUserId: 'dt-lq' });
    ids.wf = await h.addMember(teamId, { name: '王芳' });
    ids.zl = await h.addMember(teamId, { name: '赵磊' });
  }, 90_000);

  afterAll(() => h.stop());

  it('yields exactly the expected days and flags', async () => {
    const zm = { userId: 'dt-zm' };
    const lq = { userId: 'dt-lq' };
    const wf = { memberId: ids.wf };
    const zl = { memberId: ids.zl };
    const signed: Rec[] = [];
    const viaKafka: Rec[] = [];
    for (const d of workdays) {
      signed.push(
        rec(zm, d, '08:45', village, { deviceSN: 'SN-ZM' }),
        rec(zm, d, '14:30', nearVillage, { deviceSN: 'SN-ZM' }),
        rec(zm, d, '18:05', village, { deviceSN: 'SN-ZM' }),
      );
      const commuting = dow(d) === 2 || dow(d) === 4;
      signed.push(
        rec(lq, d, '08:50', village),
        rec(lq, d, '11:00', nearVillage),
        commuting ? rec(lq, d, '19:30', town) : rec(lq, d, '18:02', village),
      );
      const absentByDay = dow(d) === 1 || dow(d) === 3 || dow(d) === 5;
      viaKafka.push(rec(wf, d, '08:55', village), rec(wf, d, '18:10', village));
      if (!absentByDay) viaKafka.push(rec(wf, d, '15:00', nearVillage));
      if (d === '2026-10-12') continue;
      if (d === '2026-10-13') {
        viaKafka.push(rec(zl, d, '09:00', village, { checkByUser: false }));
        continue;
      }
      viaKafka.push(
        rec(zl, d, '08:40', village, { deviceSN: 'SN-ZL' }),
        rec(zl, d, '15:00', nearVillage, { deviceSN: d === '2026-10-20' ? 'SN-ZM' : 'SN-ZL' }),
        rec(zl, d, '18:00', village, { deviceSN: 'SN-ZL' }),
      );
    }
    signed.push(
      rec(zm, '2026-10-09', '12:00', village, { checkByUser: false, sourceRecordId: 'replay-zm-1009' }),
    );
    signed.push(rec({ userId: 'dt-ghost' }, '2026-10-14', '09:00', village));

    // The signed endpoint: two batches, then the first week again (duplicates).
    const first = await h.pushSigned({ records: signed.slice(0, 70) });
    expect(first.status).toBe(200);
    const second = await h.pushSigned({ records: signed.slice(70) });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ unmatched: 1 });
    const again = await h.pushSigned({ records: signed.slice(0, 30) });
    expect(again.body).toEqual({ received: 30, accepted: 0, duplicates: 30, replays: 0, unmatched: 0 });

    // The raw topic: CloudEvents with checkin.recorded.v1, keyed by member, one sent twice, one malformed.
    const topic = h.topic('supervision.checkins.v1');
    const events = viaKafka.map((r) =>
      createEvent({ type: 'checkin.recorded.v1', source: 'gps-gateway', subject: r.memberId!, data: r }),
    );
    const messages = [...events, events[0]].map((e) => ({ key: e.subject, value: JSON.stringify(e) }));
    const malformed = createEvent({
      id: randomUUID(),
      type: 'checkin.recorded.v1',
      source: 'gps-gateway',
      subject: ids.wf,
      data: { source: 'gps-terminal', sourceRecordId: 'bad-1', memberId: ids.wf, checkTime: 'not a time' },
    });
    messages.push({ key: ids.wf, value: JSON.stringify(malformed) });
    await h.kafka.send(topic, messages);
    await h.kafka.waitForNoLag(h.groupId, topic, 60_000);

    const dead = await waitFor('the malformed record in the dead-letter topic', async () => {
      const all = await h.kafka.readAll(`${topic}.dlq`);
      return all.length > 0 ? all : undefined;
    });
    expect(dead).toHaveLength(1);
    expect(dead[0].headers?.[DeadLetterHeaders.reason]?.toString()).toContain('data.checkTime');

    const summary = (memberId: string) =>
      h.app.get<Record<string, unknown>>(`/api/v1/attendance/summary?memberId=${memberId}&month=2026-10`);
    const none = { morning_evening_only: [], commuting: [], missing_day: [], shared_device: [] };

    expect((await summary(ids.zm)).body).toMatchObject({
      requiredDays: 18,
      workingDays: 18,
      onPostDays: 23,
      shortfall: 0,
      meetsRequirement: true,
      missingDays: [],
      patternDays: { ...none, shared_device: ['2026-10-20'] },
    });
    expect((await summary(ids.lq)).body).toMatchObject({
      onPostDays: 23,
      meetsRequirement: true,
      patternDays: {
        ...none,
        // 10-01 and 10-06 are National Day holidays: nights in town then are no 走读
        commuting: [
          '2026-10-08',
          '2026-10-13',
          '2026-10-15',
          '2026-10-20',
          '2026-10-22',
          '2026-10-27',
          '2026-10-29',
        ],
      },
    });
    expect((await summary(ids.wf)).body).toMatchObject({
      onPostDays: 13,
      shortfall: 5,
      meetsRequirement: false,
      patternDays: {
        ...none,
        morning_evening_only: [
          '2026-10-09',
          '2026-10-12',
          '2026-10-14',
          '2026-10-16',
          '2026-10-19',
          '2026-10-21',
          '2026-10-23',
          '2026-10-26',
          '2026-10-28',
          '2026-10-30',
        ],
      },
    });
    expect((await summary(ids.zl)).body).toMatchObject({
      onPostDays: 21,
      shortfall: 0,
      missingDays: ['2026-10-12', '2026-10-13'],
      patternDays: { ...none, missing_day: ['2026-10-12', '2026-10-13'], shared_device: ['2026-10-20'] },
    });

    // 驻村考勤月报: the team's month in one answer, each member as their own summary says.
    const report = await h.app.get<{ members: Array<Record<string, unknown>> }>(
      `/api/v1/attendance/team-summary?teamId=${ids.team}&month=2026-10`,
    );
    expect(report.status).toBe(200);
    expect(report.body.members.map((m) => m.name).sort()).toEqual(['张明', '李强', '王芳', '赵磊'].sort());
    for (const m of report.body.members)
      expect(m).toEqual({ name: m.name, role: m.role, ...(await summary(m.memberId as string)).body });
    expect((await h.app.get(`/api/v1/attendance/team-summary?teamId=${ids.team}&month=2026-13`)).status).toBe(
      400,
    );

    // Days as stored: a replay is kept but is not presence.
    const days = await h.app.get<{ items: Array<Record<string, unknown>> }>(
      `/api/v1/attendance?memberId=${ids.zm}&month=2026-10`,
    );
    expect(days.body.items).toHaveLength(23);
    expect(days.body.items.find((d) => d.day === '2026-10-09')).toMatchObject({
      presenceCount: 3,
      replayCount: 1,
      onPost: true,
      firstSeen: '2026-10-09T00:45:00.000Z',
      lastSeen: '2026-10-09T10:05:00.000Z',
      flags: [],
    });
    const zlDays = await h.app.get<{ items: Array<Record<string, unknown>> }>(
      `/api/v1/attendance?memberId=${ids.zl}&month=2026-10`,
    );
    expect(zlDays.body.items.find((d) => d.day === '2026-10-20')).toMatchObject({
      flags: ['shared_device'],
      sharedDevices: [{ deviceSN: 'SN-ZM', otherMemberIds: [ids.zm] }],
    });

    // 日结: Oct 12 passed without any record of 赵磊: closing the month writes it as a missing day.
    const closed = await h.app.post('/api/v1/attendance/close', { month: '2026-10' });
    expect(closed).toMatchObject({ status: 200, body: { closed: 1 } });
    expect((await h.app.post('/api/v1/attendance/close', { month: '2026-10' })).body).toEqual({ closed: 0 });
    expect((await summary(ids.zl)).body).toMatchObject({ missingDays: ['2026-10-12', '2026-10-13'] });

    // The flags reach supervision.events.v1 once per member, day and pattern (for rules).
    // The outbox delivers at least once: a record may reach the topic twice with the same id, which
    // consumers apply once; so the flags are counted by event id.
    const flagged = await waitFor('the pattern events', async () => {
      const all = (await h.kafka.readAll(h.topic('supervision.events.v1')))
        .map((m) => JSON.parse(m.value!.toString()))
        .filter((e) => e.type === 'attendance.pattern-flagged.v1');
      const unique = [...new Map(all.map((e) => [e.id, e])).values()];
      return unique.length >= 1 + 7 + 10 + 3 ? unique : undefined;
    });
    const count = (memberId: string, pattern: string) =>
      flagged.filter((e) => e.data.memberId === memberId && e.data.pattern === pattern).length;
    expect(flagged).toHaveLength(21);
    expect(count(ids.zm, 'shared_device')).toBe(1);
    expect(count(ids.lq, 'commuting')).toBe(7);
    expect(count(ids.wf, 'morning_evening_only')).toBe(10);
    expect(count(ids.zl, 'missing_day')).toBe(2);
    expect(count(ids.zl, 'shared_device')).toBe(1);
  }, 180_000);

  it('recomputes a month after a posting changed', async () => {
    // 王芳 turns out to have been posted only from Oct 15: changing the posting re-judges her days.
    const patched = await h.app.request('PATCH', `/api/v1/members/${ids.wf}`, { postedFrom: '2026-10-15' });
    // the 11 days with records before Oct 15 change (no longer posted; 2 of them lose their flag)
    expect(patched).toMatchObject({ status: 200, body: { recomputed: 11 } });
    const res = await h.app.post('/api/v1/attendance/recompute', { month: '2026-10', memberId: ids.wf });
    expect(res).toMatchObject({ status: 200, body: { recomputed: 0 } }); // nothing left to change
    const s = await h.app.get<{ patternDays: Record<string, string[]>; onPostDays: number }>(
      `/api/v1/attendance/summary?memberId=${ids.wf}&month=2026-10`,
    );
    expect(s.body.patternDays.morning_evening_only).toEqual([
      '2026-10-16',
      '2026-10-19',
      '2026-10-21',
      '2026-10-23',
      '2026-10-26',
      '2026-10-28',
      '2026-10-30',
    ]);
    expect(s.body.onPostDays).toBe(13);
  });

  it('counts a work log in the village as daytime activity (驻村工作日志)', async () => {
    const res = await h.app.post('/api/v1/worklogs', {
      memberId: ids.wf,
      at: '2026-10-26T14:20:00+08:00',
      content: '入户走访监测户王建国家，核实务工收入',
      place: { address: '三联村3组', ...nearVillage },
      photos: [{ ref: 'oss://worklogs/2026/10/26/wf-1.jpg', caption: '入户照片' }],
    });
    expect(res).toMatchObject({ status: 201, body: { day: '2026-10-26', insideGeofence: true } });
    const s = await h.app.get<{ patternDays: Record<string, string[]>; onPostDays: number }>(
      `/api/v1/attendance/summary?memberId=${ids.wf}&month=2026-10`,
    );
    expect(s.body.onPostDays).toBe(14);
    expect(s.body.patternDays.morning_evening_only).not.toContain('2026-10-26');
    const bad = await h.app.post<{ problems: Array<{ field: string }> }>('/api/v1/worklogs', {
      memberId: ids.wf,
      at: '2026-10-26T14:20:00+08:00',
      content: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].field).toBe('content');
  });

  it('counts a monitoring visit (入户走访) by a member as daytime activity', async () => {
    const survey = createEvent({
      type: 'survey.recorded.v1',
      source: 'monitoring',
      subject: 'hh-1',
      data: {
        surveyId: randomUUID(),
        householdId: 'hh-1',
        townCode: '621299101',
        villageCode: '621299101201',
        month: '2026-10',
        visitedAt: '2026-10-28T14:00:00+08:00',
        visitor: '驻村工作队 王芳',
        income: { wage: 6000, business: 0, property: 0, transfer: 2400, businessCosts: 0 },
        netIncome: 8400,
        residentMembers: 2,
        perCapitaNetIncome: 4200,
      },
    });
    const topic = h.topic('monitoring.events.v1');
    await h.kafka.send(topic, [{ key: 'hh-1', value: JSON.stringify(survey) }]);
    await h.kafka.waitForNoLag(h.groupId, topic, 60_000);
    const s = await h.app.get<{ patternDays: Record<string, string[]>; onPostDays: number }>(
      `/api/v1/attendance/summary?memberId=${ids.wf}&month=2026-10`,
    );
    expect(s.body.onPostDays).toBe(15);
    expect(s.body.patternDays.morning_evening_only).toEqual([
      '2026-10-16',
      '2026-10-19',
      '2026-10-21',
      '2026-10-23',
      '2026-10-30',
    ]);
  });

  it('excuses days of an approved leave (请假审批)', async () => {
    const asked = await h.app.post<{ id: string; status: string }>('/api/v1/leaves', {
      memberId: ids.zl,
      kind: 'leave',
      from: '2026-10-12',
      to: '2026-10-13',
      reason: '家中老人住院',
    });
    expect(asked).toMatchObject({ status: 201, body: { status: 'pending' } });
    const decide = (approve: boolean) =>
      h.app.post(`/api/v1/leaves/${asked.body.id}/decision`, { approve, decidedBy: '镇党委 刘书记' });
    expect(await decide(true)).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect((await decide(false)).status).toBe(409);
    const s = await h.app.get<Record<string, unknown>>(
      `/api/v1/attendance/summary?memberId=${ids.zl}&month=2026-10`,
    );
    expect(s.body).toMatchObject({
      missingDays: [],
      excusedDays: ['2026-10-12', '2026-10-13'],
      onPostDays: 21,
      patternDays: { missing_day: [], shared_device: ['2026-10-20'] },
    });
  });

  it('finds devices shared across members when records come one request at a time', async () => {
    // Small requests read only the check-ins around their member-days (not the whole day): the
    // other users of a device, and the other devices of those users, must still be seen.
    const one = async (who: string, hhmm: string, deviceSN: string) => {
      const res = await h.pushSigned({
        records: [
          rec({ memberId: who }, '2026-11-03', hhmm, village, {
            deviceSN,
            sourceRecordId: `one-${who}-${hhmm}`,
          }),
        ],
      });
      expect(res).toMatchObject({ status: 200, body: { accepted: 1 } });
    };
    await one(ids.lq, '10:00', 'SN-X');
    await one(ids.wf, '11:00', 'SN-X'); // 王芳 used 李强's phone
    await one(ids.wf, '14:00', 'SN-Y');
    await one(ids.zl, '15:00', 'SN-Y'); // and 赵磊 used hers
    await one(ids.lq, '16:00', 'SN-Z'); // 李强's day again: 王芳's, judged with it, keeps both devices
    const dayOf = async (memberId: string) =>
      (
        await h.app.get<{ items: Array<{ day: string; flags: string[]; sharedDevices: unknown[] }> }>(
          `/api/v1/attendance?memberId=${memberId}&month=2026-11`,
        )
      ).body.items.find((d) => d.day === '2026-11-03');
    expect(await dayOf(ids.lq)).toMatchObject({
      flags: ['shared_device'],
      sharedDevices: [{ deviceSN: 'SN-X', otherMemberIds: [ids.wf] }],
    });
    expect((await dayOf(ids.wf))?.sharedDevices).toEqual(
      expect.arrayContaining([
        { deviceSN: 'SN-X', otherMemberIds: [ids.lq] },
        { deviceSN: 'SN-Y', otherMemberIds: [ids.zl] },
      ]),
    );
    expect((await dayOf(ids.wf))?.sharedDevices).toHaveLength(2);
    expect(await dayOf(ids.zl)).toMatchObject({
      flags: ['shared_device'],
      sharedDevices: [{ deviceSN: 'SN-Y', otherMemberIds: [ids.wf] }],
    });
  });

  it('refuses a bad signature, a replayed nonce and a stale timestamp with 401; a bad record with 400', async () => {
    const body = { records: [rec({ memberId: ids.zm }, '2026-10-31', '10:00', village)] };
    expect((await h.pushSigned(body, { secret: 'wrong' })).status).toBe(401);
    expect((await h.pushSigned(body, { timestamp: Date.now() - 6 * 60_000 })).status).toBe(401);
    const nonce = randomUUID().replace(/-/g, '');
    expect((await h.pushSigned(body, { nonce })).status).toBe(200);
    expect((await h.pushSigned(body, { nonce })).status).toBe(401);
    const bad = await h.pushSigned({ records: [body.records[0], { ...body.records[0], latitude: 123 }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('records.1.latitude');
    const full = Array.from({ length: 500 }, (_, i) => ({
      ...rec({ memberId: ids.zm }, '2026-10-31', '10:00', village, { address: '三联村村委会院内'.repeat(4) }),
      sourceRecordId: `bulk-${i}`,
    }));
    const accepted = await h.pushSigned({ records: full }); // ~156 kB: above the default 100 kB body limit
    expect(accepted).toMatchObject({ status: 200, body: { received: 500, accepted: 500 } });
    const tooMany = await h.pushSigned({ records: [...full, body.records[0]] });
    expect(tooMany.status).toBe(400);
  });
});
