/**
 * 驻村考勤: a member's attendance day, computed from what proves where they were (check-ins now;
 * monitoring visits and work logs later). Pure functions: no framework, no I/O, no clock.
 *
 * Times are judged in China Standard Time (UTC+8, no daylight saving) unless told otherwise.
 * With working hours 09:00–18:00 and a 60-minute margin the windows of a day are:
 *   morning  before 10:00 · daytime 10:00–17:00 · evening from 17:00 · night from 18:00 and before 08:00.
 */
import type { AttendancePattern } from '@lib/contracts';
import { CHINA_UTC_OFFSET_MINUTES, localDay } from '../../local-day';
import type { Excuse } from '../../leaves/domain/leave-kinds';
import { Geofence, isInside } from '../../teams/domain/geofence';

export { CHINA_UTC_OFFSET_MINUTES, localDay } from '../../local-day';
export type { Excuse } from '../../leaves/domain/leave-kinds';
export { haversineMeters, isInside, pointInPolygon } from '../../teams/domain/geofence';
export type { GeoPoint, Geofence } from '../../teams/domain/geofence';

export const DEFAULT_MARGIN_MINUTES = 60;

/** HH:MM local time. */
export interface WorkingHours {
  start: string;
  end: string;
}

/** Something that shows where a member was at a moment. */
export interface Sighting {
  at: Date;
  kind: 'checkin' | 'visit' | 'worklog';
  /** false: a system replay (补卡/同步), kept but not presence. */
  checkByUser: boolean;
  latitude?: number | null;
  longitude?: number | null;
  /** Known without coordinates (a visit recorded in the team's own village). */
  inside?: boolean | null;
  /** The source's own verdict when there are no coordinates (DingTalk Normal / Outside). */
  locationResult?: string | null;
  deviceSN?: string | null;
}

export interface DayContext {
  /** YYYY-MM-DD, local. */
  day: string;
  geofence: Geofence;
  workingHours: WorkingHours;
  /** Within the member's posting period (驻村期). */
  posted: boolean;
  /** Defaults to Monday–Friday. */
  workingDay?: boolean;
  /** Other members seen on a device the same day: deviceSN → their member ids. */
  devicePeers?: Record<string, string[]>;
  /** An approved leave (请假) or official business away (公出) covering the day. */
  excuse?: Excuse | null;
  utcOffsetMinutes?: number;
  marginMinutes?: number;
}

/** 请假 / 公出: approved by the town, they excuse the day's patterns; 公出 counts as on post. */

export interface SharedDevice {
  deviceSN: string;
  otherMemberIds: string[];
}

export interface AttendanceDay {
  day: string;
  workingDay: boolean;
  posted: boolean;
  /** Counted as a day on post: seen inside the village by day (any day off: seen inside at all). */
  onPost: boolean;
  /** Seen inside the geofence at least once. */
  insideGeofence: boolean;
  /** Seen inside the geofence in the daytime window. */
  daytimeActivity: boolean;
  firstSeen: Date | null;
  lastSeen: Date | null;
  presenceCount: number;
  replayCount: number;
  flags: AttendancePattern[];
  sharedDevices: SharedDevice[];
  excused: Excuse | null;
}

const shifted = (at: Date, offsetMinutes: number) => new Date(at.getTime() + offsetMinutes * 60_000);

