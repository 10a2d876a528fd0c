import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectory } from './household-directory.store';
import { KnownHousehold, KnownHouseholdSchema } from './known-household.schema';
import { HouseholdDirectoryPointer } from '../replay/household-directory-pointer';

@Module({
  imports: [MongooseModule.forFeature([{ name: KnownHousehold.name, schema: KnownHouseholdSchema }])],
  providers: [HouseholdDirectory, HouseholdDirectoryPointer],
  exports: [HouseholdDirectory],
})
export class HouseholdDirectoryModule {}
