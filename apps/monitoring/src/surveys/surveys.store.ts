import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, SortOrder } from 'mongoose';
import { assertCovers, Scope } from '@lib/auth';
import { ScopedRepository, scopedFilter, Store } from '@lib/persistence';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import type { SurveyFact } from '../household-income/domain/income-figure';
import { Survey, SurveyRevision } from './survey.schema';

export interface SurveyListFilter {
  householdId?: string;
  month?: string;
  townCode?: string;
  villageCode?: string;
  visitor?: string;
  riskType?: string;
  hasMissingComponents?: boolean;
  /** 低于监测范围: per county and year, the line the figure is compared with (computed by the caller). */
  belowLine?: { below: boolean; lines: Array<{ countyCode: string; year: number; amount: number }> };
}

const SORTS: Record<string, Record<string, SortOrder>> = {
  visitedAt: { visitedAt: 1, _id: 1 },
  '-visitedAt': { visitedAt: -1, _id: 1 },
  month: { month: 1, householdId: 1 },
  '-month': { month: -1, householdId: 1 },
};

/** Every read and write of surveys and their corrections, within the caller's scope. */
@Injectable()
export class SurveysStore extends ScopedRepository<Survey> {
  private readonly revisionStore: Store<SurveyRevision>;

  constructor(
    @InjectModel(Survey.name) model: Model<Survey>,
    @InjectModel(SurveyRevision.name) private readonly revisionModel: Model<SurveyRevision>,
    relay: OutboxRelay,
  ) {
    super(model, { relay });
    this.revisionStore = Store.of(revisionModel, { relay });
  }

