import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SERVICE_SCOPE } from '@lib/auth';
import {
  CoverageChangedV1,
  createEvent,
  HouseholdClosedV1,
  HouseholdRegisteredV1,
  SurveyRecordedV1,
} from '@lib/contracts';
import { ReadModelUser } from '@lib/persistence';
import { APP_CONFIG } from '@lib/service-kit';
import { MonitoringConfig } from '../config';
import { HouseholdDirectory } from '../household-directory/household-directory.store';
import {
  chinaMonthDay,
  countByVillage,
  CoverageStatus,
  deadlineOf,
  dueDateOf,
  mergeBuckets,
  statusOf,
  VillageCounts,
} from './domain/coverage-rule';
import { coverageEntryOf, coverageMarkOf, MarkedSurvey, markedSurveyOf } from './domain/coverage-fold';
import { CoverageHousehold, CoverageMark } from './coverage.schema';
import { CoverageStore, GroupRow, UnitField } from './coverage.store';

export type { UnitField } from './coverage.store';

/**
 * Coverage read model: fed by registrations (households-events.consumer.ts) and by survey.recorded.v1
 * from our own topic; rebuilt from both by `npm run replay -- monitoring coverage`.
 */
@Injectable()
export class CoverageService implements ReadModelUser, OnModuleDestroy {
  private readonly logger = new Logger(CoverageService.name);

  constructor(
    private readonly store: CoverageStore,
    private readonly directory: HouseholdDirectory,
    @Inject(APP_CONFIG) private readonly config: MonitoringConfig,
  ) {}

  get dueDay(): number {
    return this.config.SURVEY_DUE_DAY;
  }

  /** The collection of coverage's entries in use (its marks' is named alike: coverage.store.ts). */
  get collectionName(): string {
    return this.store.collectionName;
  }

  /**
   * Reads and writes coverage's collections named by `name` from now on (replay/coverage-pointer.ts,
   * at start and when a replay switched over). At start, once they are chosen: the first start on an
   * existing database copies what coverage lacks into them, then the announcer starts.
   */
  async useCollection(name: string, switched: boolean): Promise<void> {
    this.store.useCollection(name);
    if (switched || this.announcer || this.stopped) return;
    await this.backfill();
    this.announcer = setTimeout(() => void this.announceLoop(), 0);
  }

  private announcer: NodeJS.Timeout | null = null;
  private announcing: Promise<void> | null = null;
  private stopped = false;
  /** How often pending village-months are announced (coalescing the batches in between). */
  private readonly announceEveryMs = 1_000;

  async onModuleDestroy() {
    this.stopped = true;
    if (this.announcer) clearTimeout(this.announcer);
    await this.announcing;
  }

  private async announceLoop() {
    if (this.stopped) return;
    this.announcing = this.announcePending().then(
      () => undefined,
      (e) => this.logger.warn(`coverage announcements failed, will retry: ${(e as Error).message}`),
    );
    await this.announcing;
    this.announcing = null;
    if (!this.stopped) this.announcer = setTimeout(() => void this.announceLoop(), this.announceEveryMs);
  }

  /** Announces every pending village-month (public for tests); returns how many were announced. */
  async announcePending(): Promise<number> {
    const pending = await this.store.pendingBatch();
    for (const p of pending) {
      await this.announce(p.villageCode, p.townCode, p.month);
      await this.store.donePending(p);
    }
    return pending.length;
  }

  /**
   * First start of coverage on an existing database: households the directory already knows (in the
   * directory's collection in use) and surveys already recorded are copied in (insert-only, so running
   * it twice changes nothing).
   */
  private async backfill() {
    if (!(await this.store.hasHouseholds())) {
      const known = await this.store.openKnownHouseholds();
      let batch: CoverageHousehold[] = [];
      for await (const k of known) {
        batch.push(coverageEntryOf(k._id, k));
        if (batch.length === 500) {
          await this.store.addHouseholds(batch);
          batch = [];
        }
      }
      await this.store.addHouseholds(batch);
    }
    if (!(await this.store.hasMarks())) {
      const surveys = await this.store.recordedSurveys();
      if (surveys.length > 0) {
        this.logger.log(
          `走访覆盖：标记覆盖功能上线前已记录的 ${surveys.length} 份调查 (surveys recorded before coverage existed)`,
        );
        await this.markSurveys(
          surveys.map((s) => ({
            surveyId: String(s._id),
            householdId: String(s.householdId),
            month: String(s.month),
            townCode: String(s.townCode),
            villageCode: String(s.villageCode),
            visitedAt: new Date(s.visitedAt),
            recordedAt: new Date(s.recordedAt ?? s.visitedAt),
          })),
        );
      }
    }
  }

