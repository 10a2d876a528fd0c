import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { onPartitionsAssigned } from '@lib/messaging';
import type { Sighting } from './domain/attendance-day';
import type { AttendanceDayDoc } from './attendance-day.schema';
import { AttendanceStore } from './attendance.store';
import { CheckIn } from '../checkins/check-in.schema';
import { CheckInsStore } from '../checkins/checkins.store';
import { WorkLogsStore } from '../worklogs/worklogs.store';
import { VisitsStore } from '../visits/visits.store';
import type { WorkLog } from '../worklogs/work-log.schema';
import type { Visit } from '../visits/visit.schema';

/** What the ledger holds of one local day: everything a member-day of it is judged from. */
export interface LedgerDay {
  day: string;
  /** Every check-in of the day (all members: a shared device joins members of other partitions), by id. */
  checkIns: Map<string, CheckIn>;
  /** Work logs and visits per member-day (`${memberId}:${day}`). */
  sightings: Map<string, Sighting[]>;
}

type Computed = Pick<AttendanceDayDoc, 'fingerprint' | 'announced'>;

/** Work logs placed in the village and monitoring visits (入户走访) prove daytime presence like a check-in. */
export function sightingsOf(workLogs: WorkLog[], visits: Visit[]): Map<string, Sighting[]> {
  const out = new Map<string, Sighting[]>();
  const add = (k: string, s: Sighting) => {
    const list = out.get(k);
    if (list) list.push(s);
    else out.set(k, [s]);
  };
  for (const w of workLogs)
    add(`${w.memberId}:${w.day}`, { at: w.at, kind: 'worklog', checkByUser: true, ...w.place });
  for (const v of visits)
    add(`${v.memberId}:${v.day}`, { at: v.at, kind: 'visit', checkByUser: true, inside: v.inside });
  return out;
}

const dayOf = (memberDayId: string) => memberDayId.slice(memberDayId.lastIndexOf(':') + 1);

/** Days held at most (a month and a half of a county's check-ins); the least recently used goes first. */
const MAX_DAYS = 45;

/**
 * The check-in pipeline's state in memory (issue 17): per local day, its check-ins, work logs and
 * visits, and per member-day the fingerprint of the computed day. A day is loaded from the database
 * the first time a batch touches it (four equality lookups, whatever the batch's size), then kept
 * current by this instance's own writes; a batch costs no read of check-ins or days after that.
 *
 * It is a cache the writes check, not the truth: a computed day is written only over the
 * fingerprint the ledger holds (new days by an insert that refuses an existing one), so a day
 * another writer changed (another instance, a work log, the daily close) is noticed, forgotten and
 * judged again from the database. Everything is dropped when the consumer group hands out the
 * partitions again (another instance joined or left): the next batch of each day loads it afresh.
 */
@Injectable()
export class AttendanceLedger implements OnModuleDestroy {
  private readonly loaded = new Map<string, Promise<LedgerDay>>();
  /** Per day, its member-days' computed days (`${memberId}:${day}` → fingerprint and announced). */
  private readonly computedOn = new Map<string, Map<string, Computed>>();
  private readonly unsubscribe: () => void;
  /** Days loaded from the database since start (for the bench's profile and tests). */
  loads = 0;

  constructor(
    private readonly checkIns: CheckInsStore,
    private readonly attendance: AttendanceStore,
    private readonly workLogs: WorkLogsStore,
    private readonly visits: VisitsStore,
  ) {
    this.unsubscribe = onPartitionsAssigned(() => this.clear());
  }

  onModuleDestroy() {
    this.unsubscribe();
  }

  /** The days, each loaded once (concurrent batches share a load). */
  async days(days: string[]): Promise<LedgerDay[]> {
    return Promise.all([...new Set(days)].map((d) => this.day(d)));
  }

  private day(day: string): Promise<LedgerDay> {
    const hit = this.loaded.get(day);
    if (hit) {
      // most recently used last
      this.loaded.delete(day);
      this.loaded.set(day, hit);
      return hit;
    }
    const load = this.load(day);
    this.loaded.set(day, load);
    load.catch(() => this.loaded.get(day) === load && this.loaded.delete(day));
    while (this.loaded.size > MAX_DAYS) this.forget([this.loaded.keys().next().value!]);
    return load;
  }

  private async load(day: string): Promise<LedgerDay> {
    this.loads++;
    const [checkIns, computed, workLogs, visits] = await Promise.all([
      this.checkIns.onDays([day]),
      this.attendance.onDays([day]),
      this.workLogs.onDays([day]),
      this.visits.onDays([day]),
    ]);
    const known = this.on(day);
    for (const c of computed)
      if (!known.has(c._id)) known.set(c._id, { fingerprint: c.fingerprint, announced: c.announced });
    return {
      day,
      checkIns: new Map(checkIns.map((c) => [c._id, c])),
      sightings: sightingsOf(workLogs, visits),
    };
  }

  /** Check-ins now stored (new or found stored already), added to their loaded days. */
  async addCheckIns(checkIns: CheckIn[]): Promise<void> {
    const days = await this.days(checkIns.map((c) => c.day));
    const byDay = new Map(days.map((d) => [d.day, d]));
    for (const c of checkIns) byDay.get(c.day)?.checkIns.set(c._id, c);
  }

  /** The member-day's computed day as last seen (undefined: none, as far as the ledger knows). */
  computed(id: string): Computed | undefined {
    return this.computedOn.get(dayOf(id))?.get(id);
  }

  /** A day this instance has just written. */
  remember(id: string, day: Computed) {
    this.on(dayOf(id)).set(id, { fingerprint: day.fingerprint, announced: day.announced });
  }

  private on(day: string) {
    let m = this.computedOn.get(day);
    if (!m) this.computedOn.set(day, (m = new Map()));
    return m;
  }

  /** Drops these days (their check-ins, sightings and computed member-days): the next use reloads them. */
  forget(days: string[]) {
    for (const d of days) {
      this.loaded.delete(d);
      this.computedOn.delete(d);
    }
  }

  clear() {
    this.loaded.clear();
    this.computedOn.clear();
  }
}
