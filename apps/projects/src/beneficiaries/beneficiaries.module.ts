import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { ProjectsModule } from '../projects/projects.module';
import { BeneficiariesController } from './beneficiaries.controller';
import { BeneficiariesStore } from './beneficiaries.store';
import { Beneficiary, BeneficiarySchema } from './beneficiaries.schema';
import { EndLinksOfClosedHousehold } from './end-links-of-closed-household.usecase';
import { FindLinks } from './use-cases/find-links.usecase';
import { LinkBeneficiary } from './use-cases/link-beneficiary.usecase';

/** 受益户 (利益联结): households linked to a project. Exports the links, read-only (FindLinks). */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Beneficiary.name, schema: BeneficiarySchema }]),
    ProjectsModule,
    HouseholdDirectoryModule,
  ],
  controllers: [BeneficiariesController],
  providers: [BeneficiariesStore, FindLinks, LinkBeneficiary, EndLinksOfClosedHousehold],
  exports: [FindLinks],
})
export class BeneficiariesModule {}