  /**
   * The survey and its events in one write: 'created', or 'exists' when a survey with the same id is
   * already stored (the device's upload again). Another survey of the household and month is a 409
   * naming it (existingSurveyId), so the device can show both and turn its own into a correction.
   */
  async create(scope: Scope, survey: Survey, events: CloudEvent[]): Promise<'created' | 'exists'> {
    assertCovers(scope, survey.villageCode);
    if (!(await this.store.insertNew(survey, events))) {
      if (await this.model.exists({ _id: survey._id })) return 'exists';
      const other = await this.model
        .findOne(
          { householdId: survey.householdId, month: survey.month },
          { _id: 1, recordedBy: 1, recordedAt: 1 },
        )
        .lean<Pick<Survey, '_id' | 'recordedBy' | 'recordedAt'>>()
        .exec();
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `该户本月已有走访记录 (a survey for ${survey.month} already exists for this household)`,
        problems: [{ field: 'month', reason: 'already surveyed this month' }],
        ...(other
          ? {
              existingSurveyId: other._id,
              existingRecordedBy: other.recordedBy ?? null,
              existingRecordedAt: other.recordedAt,
            }
          : {}),
      });
    }
    return 'created';
  }

  /**
   * 一张图: where households were last visited (the latest survey with a position of each household),
   * within the scope and the unit asked for.
   */
  async positions(scope: Scope, unit: { townCode?: string; villageCode?: string }) {
    const docs = await this.model
      .find(this.scoped(scope, { ...unit, gps: { $ne: null } }), {
        householdId: 1,
        villageCode: 1,
        month: 1,
        gps: 1,
        perCapitaNetIncome: 1,
      })
      .sort({ month: -1 })
      .limit(20_000)
      .lean<
        Array<Pick<Survey, '_id' | 'householdId' | 'villageCode' | 'month' | 'gps' | 'perCapitaNetIncome'>>
      >()
      .exec();
    const latest = new Map<string, (typeof docs)[number]>();
    for (const d of docs) if (d.gps && !latest.has(d.householdId)) latest.set(d.householdId, d);
    return [...latest.values()].map((d) => ({
      householdId: d.householdId,
      villageCode: d.villageCode,
      month: d.month,
      lat: d.gps!.lat,
      lng: d.gps!.lng,
      perCapitaNetIncome: d.perCapitaNetIncome,
    }));
  }

  /**
   * The survey as its latest revision stands, if in scope. A correction whose revision was stored
   * but not yet copied onto the survey (the app stopped in between) is copied now.
   */
  async findCurrent(scope: Scope, id: string): Promise<Survey | null> {
    const doc = await this.findById(scope, id);
    if (!doc) return null;
    let current: Survey = { ...doc, revision: doc.revision ?? 1 };
    for (;;) {
      const next = await this.revisionModel
        .findOne({ _id: `${id}:${current.revision + 1}` })
        .lean<SurveyRevision>()
        .exec();
      if (!next) return current;
      await this.applyRevision(next);
      current = { ...current, ...next.snapshot, revision: next.revision, correctedAt: next.correctedAt };
    }
  }

  /**
   * Stores a correction with its events (insert-only). Two corrections racing for the same
   * revision: the second is refused (409) and changes nothing.
   */
  async addRevision(revision: SurveyRevision, events: CloudEvent[]): Promise<void> {
    if (!(await this.revisionStore.insertNew(revision, events)))
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `该走访记录正被他人同时更正，请刷新后重试 (survey ${revision.surveyId} was corrected meanwhile; reload and retry)`,
        problems: [{ field: 'changes', reason: 'corrected by someone else meanwhile' }],
      });
  }

  /** Brings the survey up to a stored revision (only from the revision before it: never backwards). */
  async applyRevision(r: SurveyRevision): Promise<void> {
    const prev = r.revision - 1;
    await this.store.updateOne(
      prev === 1
        ? { _id: r.surveyId, $or: [{ revision: 1 }, { revision: { $exists: false } }] }
        : { _id: r.surveyId, revision: prev },
      { $set: { ...r.snapshot, revision: r.revision, correctedAt: r.correctedAt } },
    );
  }

  /** The corrections of a survey, oldest first. */
  revisions(surveyId: string): Promise<SurveyRevision[]> {
    return this.revisionModel.find({ surveyId }).sort({ revision: 1 }).lean<SurveyRevision[]>().exec();
  }

  /** What the household's income is computed from: each survey's current revision (equality lookup). */
  async factsOf(householdId: string): Promise<SurveyFact[]> {
    return (await this.factsOfMany([householdId])).get(householdId) ?? [];
  }

  /** The same for several households in one statement (one table scan for a consumer's batch). */
  async factsOfMany(householdIds: string[]): Promise<Map<string, SurveyFact[]>> {
    const docs = await this.model
      .find(
        householdIds.length === 1 ? { householdId: householdIds[0] } : { householdId: { $in: householdIds } },
        { householdId: 1, month: 1, visitedAt: 1, income: 1, residentMembers: 1 },
      )
      .lean<Survey[]>()
      .exec();
    const out = new Map<string, SurveyFact[]>(householdIds.map((id) => [id, []]));
    for (const d of docs)
      out.get(d.householdId)?.push({
        surveyId: d._id,
        month: d.month,
        visitedAt: new Date(d.visitedAt),
        income: d.income,
        residentMembers: d.residentMembers,
      });
    return out;
  }

  /** The counties and years of the surveys a query may find (for the lines of 低于监测范围). */
  async countyYears(
    scope: Scope,
    filter: Pick<SurveyListFilter, 'householdId' | 'townCode' | 'villageCode' | 'month'>,
  ) {
    const query = scopedFilter<Survey>(scope, filter);
    const [counties, months] = await Promise.all([
      this.model.distinct('countyCode', query).exec(),
      this.model.distinct('month', query).exec(),
    ]);
    const years = [...new Set((months as string[]).map((m) => Number(m.slice(0, 4))))];
    return (counties as string[]).flatMap((countyCode) => years.map((year) => ({ countyCode, year })));
  }

  list(scope: Scope, filter: SurveyListFilter, sort: string, page: number, pageSize: number) {
    const { riskType, hasMissingComponents, belowLine, ...rest } = filter;
    return this.page(
      scope,
      {
        ...rest,
        // a survey with no figure, or of a county and year without a line, is neither below nor above
        $or: belowLine
          ? belowLine.lines.length
            ? belowLine.lines.map((l) => ({
                countyCode: l.countyCode,
                month: { $gte: `${l.year}-01`, $lte: `${l.year}-12` },
                perCapitaNetIncome: belowLine.below ? { $lt: l.amount } : { $gte: l.amount },
              }))
            : [{ _id: { $in: [] } }]
          : undefined,
        // an array field matches an element by equality
        riskTypes: riskType,
        // surveys from before the flag existed had every component
        hasMissingIncomeComponents:
          hasMissingComponents === undefined ? undefined : hasMissingComponents ? true : { $ne: true },
      },
      SORTS[sort] ?? SORTS['-month'],
      page,
      pageSize,
    );
  }
}
