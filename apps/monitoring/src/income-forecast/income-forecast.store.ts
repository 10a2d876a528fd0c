import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { CloudEvent, ThresholdScope } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { ScopedRepository, Store } from '@lib/persistence';
import type { BenefitGapLike, DepartmentFactLike, SurveyEmploymentLike } from './domain/forecast-facts';
import { IncomeForecast } from './income-forecast.schema';

export interface ThresholdRow {
  scope: ThresholdScope;
  provinceCode: string | null;
  countyCode: string | null;
  year: number;
  amount: number;
}

/** A link that paid nothing this year, once per link and year (`_id` = beneficiaryId:year). */
interface BenefitGap extends BenefitGapLike {
  _id: string;
  householdId: string;
  eventId: string;
}

/** The lines of the forecast: what is recomputed when the year's line changes, not the forecast. */
export type ForecastLines = Pick<
  IncomeForecast,
  'line' | 'monthLines' | 'lineNote' | 'monthsToLine' | 'atRisk'
>;

/**
 * 收入趋势预测's persistence: the latest forecast per household (with household-income.forecast.v1 in
 * its outbox), the benefit gaps projects reported, and read-only views of the facts monitoring keeps
 * elsewhere (department facts, surveys' employment changes, the lines).
 */
@Injectable()
export class IncomeForecastStore extends ScopedRepository<IncomeForecast> {
  private readonly gaps: Store<BenefitGap>;
  private readonly facts: Store<DepartmentFactLike & { householdId: string; status: string }>;
  private readonly surveys: Store<SurveyEmploymentLike & { householdId: string; villageCode: string }>;
  private readonly thresholds: Store<ThresholdRow>;

  constructor(
    @InjectModel(IncomeForecast.name) model: Model<IncomeForecast>,
    @InjectConnection() db: Connection,
    relay: OutboxRelay,
  ) {
    super(model, { relay });
    this.gaps = Store.named(db, 'forecast_benefit_gaps');
    this.facts = Store.named(db, 'department_facts');
    this.surveys = Store.named(db, 'surveys');
    this.thresholds = Store.named(db, 'thresholds');
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
    return this.model.findById(householdId).lean<IncomeForecast>().exec();
  }

  /** The same forecast under new lines: no event. */
  async updateLines(householdId: string, lines: ForecastLines): Promise<void> {
    await this.store.updateOne({ _id: householdId }, { $set: lines });
  }

  /** The new forecast and its event, in one write. */
  async put(householdId: string, doc: Omit<IncomeForecast, '_id'>, events: CloudEvent[]): Promise<void> {
    await this.store.updateOne({ _id: householdId }, { $set: doc }, { upsert: true, events });
  }
}
