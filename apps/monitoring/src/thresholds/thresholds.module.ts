import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ThresholdsController } from './thresholds.controller';
import {
  ThresholdChange,
  ThresholdChangeSchema,
  ThresholdCurrent,
  ThresholdCurrentSchema,
} from './thresholds.schema';
import { ThresholdsStore } from './thresholds.store';
import { ReadThresholds } from './use-cases/read-thresholds.usecase';
import { SetThreshold } from './use-cases/set-threshold.usecase';

/** 监测范围 as data owned by monitoring (history, announcements); see use-cases/set-threshold.usecase.ts. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ThresholdChange.name, schema: ThresholdChangeSchema },
      { name: ThresholdCurrent.name, schema: ThresholdCurrentSchema },
    ]),
  ],
  controllers: [ThresholdsController],
  providers: [ThresholdsStore, SetThreshold, ReadThresholds],
  exports: [ReadThresholds],
})
export class ThresholdsModule {}
