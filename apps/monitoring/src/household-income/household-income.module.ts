import { DynamicModule, Module, Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { AssistanceIncomeConsumer } from './assistance-income.consumer';
import { HouseholdIncome } from './household-income.service';
import { IncomePayment, IncomePaymentSchema } from './income-payment.schema';
import { MonitoredHouseholdsController } from './monitored-households.controller';
import { PaymentsRepository } from './payments.repository';
import { SurveyFacts } from './survey-facts';
import { IncomeForecast, IncomeForecastSchema } from '../income-forecast/income-forecast.schema';
import { IncomeForecastController } from '../income-forecast/income-forecast.controller';
import { IncomeForecasts } from '../income-forecast/income-forecasts.service';

/** 收入台账: the one owner of the household income ledger, fed by surveys and project payments. */
@Module({})
export class HouseholdIncomeModule {
  /** The ledger, reading survey facts from the module that stores surveys. */
  static fedBy(surveys: { module: Type; facts: Type<SurveyFacts> }): DynamicModule {
    return {
      module: HouseholdIncomeModule,
      imports: [
        MongooseModule.forFeature([
          { name: IncomePayment.name, schema: IncomePaymentSchema },
          // 收入趋势预测 (income-forecast/): the forecast is computed from this ledger
          { name: IncomeForecast.name, schema: IncomeForecastSchema },
        ]),
        HouseholdDirectoryModule,
        surveys.module,
      ],
      controllers: [MonitoredHouseholdsController, IncomeForecastController, AssistanceIncomeConsumer],
      providers: [
        PaymentsRepository,
        HouseholdIncome,
        IncomeForecasts,
        { provide: SurveyFacts, useExisting: surveys.facts },
      ],
      exports: [HouseholdIncome],
    };
  }
}
