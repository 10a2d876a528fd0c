import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ThresholdsController } from './thresholds.controller';
import { ThresholdRow, ThresholdRowSchema, ThresholdsRepository } from './thresholds.repository';

/** Rules' copy of monitoring's lines (GET /api/v1/evaluation/thresholds), read by every evaluation. */
@Module({
  imports: [MongooseModule.forFeature([{ name: ThresholdRow.name, schema: ThresholdRowSchema }])],
  controllers: [ThresholdsController],
  providers: [ThresholdsRepository],
  exports: [ThresholdsRepository],
})
export class ThresholdsModule {}
