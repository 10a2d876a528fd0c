import { Injectable, Logger } from '@nestjs/common';
import { covers, Scope } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { Household } from '../../households/households.schema';
import { HouseholdsStore } from '../../households/households.store';
import { newHousehold } from '../../households/domain/new-household';
import { ActiveMembershipsStore } from '../../households/active-memberships.store';
import { PiiCipher } from '../../households/domain/pii-cipher';
import { HOUSEHOLD_SHEET, MEMBER_SHEET } from '../domain/ledger-layout';
import { Candidate, planImport, RowProblem } from '../domain/plan-import';
import { readLedger, UnknownColumn } from '../workbook';
import { OrgUnitsStore } from '../../org-units/org-units.store';

export interface ImportRowReport {
  sheet: string;
  row: number;
  villageCode: string;
  householdNumber: string;
  status: 'imported' | 'rejected';
  householdId?: string;
  memberRows: number[];
  problems: RowProblem[];
}

export interface ImportReport {
  households: { total: number; imported: number; rejected: number };
  members: { total: number; imported: number; rejected: number };
  rows: ImportRowReport[];
  /** the columns of the file the ledger does not know (their values were not imported) */
  unknownColumns: UnknownColumn[];
}

const BATCH = 500;

/**
 * 台账导入: a ledger .xlsx laid out like the national export. Each household comes in whole with its
 * members (one document, one household.registered.v1) or not at all, with the reason per row.
 */
@Injectable()
export class ImportLedger {
  private readonly logger = new Logger(ImportLedger.name);

  constructor(
    private readonly households: HouseholdsStore,
    private readonly memberships: ActiveMembershipsStore,
    private readonly cipher: PiiCipher,
    private readonly orgUnits: OrgUnitsStore,
  ) {}

  async execute(scope: Scope, file: Buffer): Promise<ImportReport> {
    const sheets = await readLedger(file);
    const plan = planImport(sheets.households, sheets.members);
    const reject = (c: Candidate, p: RowProblem) => {
      c.problems.push(p);
      c.body = null;
    };
    // once villages are registered (组织机构), a household must name one of them
    const villages = new Set(
      (await this.orgUnits.all()).filter((u) => u.level === 'village').map((u) => u.code),
    );
    for (const c of plan.candidates)
      if (c.body && villages.size > 0 && !villages.has(c.villageCode))
        reject(c, {
          sheet: HOUSEHOLD_SHEET,
          row: c.row,
          column: '行政村代码',
          reason: `行政村代码未登记 (village not registered): ${c.villageCode}`,
        });
    for (const c of plan.candidates)
      if (c.body && !covers(scope, c.villageCode))
        reject(c, {
          sheet: HOUSEHOLD_SHEET,
          row: c.row,
          column: '行政村代码',
          reason: '不在您的管辖范围 (outside your scope)',
        });

    const accepted = new Map<Candidate, { household: Omit<Household, 'createdAt'>; event: CloudEvent }>();
    for (let i = 0; i < plan.candidates.length; i += BATCH) {
      const registered = await this.households.registeredNumbers(
        plan.candidates.slice(i, i + BATCH).filter((c) => c.body),
      );
      for (const c of plan.candidates.slice(i, i + BATCH))
        if (c.body && registered.has(`${c.villageCode}|${c.householdNumber}`))
          reject(c, {
            sheet: HOUSEHOLD_SHEET,
            row: c.row,
            column: '户编号',
            reason: '户编号已存在 (already registered in this village)',
          });
      const chunk = plan.candidates.slice(i, i + BATCH).filter((c) => c.body);
      const built = chunk.map((c) => ({ c, ...newHousehold(this.cipher, c.body!) }));
      // 同一人只能在一户: claim every person; households with a taken person are refused whole
      const claims = built.flatMap(({ household }) =>
        household.members.flatMap((m) =>
          m.idNumberHash
            ? [{ idNumberHash: m.idNumberHash, householdId: household._id, memberId: m.memberId }]
            : [],
        ),
      );
      const taken = await this.memberships.claimMany(claims);
      const refused: string[] = [];
      const ok = built.filter(({ c, household }) => {
        const clash = household.members.findIndex((m) => m.idNumberHash && taken.has(m.idNumberHash));
        if (clash < 0) return true;
        reject(c, {
          sheet: MEMBER_SHEET,
          row: c.memberRows[clash],
          column: '证件号码',
          reason: '此人已是另一户的在册成员 (already an active member of another household)',
        });
        refused.push(household._id);
        return false;
      });
      const duplicates = await this.households.createMany(
        ok.map(({ household, event }) => ({ household, events: [event] })),
      );
      ok.forEach(({ c, household, event }, j) => {
        if (duplicates.has(j)) {
          reject(c, {
            sheet: HOUSEHOLD_SHEET,
            row: c.row,
            column: '户编号',
            reason: '户编号已存在 (already registered in this village)',
          });
          refused.push(household._id);
        } else accepted.set(c, { household, event });
      });
      await this.memberships.releaseHouseholds(refused);
    }

    const rows: ImportRowReport[] = plan.candidates.map((c) => ({
      sheet: HOUSEHOLD_SHEET,
      row: c.row,
      villageCode: c.villageCode,
      householdNumber: c.householdNumber,
      status: accepted.has(c) ? 'imported' : 'rejected',
      ...(accepted.has(c) ? { householdId: accepted.get(c)!.household._id } : {}),
      memberRows: c.memberRows,
      problems: c.problems,
    }));
    for (const o of plan.orphans)
      rows.push({ sheet: MEMBER_SHEET, status: 'rejected', memberRows: [o.row], ...o });
    const importedMembers = [...accepted.values()].reduce((n, a) => n + a.household.members.length, 0);
    const report: ImportReport = {
      households: {
        total: plan.candidates.length,
        imported: accepted.size,
        rejected: plan.candidates.length - accepted.size,
      },
      members: {
        total: sheets.members.length,
        imported: importedMembers,
        rejected: sheets.members.length - importedMembers,
      },
      rows,
      unknownColumns: sheets.unknownColumns,
    };
    this.logger.log(
      `台账导入 ledger import: ${report.households.imported}/${report.households.total} households, ${report.members.imported}/${report.members.total} members`,
    );
    return report;
  }
}
