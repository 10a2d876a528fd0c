import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { HouseholdFilter } from '../../households/households.dto';
import { HouseholdsStore } from '../../households/households.store';
import { addToExport, ledgerWorkbook } from '../workbook';

/** The filtered ledger (same filters as the household list) as an .xlsx file, personal data masked. */
@Injectable()
export class ExportLedger {
  constructor(private readonly households: HouseholdsStore) {}

  async execute(scope: Scope, filter: HouseholdFilter): Promise<Buffer> {
    const sheets = ledgerWorkbook();
    for await (const batch of this.households.each(scope, filter)) addToExport(sheets, batch);
    return Buffer.from(await sheets.wb.xlsx.writeBuffer());
  }
}
