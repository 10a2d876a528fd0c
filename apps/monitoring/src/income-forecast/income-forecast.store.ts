import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import type { Filter } from 'mongodb';
import { Scope } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Page, ReadModelUser, scopedFilter, Store, WITHOUT_OUTBOX } from '@lib/persistence';
import type { BenefitGapLike, DepartmentFactLike, SurveyEmploymentLike } from './domain/forecast-facts';
import type { BenefitGap, ForecastLines, ThresholdRow } from './domain/forecast-record';
import { IncomeForecast } from './income-forecast.schema';

/** The forecasts' own collection, and the benefit gaps' kept with it. */
export const INCOME_FORECASTS = 'income_forecasts';
export const FORECAST_BENEFIT_GAPS = 'forecast_benefit_gaps';

/**
 * The benefit gaps' collection that goes with a forecasts' collection: a replay rebuilds both
 * (`income_forecasts_r<time>` with `forecast_benefit_gaps_r<time>`), one pointer switches both.
 */
export function benefitGapsOf(forecasts: string): string {
  return FORECAST_BENEFIT_GAPS + forecasts.slice(INCOME_FORECASTS.length);
}

/**
 * 收入趋势预测's persistence: the latest forecast per household (with household-income.forecast.v1 in
 * its outbox), the benefit gaps projects reported, and read-only views of the facts monitoring keeps
 * elsewhere (department facts, surveys' employment changes, the lines). The forecasts and the gaps are
 * one read model: `income_forecasts` and `forecast_benefit_gaps` until a replay rebuilt them (`npm run
 * replay -- monitoring income-forecast`, replay/income-forecast-pointer.ts switches both over); every
 * read and write goes to the collections in use.
 */
@Injectable()
export class IncomeForecastStore implements ReadModelUser {
  private forecasts: Store<IncomeForecast>;
  private gaps: Store<BenefitGap>;
  private readonly facts: Store<DepartmentFactLike & { householdId: string; status: string }>;
  private readonly surveys: Store<SurveyEmploymentLike & { householdId: string; villageCode: string }>;
  private readonly thresholds: Store<ThresholdRow>;

  constructor(
    @InjectModel(IncomeForecast.name) model: Model<IncomeForecast>,
    @InjectConnection() private readonly db: Connection,
    private readonly relay: OutboxRelay,
  ) {
    this.forecasts = Store.of(model, { relay });
    this.gaps = Store.named(db, FORECAST_BENEFIT_GAPS);
    this.facts = Store.named(db, 'department_facts');
    this.surveys = Store.named(db, 'surveys');
    this.thresholds = Store.named(db, 'thresholds');
  }

  get collectionName(): string {
    return this.forecasts.collectionName;
  }

  /**
   * Reads and writes `name` (and its benefit gaps) from now on. The previous forecasts' collection
   * stays registered with the relay: events still pending in it are published.
   */
  useCollection(name: string): void {
    if (name === this.forecasts.collectionName) return;
    this.forecasts = Store.named<IncomeForecast>(this.db, name, { relay: this.relay });
    this.gaps = Store.named(this.db, benefitGapsOf(name));
  }

  /** The household's forecast if it lies in the scope; null otherwise. */
  findById(scope: Scope, id: string): Promise<IncomeForecast | null> {
    return this.forecasts.findOne(scopedFilter(scope, { _id: id }) as Filter<IncomeForecast>, {
      projection: WITHOUT_OUTBOX,
    });
  }

  /** One page of the forecasts matching `filter` within the scope. */
  async page(
    scope: Scope,
    filter: Record<string, unknown>,
    sort: Record<string, 1 | -1>,
    page: number,
    pageSize: number,
  ): Promise<Page<IncomeForecast>> {
    const query = scopedFilter(scope, filter) as Filter<IncomeForecast>;
    const [items, total] = await Promise.all([
      this.forecasts
        .find(query, { projection: WITHOUT_OUTBOX, sort, skip: (page - 1) * pageSize, limit: pageSize })
        .toArray(),
      this.forecasts.countDocuments(query),
    ]);
    return { items, total, page, pageSize };
  }

  /** Kept once per link and year: a redelivery changes nothing. */
  async addBenefitGap(gap: BenefitGap): Promise<void> {
    const { _id, ...rest } = gap;
    await this.gaps.updateOne({ _id }, { $setOnInsert: rest }, { upsert: true });
  }

  /**
   * What a forecast is computed from besides income, for several households at once (a consumer's
   * batch): benefit gaps, matched department facts and the surveys' employment changes — one statement
   * per collection (each a table scan on FerretDB, so one per batch, not one per event).
   */
  async factsOfMany(
    householdIds: string[],
  ): Promise<
    Map<string, { gaps: BenefitGapLike[]; facts: DepartmentFactLike[]; employment: SurveyEmploymentLike[] }>
  > {
    const householdId = householdIds.length === 1 ? householdIds[0] : { $in: householdIds };
    const [gaps, facts, employment] = await Promise.all([
      this.gaps.find({ householdId }).toArray(),
      this.facts
        .find(
          { householdId, status: 'matched' },
          {
            projection: {
              householdId: 1,
              kind: 1,
              memberId: 1,
              amount: 1,
              occurredOn: 1,
              period: 1,
              detail: 1,
            },
          },
        )
        .toArray(),
      this.surveys
        .find(
          { householdId },
          { projection: { householdId: 1, month: 1, visitedAt: 1, employmentChanges: 1 } },
        )
        .toArray(),
    ]);
    const out = new Map(
      householdIds.map((id) => [
        id,
        {
          gaps: [] as BenefitGapLike[],
          facts: [] as DepartmentFactLike[],
          employment: [] as SurveyEmploymentLike[],
        },
      ]),
    );
    for (const g of gaps) out.get(g.householdId)?.gaps.push(g);
    for (const f of facts) out.get(f.householdId)?.facts.push(f);
    for (const s of employment) out.get(s.householdId)?.employment.push(s);
    return out;
  }

  /** The village of the household's surveys (when the directory has not heard of it yet). */
  async villageOf(householdId: string): Promise<string | null> {
    const s = await this.surveys.findOne({ householdId }, { projection: { villageCode: 1 } });
    return s?.villageCode ?? null;
  }

  allThresholds(): Promise<ThresholdRow[]> {
    return this.thresholds.find({}).toArray();
  }

  previous(householdId: string): Promise<IncomeForecast | null> {
    return this.forecasts.findOne({ _id: householdId }, { projection: WITHOUT_OUTBOX });
  }

  /** The same forecast under new lines: no event. */
  async updateLines(householdId: string, lines: ForecastLines): Promise<void> {
    await this.forecasts.updateOne({ _id: householdId }, { $set: lines });
  }

  /** The new forecast and its event, in one write. */
  async put(householdId: string, doc: Omit<IncomeForecast, '_id'>, events: CloudEvent[]): Promise<void> {
    await this.forecasts.updateOne({ _id: householdId }, { $set: doc }, { upsert: true, events });
  }
}
