import {
  CloudEvent,
  DepartmentFactReceivedV1,
  HouseholdIncomeChangedV1,
  HouseholdIncomeForecastV1,
  HouseholdRegisteredV1,
  ProjectBeneficiaryWithoutBenefitV1,
  ThresholdSetV1,
  Topics,
} from '@lib/contracts';
import { OUTBOX_PENDING, OUTBOX_SEQ } from '@lib/messaging';
import {
  AppReplayOptions,
  insertIntoShadow,
  ReadModelReplayResult,
  replayReadModel,
  ShadowWriter,
} from '@lib/persistence';
import type { Forecast } from '../income-forecast/domain/forecast';
import {
  BenefitGap,
  benefitGapRecord,
  forecastRecord,
  ThresholdRow,
} from '../income-forecast/domain/forecast-record';
import type { IncomeForecast } from '../income-forecast/income-forecast.schema';
import { benefitGapsOf, INCOME_FORECASTS } from '../income-forecast/income-forecast.store';
import { INCOME_FORECAST_READ_MODEL } from './income-forecast-pointer';

export interface IncomeForecastReplayResult extends ReadModelReplayResult {
  forecasts: number;
  benefitGaps: number;
}

/** One change of a line (threshold.set.v1): its key, when it was set, and the line. */
interface LineChange {
  key: string;
  setAt: number;
  row: ThresholdRow;
}

/**
 * Folds the income forecast (收入趋势预测) from the log in memory, as RecomputeForecast writes it: the
 * forecast of each household is the latest household-income.forecast.v1 monitoring announced (by its
 * computedAt); its lines are those standing then (threshold.set.v1, the latest of each key set by the
 * household's last recompute — its forecast, or a later income change, department fact or benefit gap
 * that recomputed the same forecast under new lines); its number is the registration's. Benefit gaps
 * (project.beneficiary-without-benefit.v1) are kept once per link and year, the first event's.
 * Nothing is recomputed and nothing is announced.
 */
export class IncomeForecastFold {
  private readonly forecasts = new Map<string, Forecast & { villageCode: string; computedAt: number }>();
  private readonly numbers = new Map<string, string>();
  private readonly lastRecompute = new Map<string, number>();
  private readonly lines: LineChange[] = [];
  readonly gaps = new Map<string, BenefitGap>();
  /** The forecasts and gaps changed since the last flush. */
  readonly changed = new Set<string>();
  readonly changedGaps = new Set<string>();

  get size(): number {
    return this.forecasts.size;
  }

  /** Folds a batch; answers how many events changed a forecast or a gap. */
  apply(events: readonly CloudEvent[]): number {
    return events.filter((e) => this.fold(e)).length;
  }

  /** The household's stored forecast, null without one. */
  record(householdId: string): IncomeForecast | null {
    const f = this.forecasts.get(householdId);
    if (!f) return null;
    const { villageCode, computedAt, ...forecast } = f;
    const asOf = Math.max(computedAt, this.lastRecompute.get(householdId) ?? 0);
    return {
      _id: householdId,
      ...forecastRecord(forecast, {
        villageCode,
        householdNumber: this.numbers.get(householdId) ?? null,
        thresholds: this.linesAt(asOf),
        computedAt: new Date(computedAt),
      }),
    };
  }

  /** The lines standing at `t`: of each key, the latest set by then. */
  private linesAt(t: number): ThresholdRow[] {
    const standing = new Map<string, LineChange>();
    for (const c of this.lines)
      if (c.setAt <= t && (standing.get(c.key)?.setAt ?? -Infinity) <= c.setAt) standing.set(c.key, c);
    return [...standing.values()].map((c) => c.row);
  }

  private touch(householdId: string): boolean {
    if (!this.forecasts.has(householdId)) return false;
    this.changed.add(householdId);
    return true;
  }

  /** A fact of the household changed at `time`: its forecast was recomputed then (maybe to the same). */
  private recomputed(householdId: string, time: string | undefined): boolean {
    const t = Date.parse(time ?? '') || 0;
    if (t > (this.lastRecompute.get(householdId) ?? 0)) this.lastRecompute.set(householdId, t);
    return this.touch(householdId);
  }

