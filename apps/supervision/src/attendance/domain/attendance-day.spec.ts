import {
  computeAttendanceDay,
  DayContext,
  daysOfMonth,
  haversineMeters,
  isInside,
  isWeekday,
  localDay,
  Sighting,
  summarizeMonth,
} from './attendance-day';

// 三联村 village committee; the county town is ~12 km away.
const village = { latitude: 34.58, longitude: 105.72 };
const town = { latitude: 34.58, longitude: 105.85 };
const fence = { ...village, radiusM: 800 };
const ctx = (over: Partial<DayContext> = {}): DayContext => ({
  day: '2026-10-14', // a Wednesday
  geofence: fence,
  workingHours: { start: '09:00', end: '18:00' },
  posted: true,
  ...over,
});
const at = (hhmm: string, where = village, over: Partial<Sighting> = {}): Sighting => ({
  at: new Date(`2026-10-14T${hhmm}:00+08:00`),
  kind: 'checkin',
  checkByUser: true,
  ...where,
  ...over,
});

describe('geometry and calendar', () => {
  it('measures great-circle distance (haversine)', () => {
    // one degree of latitude ≈ 111.2 km
    expect(haversineMeters({ latitude: 34, longitude: 105 }, { latitude: 35, longitude: 105 })).toBeCloseTo(
      111_195,
      -2,
    );
    expect(haversineMeters(village, town)).toBeGreaterThan(11_000);
    expect(haversineMeters(village, village)).toBe(0);
  });

  it('judges inside by coordinates, else by the source verdict, else unknown', () => {
    expect(isInside({ latitude: 34.583, longitude: 105.72 }, fence)).toBe(true); // ~330 m
    expect(isInside({ latitude: 34.6, longitude: 105.72 }, fence)).toBe(false); // ~2.2 km
    expect(isInside({ locationResult: 'Normal' }, fence)).toBe(true);
    expect(isInside({ locationResult: 'Outside' }, fence)).toBe(false);
    expect(isInside({}, fence)).toBeNull();
  });

  it('uses China Standard Time for the day', () => {
    expect(localDay(new Date('2026-10-13T16:30:00Z'))).toBe('2026-10-14'); // 00:30 in Beijing
    expect(localDay(new Date('2026-10-14T15:59:00Z'))).toBe('2026-10-14');
  });

  it('knows weekdays and month lengths', () => {
    expect(isWeekday('2026-10-14')).toBe(true);
    expect(isWeekday('2026-10-17')).toBe(false); // Saturday
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    expect(daysOfMonth('2026-10').at(-1)).toBe('2026-10-31');
  });
});

