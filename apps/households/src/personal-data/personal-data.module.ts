import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataReadsStore } from './personal-data.store';
import { RevealPersonalData } from './use-cases/reveal-personal-data.usecase';

/** 查看明文个人信息: audited clear reads of a household's personal data. */
@Module({
  imports: [HouseholdsModule],
  controllers: [PersonalDataController],
  providers: [PersonalDataReadsStore, RevealPersonalData],
})
export class PersonalDataModule {}
