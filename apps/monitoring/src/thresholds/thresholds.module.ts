import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ThresholdsController } from './thresholds.controller';
import {
  ThresholdChange,
  ThresholdChangeSchema,
  ThresholdCurrent,
  ThresholdCurrentSchema,
} from './thresholds.schema';
import { ThresholdsService } from './thresholds.service';

/** 监测范围 as data owned by monitoring (history, announcements); see thresholds.service.ts. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ThresholdChange.name, schema: ThresholdChangeSchema },
      { name: ThresholdCurrent.name, schema: ThresholdCurrentSchema },
    ]),
  ],
  controllers: [ThresholdsController],
  providers: [ThresholdsService],
  exports: [ThresholdsService],
})
export class ThresholdsModule {}
