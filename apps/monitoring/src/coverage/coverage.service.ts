import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SERVICE_SCOPE } from '@lib/auth';
import {
  CoverageChangedV1,
  createEvent,
  HouseholdClosedV1,
  HouseholdRegisteredV1,
  SurveyRecordedV1,
} from '@lib/contracts';
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
import { CoverageHousehold, CoverageMark } from './coverage.schema';
import { CoverageStore, GroupRow, UnitField } from './coverage.store';

export type { UnitField } from './coverage.store';

/** Coverage read model: fed by registrations (households-events.consumer.ts) and by survey.recorded.v1 from our own topic. */
@Injectable()
export class CoverageService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CoverageService.name);

  constructor(
    private readonly store: CoverageStore,
    private readonly directory: HouseholdDirectory,
    @Inject(APP_CONFIG) private readonly config: MonitoringConfig,
  ) {}

  get dueDay(): number {
    return this.config.SURVEY_DUE_DAY;
  }

  async onModuleInit() {
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
   * First start of coverage on an existing database: households the directory already knows and
   * surveys already recorded are copied in (insert-only, so running it twice changes nothing).
   */
  private async backfill() {
    if (!(await this.store.hasHouseholds())) {
      const known = this.store.openKnownHouseholds();
      let batch: CoverageHousehold[] = [];
      for await (const k of known) {
        batch.push(this.entryOf(k._id, k));
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
        this.logger.log(`coverage: marking ${surveys.length} surveys recorded before coverage existed`);
        await this.markSurveys(
          surveys.map((s) => ({
            surveyId: String(s._id),
            householdId: String(s.householdId),
            month: String(s.month),
            townCode: String(s.townCode),
            villageCode: String(s.villageCode),
            visitedAt: new Date(s.visitedAt),
          })),
        );
      }
    }
  }

  private entryOf(
    householdId: string,
    h: { householdNumber: string; villageCode: string; townCode: string; registeredAt: Date | string },
  ): CoverageHousehold {
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

  /** Idempotent: the household's entry is written once. */
  async householdRegistered(e: HouseholdRegisteredV1): Promise<void> {
    await this.store.addHouseholds([this.entryOf(e.data.householdId, e.data)]);
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
    await this.markSurveys(
      events.map((e) => ({
        surveyId: e.data.surveyId,
        householdId: e.data.householdId,
        month: e.data.month,
        townCode: e.data.townCode,
        villageCode: e.data.villageCode,
        visitedAt: new Date(e.data.visitedAt),
      })),
    );
  }

  private async markSurveys(
    surveys: Array<{
      surveyId: string;
      householdId: string;
      month: string;
      townCode: string;
      villageCode: string;
      visitedAt: Date;
    }>,
  ) {
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
      const entry = this.entryOf(id, known);
      entries.set(id, entry);
      missing.push(entry);
    }
    await this.store.addHouseholds(missing);

    const now = new Date();
    const marks: CoverageMark[] = surveys
      .filter((s) => !closed.has(s.householdId))
      .map((s) => {
        const entry = entries.get(s.householdId);
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
          markedAt: now,
        };
      });
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
