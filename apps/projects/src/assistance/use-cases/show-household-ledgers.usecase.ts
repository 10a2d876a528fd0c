import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { HouseholdDirectory } from '../../household-directory/household-directory';
import { AssistanceStore } from '../assistance.store';
import { installmentStatus, outstanding, paidToHousehold } from '../domain/ledgers';
import { presentRecord } from '../domain/present-record';

/** What the household page shows of the ledgers (in the caller's scope): money by ledger, loans outstanding, the records. */
@Injectable()
export class ShowHouseholdLedgers {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly store: AssistanceStore,
  ) {}

  async execute(scope: Scope, householdId: string, today: string) {
    const records = await this.store.ofHousehold(scope, householdId);
    const known = await this.directory.findById(scope, householdId);
    const loans = records.filter((r) => r.ledger === 'microcredit' && r.householdId === householdId);
    return {
      householdId,
      known: known !== null,
      incomeByLedger: paidToHousehold(records, householdId),
      microcredit: {
        loans: loans.length,
        amount: loans.reduce((s, r) => s + Math.round(Number(r.details.amount) * 100), 0) / 100,
        outstanding: loans.reduce((s, r) => s + Math.round(outstanding(r.schedule ?? []) * 100), 0) / 100,
        overdue: loans.flatMap((r) =>
          (r.schedule ?? []).filter((i) => installmentStatus(i, today) === 'overdue'),
        ).length,
      },
      records: records.map((r) => ({
        ...presentRecord(r, today),
        entries: r.entries.filter((e) => !e.householdId || e.householdId === householdId),
      })),
    };
  }
}
