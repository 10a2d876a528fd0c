import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  AttendanceDayComputedV1,
  AttendancePattern,
  AttendancePatternFlaggedV1,
  CloudEvent,
} from '@lib/contracts';
import { CheckIn } from '../../checkins/check-in.schema';
import { CheckInsStore } from '../../checkins/checkins.store';
import { MemberOrg, memberEvent, orgOf } from '../../member-event';
import { TeamsStore } from '../../teams/teams.store';
import { Roster } from '../../teams/roster';
import { MemberDay, RejudgeMemberDays } from '../../teams/teams.ports';
import { WorkLogsStore } from '../../worklogs/worklogs.store';
import { LeavesStore } from '../../leaves/leaves.store';
import { VisitsStore } from '../../visits/visits.store';
import { WorkingCalendars } from '../../calendar/working-calendars';
import {
  AttendanceDay,
  computeAttendanceDay,
  daysOfMonth,
  isPosted,
  Sighting,
} from '../domain/attendance-day';
import { AttendanceDayDoc } from '../attendance-day.schema';
import { AttendanceStore, DayWrite } from '../attendance.store';
import { AttendanceLedger, LedgerDay, sightingsOf } from '../attendance-ledger';
import { MemberDayTurns } from '../member-day-turns';

export const PATTERN_LABELS: Record<AttendancePattern, string> = {
  morning_evening_only: '早晚打卡、白天不见人 (morning and evening check-ins, no daytime activity)',
  commuting: '走读 (evening or night presence outside the village)',
  missing_day: '缺勤 (no presence on a working day)',
  shared_device: '设备被他人使用 (device also used by another member that day)',
};

const key = (d: MemberDay) => `${d.memberId}:${d.day}`;

const dedupe = (list: MemberDay[]) => [
  ...new Map(list.map((d) => [key(d), { memberId: d.memberId, day: d.day }])).values(),
];

/**
 * The member-days to judge for these: themselves and the other users of their devices that day (a
 * shared device changes their days too), with the members of each day's device.
 */
function memberDaysToJudge(touched: MemberDay[], dayCheckIns: CheckIn[]) {
  const wanted = new Map(touched.map((t) => [key(t), { memberId: t.memberId, day: t.day }]));
  const peersOf = new Map<string, Set<string>>(); // `${day}:${deviceSN}` → members
  for (const u of dayCheckIns) {
    if (!u.deviceSN || !u.checkByUser) continue;
    const k = `${u.day}:${u.deviceSN}`;
    peersOf.set(k, (peersOf.get(k) ?? new Set()).add(u.memberId));
  }
  const devicesOfWanted = new Set(
    dayCheckIns.filter((c) => c.deviceSN && wanted.has(key(c))).map((c) => `${c.day}:${c.deviceSN}`),
  );
  for (const u of dayCheckIns)
    if (u.deviceSN && u.checkByUser && devicesOfWanted.has(`${u.day}:${u.deviceSN}`)) {
      if ((peersOf.get(`${u.day}:${u.deviceSN}`)?.size ?? 0) > 1 && !wanted.has(key(u)))
        wanted.set(key(u), { memberId: u.memberId, day: u.day });
    }
  return { wanted, peersOf };
}

/** What a computed day's next computation needs of it. */
type Computed = Pick<AttendanceDayDoc, 'fingerprint' | 'announced'>;

/** What the judgement of member-days is given (from the database or from the ledger). */
interface DayFacts {
  /** Every check-in of the member-days' days (or at least of their devices' users). */
  dayCheckIns: CheckIn[];
  /** Work logs and visits per member-day. */
  sightings: Map<string, Sighting[]>;
  existing(ids: string[]): Promise<Map<string, Computed>>;
}

/**
 * Up to this many member-days a recompute reads check-ins around them (checkInsAround); more, and it
 * reads the whole days (one lookup per day is then fewer round trips).
 */
const TARGETED_MAX_MEMBER_DAYS = 20;

/**
 * Recomputes the attendance days touched by new check-ins: loads what the pure computation needs
 * in a few queries, computes, and writes only the days whose facts changed, with their events.
 */
@Injectable()
export class RecomputeAttendance implements RejudgeMemberDays {
  /** Member-days being judged and written by a batch of the ledger's path (see fromLedger). */
  private readonly turns = new MemberDayTurns();

