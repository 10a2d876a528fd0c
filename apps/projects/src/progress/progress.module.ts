import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AssistanceModule } from '../assistance/assistance.module';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { DistributionsModule } from '../distributions/distributions.module';
import { ProjectsModule } from '../projects/projects.module';
import { RecordsModule } from '../records/records.module';
import { ProgressFinding, ProgressFindingSchema } from './progress.schema';
import { ProgressController } from './progress.controller';
import { ProgressScheduler } from './progress.scheduler';
import { ProgressStore } from './progress.store';
import { RaiseFindings } from './use-cases/raise-findings.usecase';
import { ReportProgress } from './use-cases/report-progress.usecase';

/**
 * 项目进度: overdue milestones, projects without sales, beneficiaries without benefit, and the periodic
 * check raising each once (with the assistance ledgers' 小额信贷 overdue check). Reads the other features
 * through what their modules export; nothing imports it.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: ProgressFinding.name, schema: ProgressFindingSchema }]),
    // distributions first: the app registers routes in this order, and its fixed path
    // (projects/households/:householdId) must come before projects/:id
    DistributionsModule,
    ProjectsModule,
    BeneficiariesModule,
    RecordsModule,
    AssistanceModule,
  ],
  controllers: [ProgressController],
  providers: [ProgressStore, ReportProgress, RaiseFindings, ProgressScheduler],
})
export class ProgressModule {}