describe('an attendance day (考勤日)', () => {
  it('is on post with daytime activity inside the village, and no flags', () => {
    const d = computeAttendanceDay(ctx(), [at('08:40'), at('14:10'), at('18:05')]);
    expect(d).toMatchObject({
      workingDay: true,
      onPost: true,
      insideGeofence: true,
      daytimeActivity: true,
      presenceCount: 3,
      replayCount: 0,
      flags: [],
    });
    expect(d.firstSeen?.toISOString()).toBe('2026-10-14T00:40:00.000Z');
    expect(d.lastSeen?.toISOString()).toBe('2026-10-14T10:05:00.000Z');
  });

  it('flags 早晚打卡、白天不见人: morning and evening check-ins, nothing by day', () => {
    const d = computeAttendanceDay(ctx(), [at('18:10'), at('08:50')]);
    expect(d.flags).toEqual(['morning_evening_only']);
    expect(d.onPost).toBe(false);
    expect(d.daytimeActivity).toBe(false);
    expect(d.insideGeofence).toBe(true);
  });

  it('does not flag 早晚打卡 on a day off', () => {
    const d = computeAttendanceDay(ctx({ day: '2026-10-17' }), [
      at('08:50', village, { at: new Date('2026-10-17T08:50:00+08:00') }),
      at('18:10', village, { at: new Date('2026-10-17T18:10:00+08:00') }),
    ]);
    expect(d.workingDay).toBe(false);
    expect(d.flags).toEqual([]);
    expect(d.onPost).toBe(true); // seen in the village on a day off
  });

  it('counts a daytime check-in outside the village as no daytime activity', () => {
    const d = computeAttendanceDay(ctx(), [at('08:50'), at('13:00', town), at('18:10')]);
    expect(d.daytimeActivity).toBe(false);
    expect(d.flags).toEqual(['morning_evening_only']);
  });

  it('flags 走读: evening or night presence outside the village on a posted day', () => {
    const d = computeAttendanceDay(ctx(), [at('08:55'), at('11:30'), at('19:20', town)]);
    expect(d.onPost).toBe(true);
    expect(d.flags).toEqual(['commuting']);
    const early = computeAttendanceDay(ctx(), [at('07:10', town), at('11:30')]);
    expect(early.flags).toEqual(['commuting']);
  });

  it('does not flag 走读 on a day off (weekend or holiday), but does on a 调休 working day', () => {
    const nightAway = [at('10:00'), at('20:30', town)];
    expect(computeAttendanceDay(ctx({ workingDay: false }), nightAway).flags).toEqual([]);
    // a Saturday the calendar makes a working day (调休)
    const saturday = nightAway.map((s) => ({ ...s, at: new Date(s.at.getTime() + 3 * 86_400_000) }));
    expect(computeAttendanceDay(ctx({ day: '2026-10-17' }), saturday).flags).toEqual([]);
    expect(computeAttendanceDay(ctx({ day: '2026-10-17', workingDay: true }), saturday).flags).toEqual([
      'commuting',
    ]);
  });

  it('does not flag 走读 for an evening check-out inside the village or before the end of the day', () => {
    expect(computeAttendanceDay(ctx(), [at('11:00'), at('18:30')]).flags).toEqual([]);
    expect(computeAttendanceDay(ctx(), [at('11:00'), at('17:30', town)]).flags).toEqual([]);
  });

  it('flags both patterns on one day when both happen', () => {
    const d = computeAttendanceDay(ctx(), [at('08:50'), at('18:30', town)]);
    expect(d.flags).toEqual(['morning_evening_only', 'commuting']);
  });

  it('keeps replays (checkByUser=false) out of presence', () => {
    const d = computeAttendanceDay(ctx(), [
      at('09:00', village, { checkByUser: false }),
      at('12:00', village, { checkByUser: false }),
    ]);
    expect(d.presenceCount).toBe(0);
    expect(d.replayCount).toBe(2);
    expect(d.onPost).toBe(false);
    expect(d.flags).toEqual(['missing_day']);
    expect(d.firstSeen).toBeNull();
  });

  it('flags a missing working day only inside the posting period', () => {
    expect(computeAttendanceDay(ctx(), []).flags).toEqual(['missing_day']);
    expect(computeAttendanceDay(ctx({ posted: false }), []).flags).toEqual([]);
    expect(computeAttendanceDay(ctx({ posted: false }), [at('08:50'), at('20:00', town)]).flags).toEqual([]);
  });

  it('flags a device also used by another member that day', () => {
    const d = computeAttendanceDay(ctx({ devicePeers: { 'SN-1': ['m-2', 'm-3'], 'SN-2': [] } }), [
      at('10:30', village, { deviceSN: 'SN-1' }),
      at('15:00', village, { deviceSN: 'SN-2' }),
    ]);
    expect(d.flags).toEqual(['shared_device']);
    expect(d.sharedDevices).toEqual([{ deviceSN: 'SN-1', otherMemberIds: ['m-2', 'm-3'] }]);
  });

  it('ignores sightings of another local day and uses the source verdict without coordinates', () => {
    const d = computeAttendanceDay(ctx(), [
      {
        at: new Date('2026-10-13T12:00:00+08:00'),
        kind: 'checkin',
        checkByUser: true,
        locationResult: 'Normal',
      },
      {
        at: new Date('2026-10-14T12:00:00+08:00'),
        kind: 'visit',
        checkByUser: true,
        locationResult: 'Normal',
      },
    ]);
    expect(d.presenceCount).toBe(1);
    expect(d.onPost).toBe(true);
  });

  it('honours the team’s working hours', () => {
    const early = ctx({ workingHours: { start: '08:00', end: '17:00' } });
    // daytime is 09:00–16:00: a 16:30 check-in is evening
    expect(computeAttendanceDay(early, [at('08:10'), at('16:30')]).flags).toEqual(['morning_evening_only']);
    expect(computeAttendanceDay(early, [at('08:10'), at('15:30'), at('17:10')]).flags).toEqual([]);
  });
});

