import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { assertCovers, Scope, ScopedRepository } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { Survey } from './survey.schema';

/** Every read and write of surveys, within the caller's scope. */
@Injectable()
export class SurveysRepository extends ScopedRepository<Survey> implements OnModuleInit {
  constructor(
    @InjectModel(Survey.name) model: Model<Survey>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
  }

  async onModuleInit() {
    this.relay.register(this.model.collection);
    await this.backfillCountyCodes();
  }

  /** The survey and its event in one write. */
  async create(scope: Scope, survey: Survey, events: CloudEvent[]): Promise<void> {
    assertCovers(scope, survey.villageCode);
    try {
      await this.model.collection.insertOne({ ...survey, ...outboxOnInsert(events) } as never);
    } catch (e) {
      if ((e as { code?: number }).code === 11000)
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

  list(
    scope: Scope,
    filter: { householdId?: string; month?: string; villageCode?: string },
    page: number,
    pageSize: number,
  ) {
    return this.page(scope, filter, { month: -1, householdId: 1 }, page, pageSize);
  }
}