/** Minutes since local midnight. */
export function localMinutes(at: Date, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): number {
  const d = shifted(at, offsetMinutes);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Monday–Friday (the working calendar with holidays and 调休 is calendar/domain/working-calendar.ts). */
export function isWeekday(day: string): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Every day of a month YYYY-MM. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

export function computeAttendanceDay(ctx: DayContext, sightings: Sighting[]): AttendanceDay {
  const offset = ctx.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
  const margin = ctx.marginMinutes ?? DEFAULT_MARGIN_MINUTES;
  const start = parseClock(ctx.workingHours.start);
  const end = parseClock(ctx.workingHours.end);
  const workingDay = ctx.workingDay ?? isWeekday(ctx.day);

  const presence = sightings
    .filter((s) => s.checkByUser && localDay(s.at, offset) === ctx.day)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const replayCount = sightings.filter((s) => !s.checkByUser).length;

  const seen = presence.map((s) => ({ s, t: localMinutes(s.at, offset), inside: isInside(s, ctx.geofence) }));
  const isMorning = (t: number) => t < start + margin;
  const isDaytime = (t: number) => t >= start + margin && t < end - margin;
  const isEvening = (t: number) => t >= end - margin;
  const isNight = (t: number) => t >= end || t < start - margin;

  const insideGeofence = seen.some((x) => x.inside === true);
  const daytimeActivity = seen.some((x) => x.inside === true && isDaytime(x.t));
  const excuse = ctx.excuse ?? null;
  const onPost = (workingDay ? daytimeActivity : insideGeofence) || excuse === 'official_business';

  const sharedDevices: SharedDevice[] = [];
  for (const sn of new Set(presence.map((s) => s.deviceSN).filter((d): d is string => !!d))) {
    const others = ctx.devicePeers?.[sn] ?? [];
    if (others.length > 0) sharedDevices.push({ deviceSN: sn, otherMemberIds: [...others].sort() });
  }

  const flags: AttendancePattern[] = [];
  const judged = ctx.posted && excuse === null;
  if (judged && workingDay) {
    if (presence.length === 0) flags.push('missing_day');
    else if (seen.some((x) => isMorning(x.t)) && seen.some((x) => isEvening(x.t)) && !daytimeActivity)
      flags.push('morning_evening_only');
  }
  // 走读: nights away on working days (a weekend or holiday night at home is no one's concern;
  // a 调休 working day counts as a working day)
  if (judged && workingDay && seen.some((x) => x.inside === false && isNight(x.t))) flags.push('commuting');
  if (sharedDevices.length > 0) flags.push('shared_device');

  return {
    day: ctx.day,
    workingDay,
    posted: ctx.posted,
    onPost,
    insideGeofence,
    daytimeActivity,
    firstSeen: presence[0]?.at ?? null,
    lastSeen: presence[presence.length - 1]?.at ?? null,
    presenceCount: presence.length,
    replayCount,
    flags,
    sharedDevices,
    excused: excuse,
  };
}

export interface PostingPeriod {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD inclusive; null while still posted. */
  to: string | null;
}

export function isPosted(day: string, period: PostingPeriod): boolean {
  return day >= period.from && (period.to === null || day <= period.to);
}

export interface MonthSummary {
  month: string;
  /** The county's requirement, capped at the posted working days of the month. */
  requiredDays: number;
  /** Posted working days of the month (工作日历). */
  workingDays: number;
  onPostDays: number;
  shortfall: number;
  meetsRequirement: boolean;
  /** Posted working days up to `through` with no presence at all. */
  missingDays: string[];
  /** Days carrying each pattern (missing days included). */
  patternDays: Record<AttendancePattern, string[]>;
  /** Days covered by an approved leave or official business. */
  excusedDays: string[];
}

/**
 * The month against the county's requirement (每月在岗天数). `days` are the computed days that
 * exist; posted working days up to and including `through` with none are missing days.
 */
export function summarizeMonth(input: {
  month: string;
  requiredDays: number;
  posting: PostingPeriod;
  days: Array<Pick<AttendanceDay, 'day' | 'onPost' | 'presenceCount' | 'flags' | 'workingDay'>>;
  /** Last day to judge (usually yesterday); later days are not missing yet. */
  through: string;
  /** Approved leave / official business by day. */
  excuses?: Record<string, Excuse>;
  /** The county's working calendar (holidays, 调休); Monday–Friday when not given. */
  isWorkingDay?: (day: string) => boolean;
}): MonthSummary {
  const isWorking = input.isWorkingDay ?? isWeekday;
  const byDay = new Map(input.days.filter((d) => d.day.startsWith(input.month)).map((d) => [d.day, d]));
  const patternDays: Record<AttendancePattern, string[]> = {
    morning_evening_only: [],
    commuting: [],
    missing_day: [],
    shared_device: [],
  };
  let onPostDays = 0;
  const excusedDays: string[] = [];
  for (const day of daysOfMonth(input.month)) {
    const d = byDay.get(day);
    const excuse = input.excuses?.[day];
    if (excuse) excusedDays.push(day);
    if (d ? d.onPost : excuse === 'official_business') onPostDays++;
    const flags = new Set(d?.flags ?? []);
    if (!d && !excuse && day <= input.through && isPosted(day, input.posting) && isWorking(day))
      flags.add('missing_day');
    for (const f of flags) patternDays[f].push(day);
  }
  // never more than the posted working days the month has (a month of long holidays asks less)
  const workingDays = daysOfMonth(input.month).filter(
    (d) => isPosted(d, input.posting) && isWorking(d),
  ).length;
  const requiredDays = Math.min(input.requiredDays, workingDays);
  const shortfall = Math.max(0, requiredDays - onPostDays);
  return {
    month: input.month,
    requiredDays,
    workingDays,
    onPostDays,
    shortfall,
    meetsRequirement: shortfall === 0,
    missingDays: patternDays.missing_day,
    patternDays,
    excusedDays,
  };
}
