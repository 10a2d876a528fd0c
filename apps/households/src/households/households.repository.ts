import { ConflictException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { assertCovers, Scope, ScopedRepository } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { Household } from './household.schema';

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

/** Every read and write of households goes through here, within the caller's scope. */
@Injectable()
export class HouseholdsRepository extends ScopedRepository<Household> implements OnModuleInit {
  constructor(
    @InjectModel(Household.name) model: Model<Household>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
  }

  onModuleInit() {
    this.relay.register(this.model.collection);
  }

  /** Inserts the household and its events in one write; the relay publishes them. */
  async create(scope: Scope, household: Omit<Household, 'createdAt'>, events: CloudEvent[]): Promise<void> {
    assertCovers(scope, household.villageCode);
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

  list(scope: Scope, filter: { villageCode?: string; townCode?: string }, page: number, pageSize: number) {
    return this.page(scope, filter, { villageCode: 1, householdNumber: 1 }, page, pageSize);
  }
}
