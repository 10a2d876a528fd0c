import {
  CloudEvent,
  DataOf,
  HouseholdClosedV1,
  HouseholdRegisteredV1,
  SurveyRecordedV1,
} from '@lib/contracts';
import { chinaMonthDay } from './coverage-rule';

/**
 * 走访覆盖's facts as pure data (coverage.schema.ts stores them as they are): each household's entry
 * into the registry, and each household-month's mark (已走访). No framework here: the live service
 * (coverage.service.ts) and the replay (replay/coverage-replay.ts) both build them with these.
 */
export interface CoverageEntry {
  _id: string;
  householdNumber: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  /** YYYY-MM and day of month of the registration, China time */
  fromMonth: string;
  fromDay: number;
  registeredAt: Date;
}

export interface CoverageMarkFact {
  /** `<householdId>:<month>` */
  _id: string;
  householdId: string;
  month: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  /** the household's entry (null if unknown), so counts need no join */
  fromMonth: string | null;
  fromDay: number | null;
  surveyId: string;
  visitedAt: Date;
  /** when the survey was recorded (its survey.recorded.v1's time) */
  markedAt: Date;
}

/** A household's entry into coverage, from its registration (or the directory's copy of it). */
export function coverageEntryOf(
  householdId: string,
  h: { householdNumber: string; villageCode: string; townCode: string; registeredAt: Date | string },
): CoverageEntry {
  const registeredAt = new Date(h.registeredAt);
  const { month, day } = chinaMonthDay(registeredAt);
  return {
    _id: householdId,
    householdNumber: h.householdNumber,
    countyCode: h.villageCode.slice(0, 6),
    townCode: h.townCode,
    villageCode: h.villageCode,
    fromMonth: month,
    fromDay: day,
    registeredAt,
  };
}

/** A recorded survey as coverage marks it. */
export interface MarkedSurvey {
  surveyId: string;
  householdId: string;
  month: string;
  townCode: string;
  villageCode: string;
  visitedAt: Date;
  recordedAt: Date;
}

/** The mark of a survey, with the household's entry when it is known. */
export function coverageMarkOf(
  s: MarkedSurvey,
  entry: { fromMonth: string; fromDay: number } | undefined,
): CoverageMarkFact {
  return {
    _id: `${s.householdId}:${s.month}`,
    householdId: s.householdId,
    month: s.month,
    countyCode: s.villageCode.slice(0, 6),
    townCode: s.townCode,
    villageCode: s.villageCode,
    fromMonth: entry?.fromMonth ?? null,
    fromDay: entry?.fromDay ?? null,
    surveyId: s.surveyId,
    visitedAt: s.visitedAt,
    markedAt: s.recordedAt,
  };
}

/** survey.recorded.v1 → the survey coverage marks. */
export function markedSurveyOf(e: SurveyRecordedV1 | CloudEvent): MarkedSurvey {
  const d = e.data as DataOf<typeof SurveyRecordedV1>;
  return {
    surveyId: d.surveyId,
    householdId: d.householdId,
    month: d.month,
    townCode: d.townCode,
    villageCode: d.villageCode,
    visitedAt: new Date(d.visitedAt),
    recordedAt: new Date(e.time),
  };
}

/**
 * Folds households.events.v1 (registrations, 注销) and monitoring.events.v1 (survey.recorded.v1)
 * into coverage's entries and marks in memory, as the live consumers write them: an entry is written
 * once, by the first registration; 注销 removes the household's entry and marks, and a registration
 * redelivered or a survey recorded after it counts nothing; a household-month is marked once, by its
 * first survey. Events of the two topics may come in either order (a replay reads them side by side):
 * a mark's entry fields are the household's entry, whenever that is read. It derives only: no
 * village-month is left for the announcer, nothing is announced.
 */
export class CoverageFold {
  private readonly entries = new Map<string, CoverageEntry>();
  private readonly surveys = new Map<string, MarkedSurvey>();
  /** household → the months it is marked in */
  private readonly monthsOf = new Map<string, Set<string>>();
  /** registered households (the directory's), and those closed */
  private readonly known = new Set<string>();
  private readonly closed = new Set<string>();
  /** Entries and marks (by _id) changed since the last flush; gone when the getter answers undefined. */
  readonly changedEntries = new Set<string>();
  readonly changedMarks = new Set<string>();

  get households(): number {
    return this.entries.size;
  }

  get marks(): number {
    return this.surveys.size;
  }

  entry(householdId: string): CoverageEntry | undefined {
    return this.entries.get(householdId);
  }

  mark(id: string): CoverageMarkFact | undefined {
    const s = this.surveys.get(id);
    return s && coverageMarkOf(s, this.entries.get(s.householdId));
  }

  /** Folds a batch; answers how many events changed coverage. */
  apply(events: readonly CloudEvent[]): number {
    return events.filter((e) => this.fold(e)).length;
  }

  private fold(e: CloudEvent): boolean {
    if (e.type === HouseholdRegisteredV1.type)
      return this.registered(e.data as DataOf<typeof HouseholdRegisteredV1>);
    if (e.type === HouseholdClosedV1.type)
      return this.closedOne((e.data as DataOf<typeof HouseholdClosedV1>).householdId);
    if (e.type === SurveyRecordedV1.type) return this.surveyed(markedSurveyOf(e));
    return false;
  }

  private registered(d: DataOf<typeof HouseholdRegisteredV1>): boolean {
    const id = d.householdId;
    this.known.add(id);
    if (this.closed.has(id) || this.entries.has(id)) return false;
    this.entries.set(id, coverageEntryOf(id, d));
    this.changedEntries.add(id);
    for (const month of this.monthsOf.get(id) ?? []) this.changedMarks.add(`${id}:${month}`);
    return true;
  }

  private closedOne(id: string): boolean {
    const wasOpen = this.known.has(id) && !this.closed.has(id);
    if (this.known.has(id)) this.closed.add(id);
    const hadEntry = this.entries.delete(id);
    if (hadEntry) this.changedEntries.add(id);
    const months = this.monthsOf.get(id) ?? new Set<string>();
    for (const month of months) {
      this.surveys.delete(`${id}:${month}`);
      this.changedMarks.add(`${id}:${month}`);
    }
    this.monthsOf.delete(id);
    return wasOpen || hadEntry || months.size > 0;
  }

  private surveyed(s: MarkedSurvey): boolean {
    const id = `${s.householdId}:${s.month}`;
    if (this.closed.has(s.householdId) || this.surveys.has(id)) return false;
    this.surveys.set(id, s);
    const months = this.monthsOf.get(s.householdId) ?? new Set<string>();
    months.add(s.month);
    this.monthsOf.set(s.householdId, months);
    this.changedMarks.add(id);
    return true;
  }
}
