import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryPointer } from '../replay/household-directory-pointer';
import { HouseholdDirectory, HouseholdDirectoryHandlers } from './household-directory';
import { KnownHousehold, KnownHouseholdSchema } from './known-household.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: KnownHousehold.name, schema: KnownHouseholdSchema }])],
  controllers: [HouseholdDirectoryHandlers],
  providers: [HouseholdDirectory, HouseholdDirectoryPointer],
  exports: [HouseholdDirectory],
})
export class HouseholdDirectoryModule {}
