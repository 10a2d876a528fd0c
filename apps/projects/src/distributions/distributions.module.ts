import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { ProjectsModule } from '../projects/projects.module';
import { Distribution, DistributionSchema } from './distributions.schema';
import { DistributionsController, HouseholdBenefitsController } from './distributions.controller';
import { DistributionsStore } from './distributions.store';
import { FindPayments } from './use-cases/find-payments.usecase';
import { PayDistribution } from './use-cases/pay-distribution.usecase';
import { ShowHouseholdBenefits } from './use-cases/show-household-benefits.usecase';

/**
 * 收益分配: dividends and wages paid to beneficiary households, and what a household gets from projects.
 * Exports the payments, read-only (FindPayments).
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Distribution.name, schema: DistributionSchema }]),
    ProjectsModule,
    BeneficiariesModule,
    HouseholdDirectoryModule,
  ],
  // the fixed path (households/:householdId) first
  controllers: [HouseholdBenefitsController, DistributionsController],
  providers: [DistributionsStore, FindPayments, PayDistribution, ShowHouseholdBenefits],
  exports: [FindPayments],
})
export class DistributionsModule {}
