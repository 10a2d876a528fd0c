import { Controller, Get, Injectable, NotFoundException, Param } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { HouseholdRegisteredV1 } from '@lib/contracts';
import { KnownHousehold } from './known-household.schema';

@Injectable()
export class HouseholdDirectory {
  constructor(@InjectModel(KnownHousehold.name) private readonly model: Model<KnownHousehold>) {}

  /** Idempotent: a redelivered registration changes nothing. */
  async registered(e: HouseholdRegisteredV1): Promise<void> {
    const d = e.data;
    await this.model.updateOne(
      { _id: d.householdId },
      {
        $setOnInsert: {
          householdNumber: d.householdNumber,
          townCode: d.townCode,
          villageCode: d.villageCode,
          memberCount: d.memberCount,
          registeredAt: new Date(d.registeredAt),
        },
      },
      { upsert: true },
    );
  }

  find(householdId: string) {
    return this.model.findById(householdId).lean().exec();
  }
}

@Controller()
export class HouseholdDirectoryHandlers {
  constructor(private readonly directory: HouseholdDirectory) {}

  @EventPattern(HouseholdRegisteredV1.type)
  onRegistered(e: HouseholdRegisteredV1) {
    return this.directory.registered(e);
  }

  /** The household as monitoring knows it (answers once its registration has arrived). */
  @Get('api/v1/monitored-households/:id')
  async get(@Param('id') id: string) {
    const doc = await this.directory.find(id);
    if (!doc)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `监测系统尚无该户 (unknown household ${id})`,
      });
    const { _id, ...rest } = doc;
    return { id: _id, ...rest };
  }
}
