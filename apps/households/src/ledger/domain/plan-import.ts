import { z } from 'zod';
import { RegisterHouseholdBody } from '../../households/households.dto';
import {
  CellValue,
  Column,
  convertCell,
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_SHEET,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  setPath,
} from './ledger-layout';

/** One data row of a sheet: its 1-based row number and cells by header. */
export interface SheetRow {
  row: number;
  values: Record<string, CellValue>;
}

export interface RowProblem {
  sheet: string;
  row: number;
  column?: string;
  reason: string;
}

/** One household of the file with its member rows, valid (body) or not (problems). */
export interface Candidate {
  key: string;
  householdNumber: string;
  villageCode: string;
  row: number;
  memberRows: number[];
  body: RegisterHouseholdBody | null;
  problems: RowProblem[];
}

export interface ImportPlan {
  candidates: Candidate[];
  /** member rows with no household row to belong to */
  orphans: Array<{ row: number; householdNumber: string; villageCode: string; problems: RowProblem[] }>;
}

function convertRow(sheet: string, columns: Column[], r: SheetRow) {
  const body: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  for (const col of columns) {
    if (col.exportOnly) continue;
    const c = convertCell(col.kind, r.values[col.header]);
    if (!c.ok) problems.push({ sheet, row: r.row, column: col.header, reason: c.reason });
    else if (c.value !== undefined) setPath(body, col.path, c.value);
    else if (col.required)
      problems.push({ sheet, row: r.row, column: col.header, reason: `${col.header}缺失 (required)` });
  }
  return { body, problems };
}

/** A zod issue path's key (zod 4 allows symbols) as a column path segment. */
const pathKey = (k: PropertyKey): string | number => (typeof k === 'symbol' ? String(k) : k);
const columnOfPath = (columns: Column[], path: (string | number)[]) => {
  const dotted = path.join('.');
  if (path[0] === 'riskTypes') return `风险类型${typeof path[1] === 'number' ? path[1] + 1 : 1}`;
  return columns.find(
    (c) => c.path === dotted || dotted.startsWith(`${c.path}.`) || c.path.startsWith(`${dotted}.`),
  )?.header;
};

/**
 * Reads the two sheets into households with their members and everything wrong with each, row by row.
 * Pure: the same checks as the API (RegisterHouseholdBody) plus the file's own (a household number twice,
 * one person in two households, members without a household). A household is valid only if all its rows are.
 */
export function planImport(householdRows: SheetRow[], memberRows: SheetRow[]): ImportPlan {
  const candidates: Candidate[] = [];
  const byKey = new Map<
    string,
    Candidate & {
      raw: Record<string, unknown>;
      members: Array<{ row: number; body: Record<string, unknown> }>;
    }
  >();
  for (const r of householdRows) {
    const { body, problems } = convertRow(HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS, r);
    const villageCode = String(body.villageCode ?? '');
    const householdNumber = String(body.householdNumber ?? '');
    const key = `${villageCode}|${householdNumber}`;
    const { countyCode, townCode, ...raw } = body;
    if (villageCode && countyCode !== undefined && !villageCode.startsWith(String(countyCode)))
      problems.push({
        sheet: HOUSEHOLD_SHEET,
        row: r.row,
        column: '县(市、区)代码',
        reason: '与行政村代码不符 (does not contain the village)',
      });
    if (villageCode && townCode !== undefined && !villageCode.startsWith(String(townCode)))
      problems.push({
        sheet: HOUSEHOLD_SHEET,
        row: r.row,
        column: '乡(镇)代码',
        reason: '与行政村代码不符 (does not contain the village)',
      });
    const c = {
      key,
      householdNumber,
      villageCode,
      row: r.row,
      memberRows: [],
      body: null,
      problems,
      raw,
      members: [],
    };
    candidates.push(c);
    const first = byKey.get(key);
    if (first)
      problems.push({
        sheet: HOUSEHOLD_SHEET,
        row: r.row,
        column: '户编号',
        reason: `户编号在文件中重复，首次出现在第${first.row}行 (repeated household number)`,
      });
    else byKey.set(key, c);
  }

  const orphans: ImportPlan['orphans'] = [];
  for (const r of memberRows) {
    const { body, problems } = convertRow(MEMBER_SHEET, MEMBER_COLUMNS, r);
    const villageCode = String(body.villageCode ?? '');
    const householdNumber = String(body.householdNumber ?? '');
    const owner = byKey.get(`${villageCode}|${householdNumber}`);
    if (!owner) {
      orphans.push({
        row: r.row,
        householdNumber,
        villageCode,
        problems: [
          ...problems,
          {
            sheet: MEMBER_SHEET,
            row: r.row,
            column: '户编号',
            reason: '户信息表中没有此村此户编号 (no such household row)',
          },
        ],
      });
      continue;
    }
    delete body.villageCode;
    delete body.householdNumber;
    owner.memberRows.push(r.row);
    owner.members.push({ row: r.row, body });
    owner.problems.push(...problems);
  }

  // the API's own validation, problems mapped back to sheets, rows and columns
  const idOwners = new Map<string, { key: string; row: number }>();
  for (const c of byKey.values()) {
    if (c.members.length === 0 && c.problems.length === 0)
      c.problems.push({
        sheet: HOUSEHOLD_SHEET,
        row: c.row,
        reason: '该户在家庭成员表中没有成员 (no member rows)',
      });
    if (c.problems.length) continue;
    const parsed = RegisterHouseholdBody.safeParse({ ...c.raw, members: c.members.map((m) => m.body) });
    if (!parsed.success) {
      c.problems.push(...issuesToProblems(parsed.error, c));
      continue;
    }
    // one person in two households of the file: the later household is refused
    const clashes: RowProblem[] = [];
    parsed.data.members.forEach((m, i) => {
      if (!m.idNumber) return;
      const seen = idOwners.get(m.idNumber);
      if (seen && seen.key !== c.key)
        clashes.push({
          sheet: MEMBER_SHEET,
          row: c.members[i].row,
          column: '证件号码',
          reason: `此人已在文件第${seen.row}行另一户中 (same person in another household of the file)`,
        });
    });
    if (clashes.length) {
      c.problems.push(...clashes);
      continue;
    }
    parsed.data.members.forEach(
      (m, i) => m.idNumber && idOwners.set(m.idNumber, { key: c.key, row: c.members[i].row }),
    );
    c.body = parsed.data;
  }
  return {
    candidates: candidates.map(({ key, householdNumber, villageCode, row, memberRows, body, problems }) => ({
      key,
      householdNumber,
      villageCode,
      row,
      memberRows,
      body: problems.length ? null : body,
      problems,
    })),
    orphans,
  };
}

function issuesToProblems(
  error: z.ZodError,
  c: { row: number; members: Array<{ row: number }> },
): RowProblem[] {
  return error.issues.map((i) => {
    if (i.path[0] === 'members' && typeof i.path[1] === 'number') {
      const row = c.members[i.path[1]]?.row ?? c.row;
      return {
        sheet: MEMBER_SHEET,
        row,
        column: columnOfPath(MEMBER_COLUMNS, i.path.slice(2).map(pathKey)),
        reason: i.message,
      };
    }
    if (i.path[0] === 'members')
      return {
        sheet: MEMBER_SHEET,
        row: c.members[0]?.row ?? c.row,
        column: '与户主关系',
        reason: i.message,
      };
    return {
      sheet: HOUSEHOLD_SHEET,
      row: c.row,
      column: columnOfPath(HOUSEHOLD_COLUMNS, i.path.map(pathKey)),
      reason: i.message,
    };
  });
}