  private fold(e: CloudEvent): boolean {
    switch (e.type) {
      case HouseholdIncomeForecastV1.type: {
        const { householdId, townCode, computedAt, ...rest } = (e as HouseholdIncomeForecastV1).data;
        void townCode; // the village's
        const at = Date.parse(computedAt);
        if ((this.forecasts.get(householdId)?.computedAt ?? -Infinity) > at) return false;
        this.forecasts.set(householdId, { ...rest, computedAt: at });
        this.changed.add(householdId);
        return true;
      }
      case ThresholdSetV1.type: {
        const { scope, provinceCode, countyCode, year, amount, setAt } = (e as ThresholdSetV1).data;
        const key = e.subject ?? `${scope}:${countyCode ?? provinceCode ?? 'national'}:${year}`;
        this.lines.push({
          key,
          setAt: Date.parse(setAt),
          row: { scope, provinceCode, countyCode, year, amount },
        });
        for (const id of this.forecasts.keys()) this.changed.add(id);
        return this.forecasts.size > 0;
      }
      case HouseholdRegisteredV1.type: {
        const d = (e as HouseholdRegisteredV1).data;
        if (this.numbers.has(d.householdId)) return false;
        this.numbers.set(d.householdId, d.householdNumber);
        return this.touch(d.householdId);
      }
      case HouseholdIncomeChangedV1.type:
      case DepartmentFactReceivedV1.type:
        return this.recomputed(
          (e as HouseholdIncomeChangedV1 | DepartmentFactReceivedV1).data.householdId,
          e.time,
        );
      case ProjectBeneficiaryWithoutBenefitV1.type: {
        const gap = benefitGapRecord(e as ProjectBeneficiaryWithoutBenefitV1);
        const fresh = !this.gaps.has(gap._id);
        if (fresh) {
          this.gaps.set(gap._id, gap);
          this.changedGaps.add(gap._id);
        }
        return this.recomputed(gap.householdId, e.time) || fresh;
      }
      default:
        return false;
    }
  }
}

/**
 * Rebuilds the income forecast (收入趋势预测: `income_forecasts` with `forecast_benefit_gaps`, one read
 * model) from Kafka while the app keeps serving and consuming (libs/persistence's replayReadModel):
 * monitoring.events.v1 (the forecasts announced, the lines, the changes that recomputed them),
 * households.events.v1 (the household numbers) and projects.events.v1 (the benefit gaps). Both shadows
 * carry the same time (`income_forecasts_r<time>`, `forecast_benefit_gaps_r<time>`); the pointer names
 * the forecasts' and the app switches both at once.
 */
export async function replayIncomeForecast(o: AppReplayOptions): Promise<IncomeForecastReplayResult> {
  const fold = new IncomeForecastFold();
  const writer = new ShadowWriter<IncomeForecast>();
  const result = await replayReadModel<IncomeForecast>(
    {
      ...o,
      topics: [Topics.monitoring, Topics.households, Topics.projects].map((t) => `${o.topicPrefix}${t}`),
      readModel: INCOME_FORECAST_READ_MODEL,
      collection: INCOME_FORECASTS,
    },
    {
      async prepare(shadow) {
        // the schema's indexes (income-forecast.schema.ts, outboxSchemaFields): the app writes here after
        await shadow.createIndex({ villageCode: 1, atRisk: 1 });
        await shadow.createIndex({ townCode: 1, atRisk: 1 });
        await shadow.createIndex({ [OUTBOX_PENDING]: 1 });
        await shadow.createIndex({ [OUTBOX_SEQ]: 1 });
        await o.db.createCollection(benefitGapsOf(shadow.collectionName));
      },
      apply: (events) => fold.apply(events),
      async flush(shadow) {
        const gaps = [...fold.changedGaps].map((id) => fold.gaps.get(id)!);
        fold.changedGaps.clear();
        await insertIntoShadow(o.db.collection<BenefitGap>(benefitGapsOf(shadow.collectionName)), gaps);
        await writer.flush(shadow, fold.changed, (id) => fold.record(id) ?? undefined);
      },
    },
  );
  return { ...result, forecasts: fold.size, benefitGaps: fold.gaps.size };
}
