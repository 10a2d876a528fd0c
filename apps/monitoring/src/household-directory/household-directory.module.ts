import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectory } from './household-directory.store';
import { KnownHousehold, KnownHouseholdSchema } from './known-household.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: KnownHousehold.name, schema: KnownHouseholdSchema }])],
  providers: [HouseholdDirectory],
  exports: [HouseholdDirectory],
})
export class HouseholdDirectoryModule {}
