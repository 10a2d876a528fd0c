import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, SortOrder } from 'mongoose';
import { assertCovers, Scope } from '@lib/auth';
import { ScopedRepository } from '@lib/persistence';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import type { SurveyFact } from '../household-income/income-figure';
import { Survey, SurveyRevision } from './survey.schema';

export interface SurveyListFilter {
  householdId?: string;
  month?: string;
  townCode?: string;
  villageCode?: string;
  visitor?: string;
  riskType?: string;
  hasMissingComponents?: boolean;
}

const SORTS: Record<string, Record<string, SortOrder>> = {
  visitedAt: { visitedAt: 1, _id: 1 },
  '-visitedAt': { visitedAt: -1, _id: 1 },
  month: { month: 1, householdId: 1 },
  '-month': { month: -1, householdId: 1 },
};

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

/** Every read and write of surveys and their corrections, within the caller's scope. */
@Injectable()
export class SurveysRepository extends ScopedRepository<Survey> implements OnModuleInit {
  constructor(
    @InjectModel(Survey.name) model: Model<Survey>,
    @InjectModel(SurveyRevision.name) private readonly revisionModel: Model<SurveyRevision>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
  }

  async onModuleInit() {
    this.relay.register(this.model.collection);
    this.relay.register(this.revisionModel.collection);
  }

  /** The survey and its events in one write. */
  async create(scope: Scope, survey: Survey, events: CloudEvent[]): Promise<void> {
    assertCovers(scope, survey.villageCode);
    try {
      await this.model.collection.insertOne({ ...survey, ...outboxOnInsert(events) } as never);
    } catch (e) {
      if (isDuplicateKey(e))
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `该户本月已有走访记录 (a survey for ${survey.month} already exists for this household)`,
          problems: [{ field: 'month', reason: 'already surveyed this month' }],
        });
      throw e;
    }
    this.relay.kick();
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
    try {
      await this.revisionModel.collection.insertOne({ ...revision, ...outboxOnInsert(events) } as never);
    } catch (e) {
      if (isDuplicateKey(e))
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `该走访记录正被他人同时更正，请刷新后重试 (survey ${revision.surveyId} was corrected meanwhile; reload and retry)`,
          problems: [{ field: 'changes', reason: 'corrected by someone else meanwhile' }],
        });
      throw e;
    }
    this.relay.kick();
  }

  /** Brings the survey up to a stored revision (only from the revision before it: never backwards). */
  async applyRevision(r: SurveyRevision): Promise<void> {
    const prev = r.revision - 1;
    await this.model.collection.updateOne(
      prev === 1
        ? { _id: r.surveyId as never, $or: [{ revision: 1 }, { revision: { $exists: false } }] }
        : { _id: r.surveyId as never, revision: prev },
      { $set: { ...r.snapshot, revision: r.revision, correctedAt: r.correctedAt } },
    );
  }

  /** The corrections of a survey, oldest first. */
  revisions(surveyId: string): Promise<SurveyRevision[]> {
    return this.revisionModel.find({ surveyId }).sort({ revision: 1 }).lean<SurveyRevision[]>().exec();
  }

  /** What the household's income is computed from: each survey's current revision (equality lookup). */
  async factsOf(householdId: string): Promise<SurveyFact[]> {
    const docs = await this.model
      .find({ householdId }, { month: 1, visitedAt: 1, income: 1, residentMembers: 1 })
      .lean<Survey[]>()
      .exec();
    return docs.map((d) => ({
      surveyId: d._id,
      month: d.month,
      visitedAt: new Date(d.visitedAt),
      income: d.income,
      residentMembers: d.residentMembers,
    }));
  }

  list(scope: Scope, filter: SurveyListFilter, sort: string, page: number, pageSize: number) {
    const { riskType, hasMissingComponents, ...rest } = filter;
    return this.page(
      scope,
      {
        ...rest,
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
