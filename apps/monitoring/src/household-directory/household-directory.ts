import { Controller, Get, Injectable, OnModuleInit, Param } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { z } from 'zod';
import { CallerScope, notFound, Permissions, Roles, Scope, ScopedRepository } from '@lib/auth';
import { HouseholdRegisteredV1 } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { KnownHousehold } from './known-household.schema';

/** Monitoring's read model of the registry; reads are within the caller's scope. */
@Injectable()
export class HouseholdDirectory extends ScopedRepository<KnownHousehold> implements OnModuleInit {
  constructor(@InjectModel(KnownHousehold.name) model: Model<KnownHousehold>) {
    super(model);
  }

  async onModuleInit() {
    await this.backfillCountyCodes();
  }

  /** Idempotent: a redelivered registration changes nothing. */
  async registered(e: HouseholdRegisteredV1): Promise<void> {
    const d = e.data;
    await this.model.updateOne(
      { _id: d.householdId },
      {
        $setOnInsert: {
          householdNumber: d.householdNumber,
          countyCode: d.countyCode,
          townCode: d.townCode,
          villageCode: d.villageCode,
          memberCount: d.memberCount,
          registeredAt: new Date(d.registeredAt),
        },
      },
      { upsert: true },
    );
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
  @Roles(...Permissions.readHouseholds)
  async get(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('must be a household id (UUID)'))) id: string,
  ) {
    const doc = await this.directory.findById(scope, id);
    if (!doc) throw notFound(`监测系统尚无该户 (unknown household ${id})`);
    const { _id, ...rest } = doc;
    return { id: _id, ...rest };
  }
}