describe('a month summary (月度考勤汇总)', () => {
  const day = (d: string, onPost: boolean, flags: Array<'morning_evening_only' | 'commuting'> = []) => ({
    day: d,
    onPost,
    presenceCount: 2,
    flags,
    workingDay: isWeekday(d),
  });

  it('counts on-post days against the requirement and lists missing working days', () => {
    const days = daysOfMonth('2026-10')
      .filter(isWeekday)
      .filter((d) => !['2026-10-05', '2026-10-06'].includes(d))
      .map((d) => day(d, d !== '2026-10-14', d === '2026-10-14' ? ['morning_evening_only'] : []));
    const s = summarizeMonth({
      month: '2026-10',
      requiredDays: 20,
      posting: { from: '2026-09-01', to: null },
      days,
      through: '2026-10-31',
    });
    // October 2026 has 22 weekdays; 2 missing, 1 早晚打卡 → 19 on post
    expect(s.onPostDays).toBe(19);
    expect(s.shortfall).toBe(1);
    expect(s.meetsRequirement).toBe(false);
    expect(s.missingDays).toEqual(['2026-10-05', '2026-10-06']);
    expect(s.patternDays.morning_evening_only).toEqual(['2026-10-14']);
  });

  it('does not count days before the posting or after `through` as missing', () => {
    const s = summarizeMonth({
      month: '2026-10',
      requiredDays: 0,
      posting: { from: '2026-10-26', to: null },
      days: [],
      through: '2026-10-28',
    });
    expect(s.missingDays).toEqual(['2026-10-26', '2026-10-27', '2026-10-28']);
    expect(s.meetsRequirement).toBe(true);
  });
});

describe('approved leave and official business (请假 / 公出)', () => {
  it('excuses the day’s patterns; official business counts as on post', () => {
    const leave = computeAttendanceDay(ctx({ excuse: 'leave' }), []);
    expect(leave).toMatchObject({ flags: [], onPost: false, excused: 'leave' });
    const away = computeAttendanceDay(ctx({ excuse: 'official_business' }), [at('08:50'), at('19:30', town)]);
    expect(away).toMatchObject({ flags: [], onPost: true, excused: 'official_business' });
    const shared = computeAttendanceDay(ctx({ excuse: 'leave', devicePeers: { X: ['m-9'] } }), [
      at('10:30', village, { deviceSN: 'X' }),
    ]);
    expect(shared.flags).toEqual(['shared_device']);
  });

  it('does not count excused days without records as missing; 公出 days count as on post', () => {
    const s = summarizeMonth({
      month: '2026-10',
      requiredDays: 3,
      posting: { from: '2026-10-26', to: null },
      days: [],
      through: '2026-10-28',
      excuses: { '2026-10-26': 'leave', '2026-10-27': 'official_business' },
    });
    expect(s).toMatchObject({
      missingDays: ['2026-10-28'],
      excusedDays: ['2026-10-26', '2026-10-27'],
      onPostDays: 1,
      shortfall: 2,
    });
  });
});

describe('monitoring visits (入户走访)', () => {
  it('count as daytime activity when made in the team’s village', () => {
    const visit: Sighting = {
      at: new Date('2026-10-14T14:00:00+08:00'),
      kind: 'visit',
      checkByUser: true,
      inside: true,
    };
    expect(computeAttendanceDay(ctx(), [at('08:50'), visit, at('18:10')])).toMatchObject({
      daytimeActivity: true,
      onPost: true,
      flags: [],
    });
    expect(isInside({ inside: false, locationResult: 'Normal' }, fence)).toBe(false);
  });
});