  constructor(
    private readonly checkIns: CheckInsStore,
    private readonly teams: TeamsStore,
    private readonly attendance: AttendanceStore,
    private readonly workLogs: WorkLogsStore,
    private readonly leaves: LeavesStore,
    private readonly visits: VisitsStore,
    private readonly calendars: WorkingCalendars,
    private readonly ledger: AttendanceLedger,
    private readonly roster: Roster,
  ) {}

  /**
   * After a change of the team (geofence, hours) or of a posting: every day of the month that has
   * check-ins or a computed day, recomputed.
   */
  forMonth(memberIds: string[], month: string): Promise<number> {
    return this.forDays(memberIds, daysOfMonth(month));
  }

  /**
   * Every month in which the members have computed days, recomputed (after their team's geofence
   * or hours, or a posting period, changed).
   */
  async forAllMonths(memberIds: string[]): Promise<number> {
    if (memberIds.length === 0) return 0;
    let n = 0;
    for (const month of await this.attendance.monthsOf(memberIds)) n += await this.forMonth(memberIds, month);
    return n;
  }

  /** Every one of these days that has check-ins, work logs or a computed day, recomputed. */
  async forDays(memberIds: string[], days: string[]): Promise<number> {
    const [checkIns, logs, visits, computed] = await Promise.all([
      this.checkIns.ofMembersOnDays(memberIds, days),
      this.workLogs.ofMembersOnDays(memberIds, days),
      this.visits.ofMembersOnDays(memberIds, days),
      this.attendance.ofMembersOnDays(memberIds, days),
    ]);
    const touched = new Map(
      [...checkIns, ...logs, ...visits, ...computed].map((d) => [
        key(d),
        { memberId: d.memberId, day: d.day },
      ]),
    );
    return this.execute([...touched.values()]);
  }

  /**
   * For a few member-days, instead of every check-in of their days: their own check-ins, everyone's
   * with the devices they used those days, the full days of those other users (they are judged
   * again: a shared device), and everyone's with the devices the others used (so their shared
   * devices are complete too). Equality lookups on indexed fields; a whole county's day of
   * check-ins is not read for a request of two records.
   */
  private async checkInsAround(memberDays: MemberDay[]) {
    const deviceKey = (c: { day: string; deviceSN: string | null }) => `${c.day}:${c.deviceSN}`;
    const devicesOf = (list: CheckIn[], known: Set<string>) => {
      const out = new Map<string, { day: string; deviceSN: string }>();
      for (const c of list)
        if (c.deviceSN && !known.has(deviceKey(c)))
          out.set(deviceKey(c), { day: c.day, deviceSN: c.deviceSN });
      return out;
    };
    const own = await this.checkIns.ofMemberDays(memberDays);
    const devices = devicesOf(own, new Set());
    const sharing = await this.checkIns.onDayDevices([...devices.values()]);
    const ownKeys = new Set(memberDays.map(key));
    const others = new Map<string, MemberDay>();
    for (const c of sharing)
      if (!ownKeys.has(key(c))) others.set(key(c), { memberId: c.memberId, day: c.day });
    const othersOwn = await this.checkIns.ofMemberDays([...others.values()]);
    const otherDevices = devicesOf(othersOwn, new Set(devices.keys()));
    const othersSharing = await this.checkIns.onDayDevices([...otherDevices.values()]);
    return [...new Map([...own, ...sharing, ...othersOwn, ...othersSharing].map((c) => [c._id, c])).values()];
  }

  /**
   * Recomputes these member-days from the database (every input read again) and writes the days
   * whose facts changed, each upsert guarded by its basis. The path of the rarer recomputes (a
   * team, posting, leave, work log or visit changed) and of a batch whose in-memory state proved
   * stale; the check-in pipeline's batches go through the ledger (`fromLedger`).
   */
  async execute(touched: MemberDay[]): Promise<number> {
    if (touched.length === 0) return 0;
    const days = [...new Set(touched.map((t) => t.day))];
    // A device shared with another member changes that member's day too: the check-ins read here
    // hold every user of the devices seen on the wanted days (see checkInsAround).
    const dayCheckIns =
      touched.length <= TARGETED_MAX_MEMBER_DAYS
        ? await this.checkInsAround(dedupe(touched))
        : await this.checkIns.onDays(days);
    const [workLogs, visits] = await Promise.all([this.workLogs.onDays(days), this.visits.onDays(days)]);
    const plan = await this.judge(touched, this.teams, {
      dayCheckIns,
      sightings: sightingsOf(workLogs, visits),
      existing: async (ids) =>
        new Map((await this.attendance.findByIds(ids)).map((d) => [d._id, d as Computed])),
    });
    await this.attendance.save(plan.writes);
    this.ledger.forget(days);
    return plan.writes.length;
  }

