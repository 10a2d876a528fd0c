import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ActiveMembershipsStore } from './active-memberships.store';
import { PiiCipher } from './domain/pii-cipher';
import { HouseholdsController } from './households.controller';
import { Household, HouseholdSchema } from './households.schema';
import { HouseholdsStore } from './households.store';
import { piiCipherProvider } from './pii-cipher.provider';
import { ChangeHousehold } from './use-cases/change-household.usecase';
import { ReadHouseholds } from './use-cases/read-households.usecase';
import { RegisterHousehold } from './use-cases/register-household.usecase';

/**
 * 帮扶对象: households and their members, the core every other feature of the app builds on. Exports the
 * store (scoped reads, versioned changes), the change use case, the personal-data cipher and the
 * one-household-per-person claims; it imports no other feature.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: Household.name, schema: HouseholdSchema }])],
  controllers: [HouseholdsController],
  providers: [
    HouseholdsStore,
    ActiveMembershipsStore,
    piiCipherProvider,
    RegisterHousehold,
    ChangeHousehold,
    ReadHouseholds,
  ],
  exports: [HouseholdsStore, ActiveMembershipsStore, PiiCipher, ChangeHousehold],
})
export class HouseholdsModule {}
