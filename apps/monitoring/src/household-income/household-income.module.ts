import { DynamicModule, Module, Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { HouseholdIncomeConsumer } from './household-income.consumer';
import { MonitoredHouseholdsController } from './household-income.controller';
import { HouseholdIncome } from './household-income.service';
import { PaymentsStore } from './household-income.store';
import { IncomePayment, IncomePaymentSchema } from './income-payment.schema';
import { SurveyFacts } from './survey-facts';
import { CountPayment } from './use-cases/count-payment.usecase';
import { HouseholdIncomePointer } from '../replay/household-income-pointer';

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
      controllers: [MonitoredHouseholdsController, HouseholdIncomeConsumer],
      providers: [
        PaymentsStore,
        HouseholdIncomePointer,
        HouseholdIncome,
        CountPayment,
        { provide: SurveyFacts, useExisting: surveys.facts },
      ],
      exports: [HouseholdIncome],
    };
  }
}