  /**
   * The check-in pipeline's path: the member-days of a batch judged from the ledger (the days'
   * check-ins, work logs, visits and computed days held in memory, each day loaded once), written
   * as one insert of the new days and one bulk update of the changed ones, each update guarded by
   * the fingerprint it replaces. A day another writer changed meanwhile (another instance, a work
   * log, the daily close) fails its guard: those member-days are forgotten and recomputed from the
   * database (execute). Returns the days written.
   */
  async fromLedger(touched: MemberDay[], lap: (phase: string) => void = () => undefined): Promise<number> {
    if (touched.length === 0) return 0;
    const days = [...new Set(touched.map((t) => t.day))];
    const loaded = await this.ledger.days(days);
    const checkInsOf = () => loaded.flatMap((d) => [...d.checkIns.values()]);
    lap('ledger');
    // one batch at a time judges and writes a member-day (and the other users of its devices)
    const around = memberDaysToJudge(touched, checkInsOf()).wanted.keys();
    return this.turns.run(around, () => {
      lap('wait turn');
      return this.judgeAndWrite(touched, checkInsOf(), loaded, lap);
    });
  }

  private async judgeAndWrite(
    touched: MemberDay[],
    dayCheckIns: CheckIn[],
    loaded: LedgerDay[],
    lap: (phase: string) => void,
  ): Promise<number> {
    const plan = await this.judge(touched, this.roster, {
      dayCheckIns,
      sightings: new Map(loaded.flatMap((d) => [...d.sightings])),
      existing: async (ids) => {
        const out = new Map<string, Computed>();
        for (const id of ids) {
          const c = this.ledger.computed(id);
          if (c) out.set(id, c);
        }
        return out;
      },
    });
    lap('judge days');
    const fresh = plan.writes.filter((w) => !plan.before.has(w.day._id));
    const changed = plan.writes.filter((w) => plan.before.has(w.day._id));
    const [inserted, updated] = await Promise.all([
      this.attendance.insertNewDays(fresh),
      this.attendance.replaceDays(changed.map((w) => ({ ...w, before: plan.before.get(w.day._id)! }))),
    ]);
    lap('write days');
    const stale = new Set([...inserted.refused, ...(updated.complete ? [] : changed.map((w) => w.day._id))]);
    for (const w of plan.writes) if (!stale.has(w.day._id)) this.ledger.remember(w.day._id, w.day);
    if (stale.size === 0) return plan.writes.length;
    // another writer was first: judge those again from the database
    const again = [...stale].map((k) => plan.wanted.get(k)!).filter(Boolean);
    this.ledger.forget(again.map((d) => d.day));
    const n = plan.writes.length - stale.size + (await this.execute(again));
    lap('stale days again');
    return n;
  }

