import { DynamicModule, Module, Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { AssistanceIncomeConsumer } from './assistance-income.consumer';
import { HouseholdIncome } from './household-income.service';
import { IncomePayment, IncomePaymentSchema } from './income-payment.schema';
import { MonitoredHouseholdsController } from './monitored-households.controller';
import { PaymentsRepository } from './payments.repository';
import { SurveyFacts } from './survey-facts';

/** 收入台账: the one owner of the household income ledger, fed by surveys and project payments. */
@Module({})
export class HouseholdIncomeModule {
  /** The ledger, reading survey facts from the module that stores surveys. */
  static fedBy(surveys: { module: Type; facts: Type<SurveyFacts> }): DynamicModule {
    return {
      module: HouseholdIncomeModule,
      imports: [
        MongooseModule.forFeature([{ name: IncomePayment.name, schema: IncomePaymentSchema }]),
        HouseholdDirectoryModule,
        surveys.module,
      ],
      controllers: [MonitoredHouseholdsController, AssistanceIncomeConsumer],
      providers: [PaymentsRepository, HouseholdIncome, { provide: SurveyFacts, useExisting: surveys.facts }],
      exports: [HouseholdIncome],
    };
  }
}
