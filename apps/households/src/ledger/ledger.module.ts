import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { LedgerController } from './ledger.controller';
import { ExportLedger } from './use-cases/export-ledger.usecase';
import { ImportLedger } from './use-cases/import-ledger.usecase';

/** 台账导入导出: the national system's household spreadsheets, in and out. */
@Module({
  imports: [HouseholdsModule, OrgUnitsModule],
  controllers: [LedgerController],
  providers: [ImportLedger, ExportLedger],
})
export class LedgerModule {}
