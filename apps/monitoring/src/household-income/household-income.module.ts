import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { SurveyStoreModule } from '../surveys/survey-store.module';
import { HouseholdIncome } from './household-income.service';
import { IncomePayment, IncomePaymentSchema } from './income-payment.schema';
import { MonitoredHouseholdsController } from './monitored-households.controller';
import { PaymentsRepository } from './payments.repository';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: IncomePayment.name, schema: IncomePaymentSchema }]),
    SurveyStoreModule,
    HouseholdDirectoryModule,
  ],
  controllers: [MonitoredHouseholdsController],
  providers: [PaymentsRepository, HouseholdIncome],
  exports: [HouseholdIncome],
})
export class HouseholdIncomeModule {}
