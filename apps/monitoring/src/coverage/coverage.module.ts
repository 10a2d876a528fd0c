import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { CoverageConsumer } from './coverage.consumer';
import { CoverageController } from './coverage.controller';
import {
  CoverageAnnouncement,
  CoverageAnnouncementSchema,
  CoverageHousehold,
  CoverageHouseholdSchema,
  CoverageMark,
  CoverageMarkSchema,
  CoveragePending,
  CoveragePendingSchema,
} from './coverage.schema';
import { CoverageService } from './coverage.service';
import { CoverageStore } from './coverage.store';
import { CoveragePointer } from '../replay/coverage-pointer';

/** 走访覆盖: who was surveyed in a month, who is due, who is overdue (see domain/coverage-rule.ts). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CoverageHousehold.name, schema: CoverageHouseholdSchema },
      { name: CoverageMark.name, schema: CoverageMarkSchema },
      { name: CoverageAnnouncement.name, schema: CoverageAnnouncementSchema },
      { name: CoveragePending.name, schema: CoveragePendingSchema },
    ]),
    HouseholdDirectoryModule,
  ],
  controllers: [CoverageController, CoverageConsumer],
  providers: [CoverageStore, CoverageService, CoveragePointer],
  exports: [CoverageService],
})
export class CoverageModule {}