  /**
   * Decides what to write for the member-days (and the other users of their devices that day):
   * the days' check-ins and sightings are given, members, teams, calendars and excuses read.
   */
  private async judge(touched: MemberDay[], roster: Pick<Roster, 'resolve' | 'findTeams'>, facts: DayFacts) {
    const days = [...new Set(touched.map((t) => t.day))];
    const { dayCheckIns } = facts;
    const { wanted, peersOf } = memberDaysToJudge(touched, dayCheckIns);
    const byMemberDay = new Map<string, CheckIn[]>();
    for (const c of dayCheckIns) {
      const k = key(c);
      if (!wanted.has(k)) continue;
      const list = byMemberDay.get(k);
      if (list) list.push(c);
      else byMemberDay.set(k, [c]);
    }

    const members = new Map(
      (await roster.resolve([...new Set([...wanted.values()].map((w) => w.memberId))], [])).map((m) => [
        m._id,
        m,
      ]),
    );
    const teams = new Map(
      (await roster.findTeams([...new Set([...members.values()].map((m) => m.teamId))])).map((t) => [
        t._id,
        t,
      ]),
    );
    const [existing, calendars, excuses] = await Promise.all([
      facts.existing([...wanted.keys()]),
      // 工作日历: holidays and 调休 of each team's county
      this.calendars.forCounties(
        [...teams.values()].map((t) => t.countyCode),
        days,
      ),
      this.leaves.excusesOf([...members.keys()], days),
    ]);

    const writes: DayWrite[] = [];
    const before = new Map<string, string>();
    for (const [k, { memberId, day }] of wanted) {
      const member = members.get(memberId);
      const team = member && teams.get(member.teamId);
      if (!member || !team) continue;
      const own = byMemberDay.get(k) ?? [];
      const others = facts.sightings.get(k) ?? [];
      const devicePeers: Record<string, string[]> = {};
      for (const sn of new Set(own.map((c) => c.deviceSN).filter((d): d is string => !!d)))
        devicePeers[sn] = [...(peersOf.get(`${day}:${sn}`) ?? [])].filter((m) => m !== memberId);
      const computed = computeAttendanceDay(
        {
          day,
          geofence: team.geofence,
          workingHours: team.workingHours,
          posted: isPosted(day, { from: member.postedFrom, to: member.postedTo }),
          workingDay: calendars.get(team.countyCode)?.(day),
          devicePeers,
          excuse: excuses.get(k) ?? null,
        },
        [
          ...own.map((c) => ({
            at: c.checkTime,
            kind: 'checkin' as const,
            checkByUser: c.checkByUser,
            latitude: c.latitude,
            longitude: c.longitude,
            locationResult: c.locationResult,
            deviceSN: c.deviceSN,
          })),
          ...others,
        ],
      );
      const fingerprint = fingerprintOf(computed);
      const prior = existing.get(k);
      if (prior && prior.fingerprint === fingerprint) continue;
      if (prior) before.set(k, prior.fingerprint);
      const announced = new Set(prior?.announced ?? []);
      const org = orgOf(team);
      const events: CloudEvent[] = [dayComputedEvent(memberId, org, computed, fingerprint)];
      for (const pattern of computed.flags.filter((f) => !announced.has(f))) {
        events.push(patternFlaggedEvent(memberId, org, computed, pattern));
        announced.add(pattern);
      }
      writes.push({
        day: {
          _id: k,
          memberId,
          ...org,
          ...computed,
          month: day.slice(0, 7),
          announced: [...announced],
          basis: own.length + others.length,
          fingerprint,
          computedAt: new Date(),
        },
        events,
      });
    }
    return { writes, before, wanted };
  }
}

export function fingerprintOf(d: AttendanceDay): string {
  return createHash('sha1')
    .update(
      JSON.stringify({ ...d, firstSeen: d.firstSeen?.toISOString(), lastSeen: d.lastSeen?.toISOString() }),
    )
    .digest('hex')
    .slice(0, 16);
}

export function dayComputedEvent(memberId: string, org: MemberOrg, d: AttendanceDay, fingerprint: string) {
  return memberEvent(
    AttendanceDayComputedV1.type,
    `attendance-day:${memberId}:${d.day}:${fingerprint}`,
    memberId,
    org,
    {
      day: d.day,
      workingDay: d.workingDay,
      posted: d.posted,
      onPost: d.onPost,
      insideGeofence: d.insideGeofence,
      daytimeActivity: d.daytimeActivity,
      firstSeen: d.firstSeen?.toISOString() ?? null,
      lastSeen: d.lastSeen?.toISOString() ?? null,
      presenceCount: d.presenceCount,
      replayCount: d.replayCount,
      flags: d.flags,
      excused: d.excused,
    },
  );
}

export function patternFlaggedEvent(
  memberId: string,
  org: MemberOrg,
  d: Pick<AttendanceDay, 'day' | 'sharedDevices'>,
  pattern: AttendancePattern,
) {
  const shared = pattern === 'shared_device' ? d.sharedDevices[0] : undefined;
  return memberEvent(
    AttendancePatternFlaggedV1.type,
    `attendance-flag:${memberId}:${d.day}:${pattern}`,
    memberId,
    org,
    {
      day: d.day,
      pattern,
      detail: PATTERN_LABELS[pattern],
      ...(shared ? { deviceSN: shared.deviceSN, otherMemberIds: shared.otherMemberIds } : {}),
    },
  );
}
