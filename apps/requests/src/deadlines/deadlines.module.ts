import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CountyDeadlines } from './county-deadlines';
import { DeadlineSetting, DeadlineSettingSchema } from './deadline-setting.schema';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesStore } from './deadlines.store';

@Module({
  imports: [MongooseModule.forFeature([{ name: DeadlineSetting.name, schema: DeadlineSettingSchema }])],
  controllers: [DeadlinesController],
  providers: [DeadlinesStore, CountyDeadlines],
  exports: [CountyDeadlines],
})
export class DeadlinesModule {}