  /** Idempotent: the household's entry is written once. */
  async householdRegistered(e: HouseholdRegisteredV1): Promise<void> {
    await this.store.addHouseholds([coverageEntryOf(e.data.householdId, e.data)]);
  }

  /**
   * 注销: the household leaves coverage (its entry and its months' marks are removed, so neither the
   * households nor the surveyed of any month count it and it is never due again); the village-months it
   * was in are announced again. Idempotent: a redelivery finds nothing left to remove.
   */
  async householdClosed(e: HouseholdClosedV1): Promise<void> {
    const { householdId, villageCode, townCode } = e.data;
    const marked = await this.store.removeHousehold(householdId);
    const months = new Set([...marked, chinaMonthDay(new Date()).month]);
    await this.store.touchPending([...months].map((month) => ({ villageCode, townCode, month })));
  }

  /** A batch of surveys: marks each household-month once, then announces the villages whose counts changed. */
  async surveysRecorded(events: SurveyRecordedV1[]): Promise<void> {
    await this.markSurveys(events.map(markedSurveyOf));
  }

  private async markSurveys(surveys: MarkedSurvey[]) {
    const ids = [...new Set(surveys.map((s) => s.householdId))];
    const entries = new Map((await this.store.householdsWithIds(ids)).map((h) => [h._id, h] as const));
    // a household the directory knows but coverage has not seen yet (its listener is retried)
    const missing: CoverageHousehold[] = [];
    const closed = new Set<string>();
    for (const id of ids.filter((i) => !entries.has(i))) {
      const known = await this.directory.findById(SERVICE_SCOPE, id);
      if (!known) continue;
      if (known.closedOn) {
        closed.add(id); // 注销: a survey recorded before the closure arrives late, and is not counted
        continue;
      }
      const entry = coverageEntryOf(id, known);
      entries.set(id, entry);
      missing.push(entry);
    }
    await this.store.addHouseholds(missing);

    const marks: CoverageMark[] = surveys
      .filter((s) => !closed.has(s.householdId))
      .map((s) => coverageMarkOf(s, entries.get(s.householdId)));
    await this.store.addMarks(marks);

    // every village-month the batch touched (even on a redelivery) is left for the announcer, which
    // coalesces batches; an unchanged state is a duplicate announcement and ignored
    await this.store.touchPending(marks);
  }

  private async announce(villageCode: string, townCode: string, month: string) {
    const now = new Date();
    const [counts] = await this.countsOf('villageCode', villageCode, month, now);
    if (!counts) return;
    const id = `${villageCode}:${month}:${counts.households}:${counts.surveyed}`;
    const event = createEvent({
      type: CoverageChangedV1.type,
      source: 'monitoring',
      subject: `${villageCode}:${month}`,
      id: createHash('sha256').update(`coverage:${id}`).digest('hex').slice(0, 32),
      townId: townCode,
      villageId: villageCode,
      time: now,
      data: {
        countyCode: villageCode.slice(0, 6),
        townCode,
        villageCode,
        month,
        households: counts.households,
        surveyed: counts.surveyed,
        due: counts.due,
        overdue: counts.overdue,
        dueDate: dueDateOf(month, this.dueDay),
        computedAt: now.toISOString(),
      },
    });
    await this.store.announce({ _id: id, villageCode, month, at: now }, [event]);
  }

  /** Per-village counts of a month under a county, town or village: two `$group/$sum` over insert-only facts. */
  async countsOf(field: UnitField, code: string, month: string, now: Date): Promise<VillageCounts[]> {
    const [hh, mk] = await this.store.groups(field, code, month);
    const rows = (r: GroupRow[]) =>
      r.map((g) => ({ villageCode: g._id.v, fromMonth: g._id.m ?? null, fromDay: g._id.d ?? null, n: g.n }));
    return countByVillage(mergeBuckets(rows(hh), rows(mk)), month, now, this.dueDay);
  }

  /** The households of a village in a month with their status, in household-number order. */
  async householdsOf(villageCode: string, month: string, now: Date, status?: CoverageStatus) {
    const [hh, mk] = await this.store.villageMonth(villageCode, month);
    const marked = new Map(mk.map((m) => [m.householdId, m] as const));
    const rows = hh.map((h) => {
      const mark = marked.get(h._id);
      const s = statusOf(month, h, mark !== undefined, now, this.dueDay);
      return {
        householdId: h._id,
        householdNumber: h.householdNumber,
        villageCode: h.villageCode,
        status: s,
        deadline: deadlineOf(month, h, this.dueDay).toISOString(),
        surveyId: mark?.surveyId ?? null,
        visitedAt: mark?.visitedAt ?? null,
      };
    });
    return rows
      .filter((r) => r.status !== null && (status === undefined || r.status === status))
      .sort(
        (a, b) =>
          a.householdNumber.localeCompare(b.householdNumber) || a.householdId.localeCompare(b.householdId),
      );
  }
}
