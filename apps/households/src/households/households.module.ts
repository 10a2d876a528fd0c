import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Household, HouseholdSchema } from './household.schema';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { RegisterHousehold } from './register-household.usecase';

@Module({
  imports: [MongooseModule.forFeature([{ name: Household.name, schema: HouseholdSchema }])],
  controllers: [HouseholdsController],
  providers: [HouseholdsRepository, RegisterHousehold],
})
export class HouseholdsModule {}
