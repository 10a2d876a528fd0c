import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { IncomeLedgerModule } from '../surveys/survey-store.module';
import { IncomeForecastConsumer } from './income-forecast.consumer';
import { IncomeForecastController } from './income-forecast.controller';
import { IncomeForecast, IncomeForecastSchema } from './income-forecast.schema';
import { IncomeForecastStore } from './income-forecast.store';
import { ReadForecasts } from './use-cases/read-forecasts.usecase';
import { RecomputeForecast } from './use-cases/recompute-forecast.usecase';
import { IncomeForecastPointer } from '../replay/income-forecast-pointer';

/** 收入趋势预测: the forecast of each household, from the income ledger and the facts monitoring keeps. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: IncomeForecast.name, schema: IncomeForecastSchema }]),
    HouseholdDirectoryModule,
    IncomeLedgerModule,
  ],
  controllers: [IncomeForecastController, IncomeForecastConsumer],
  providers: [IncomeForecastStore, IncomeForecastPointer, RecomputeForecast, ReadForecasts],
})
export class IncomeForecastModule {}
