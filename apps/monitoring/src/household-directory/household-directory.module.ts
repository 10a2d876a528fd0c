import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryConsumer } from './household-directory.consumer';
import { HouseholdDirectory } from './household-directory.store';
import { KnownHousehold, KnownHouseholdSchema } from './known-household.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: KnownHousehold.name, schema: KnownHouseholdSchema }])],
  controllers: [HouseholdDirectoryConsumer],
  providers: [HouseholdDirectory],
  exports: [HouseholdDirectory],
})
export class HouseholdDirectoryModule {}
