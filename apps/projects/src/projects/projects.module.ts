import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AssistanceModule } from '../assistance/assistance.module';
import {
  BeneficiariesController,
  HouseholdBenefitsController,
} from '../beneficiaries/beneficiaries.controller';
import { BeneficiariesRepository } from '../beneficiaries/beneficiaries.repository';
import { Beneficiary, BeneficiarySchema } from '../beneficiaries/beneficiary.schema';
import { LinkBeneficiary } from '../beneficiaries/link-beneficiary.usecase';
import { Distribution, DistributionSchema } from '../distributions/distribution.schema';
import { DistributionsController } from '../distributions/distributions.controller';
import { DistributionsRepository } from '../distributions/distributions.repository';
import { PayDistribution } from '../distributions/pay-distribution.usecase';
import { EndLinksOfClosedHousehold } from '../beneficiaries/end-links-of-closed-household.usecase';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { ProgressFinding, ProgressFindingSchema } from '../progress/finding.schema';
import { ProgressController } from '../progress/progress.controller';
import { ProgressScheduler } from '../progress/progress.scheduler';
import { ProgressService } from '../progress/progress.service';
import { RecordsController } from '../records/records.controller';
import { OutputsRepository, SalesRepository } from '../records/records.repository';
import { Output, OutputSchema, Sale, SaleSchema } from '../records/records.schema';
import { Project, ProjectSchema } from './project.schema';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

/** 产业帮扶: projects and, one folder each, beneficiaries, output and sales, distributions, progress. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Project.name, schema: ProjectSchema },
      { name: Beneficiary.name, schema: BeneficiarySchema },
      { name: Output.name, schema: OutputSchema },
      { name: Sale.name, schema: SaleSchema },
      { name: Distribution.name, schema: DistributionSchema },
      { name: ProgressFinding.name, schema: ProgressFindingSchema },
    ]),
    HouseholdDirectoryModule,
    AssistanceModule,
  ],
  // fixed paths (progress, households) before /projects/:id
  controllers: [
    ProgressController,
    HouseholdBenefitsController,
    ProjectsController,
    BeneficiariesController,
    RecordsController,
    DistributionsController,
  ],
  providers: [
    ProjectsRepository,
    ProjectsService,
    BeneficiariesRepository,
    LinkBeneficiary,
    EndLinksOfClosedHousehold,
    OutputsRepository,
    SalesRepository,
    DistributionsRepository,
    PayDistribution,
    ProgressService,
    ProgressScheduler,
  ],
})
export class ProjectsModule {}
