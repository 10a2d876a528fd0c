import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { Survey } from './survey.schema';

@Injectable()
export class SurveysRepository implements OnModuleInit {
  constructor(
    @InjectModel(Survey.name) private readonly model: Model<Survey>,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit() {
    this.relay.register(this.model.collection);
  }

  /** The survey and its event in one write. */
  async create(survey: Survey, events: CloudEvent[]): Promise<void> {
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

  findById(id: string) {
    return this.model.findById(id).lean().exec();
  }

  async list(
    filter: { householdId?: string; month?: string; villageCode?: string },
    page: number,
    pageSize: number,
  ) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    const [items, total] = await Promise.all([
      this.model
        .find(query)
        .sort({ month: -1, householdId: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean()
        .exec(),
      this.model.countDocuments(query).exec(),
    ]);
    return { items, total, page, pageSize };
  }
}
