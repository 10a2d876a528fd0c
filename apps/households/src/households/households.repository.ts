import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { Household } from './household.schema';

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

/** Every read and write of households goes through here (tenant scoping joins it in the identity issue). */
@Injectable()
export class HouseholdsRepository implements OnModuleInit {
  constructor(
    @InjectModel(Household.name) private readonly model: Model<Household>,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit() {
    this.relay.register(this.model.collection);
  }

  /** Inserts the household and its events in one write; the relay publishes them. */
  async create(household: Omit<Household, 'createdAt'>, events: CloudEvent[]): Promise<void> {
    try {
      await this.model.collection.insertOne({
        ...household,
        createdAt: new Date(),
        updatedAt: new Date(),
        ...outboxOnInsert(events),
      } as never);
    } catch (e) {
      if (isDuplicateKey(e))
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `户编号已存在 (household number already registered in this village): ${household.householdNumber}`,
          problems: [{ field: 'householdNumber', reason: 'already registered in this village' }],
        });
      throw e;
    }
    this.relay.kick();
  }

  findById(id: string) {
    return this.model.findById(id).lean().exec();
  }

  async list(filter: { villageCode?: string; townCode?: string }, page: number, pageSize: number) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    const [items, total] = await Promise.all([
      this.model
        .find(query)
        .sort({ villageCode: 1, householdNumber: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean()
        .exec(),
      this.model.countDocuments(query).exec(),
    ]);
    return { items, total, page, pageSize };
  }
}
