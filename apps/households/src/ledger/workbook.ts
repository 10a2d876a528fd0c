import ExcelJS from 'exceljs';
import { fieldError } from '@lib/service-kit';
import { Household } from '../households/households.schema';
import { HIDDEN } from '../households/domain/present-household';
import {
  CellValue,
  Column,
  exportCell,
  getPath,
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_SHEET,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  normalizeHeader,
} from './domain/ledger-layout';
import { SheetRow } from './domain/plan-import';

/** exceljs cell values (rich text, hyperlinks, formulas) reduced to plain values. */
function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plain(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

/** A column of a sheet the ledger does not know: reported by the import, never dropped silently. */
export interface UnknownColumn {
  sheet: string;
  /** the column's letter (A, B, …) and its header as written */
  column: string;
  header: string;
}

/** The header row: the first of the first rows that holds every required column (a title row may come first). */
function headerRowOf(ws: ExcelJS.Worksheet, columns: Column[]) {
  const required = columns.filter((c) => c.required).map((c) => c.header);
  let first: Map<number, string> | null = null;
  for (let n = 1; n <= Math.min(6, Math.max(ws.rowCount, 1)); n++) {
    const headers = new Map<number, string>();
    ws.getRow(n).eachCell((cell, col) => {
      const h = plain(cell.value);
      if (h !== null && String(h).trim() !== '') headers.set(col, normalizeHeader(String(h)));
    });
    first ??= headers;
    const present = new Set(headers.values());
    if (required.every((h) => present.has(h))) return { n, headers };
  }
  const present = new Set((first ?? new Map<number, string>()).values());
  const missing = required.filter((h) => !present.has(h));
  throw fieldError('file', `工作表"${ws.name}"缺少列 (missing columns): ${missing.join('、')}`);
}

function rowsOf(ws: ExcelJS.Worksheet, columns: Column[], unknown: UnknownColumn[]): SheetRow[] {
  const { n: headerRow, headers } = headerRowOf(ws, columns);
  const known = new Set(columns.map((c) => c.header));
  for (const [col, h] of headers)
    if (!known.has(h)) unknown.push({ sheet: ws.name, column: ws.getColumn(col).letter, header: h });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n <= headerRow) return;
    const values: Record<string, CellValue> = {};
    let any = false;
    row.eachCell((cell, col) => {
      const h = headers.get(col);
      if (!h || !known.has(h)) return;
      const v = plain(cell.value);
      values[h] = v;
      if (v !== null && String(v).trim() !== '') any = true;
    });
    if (any) rows.push({ row: n, values });
  });
  return rows;
}

/**
 * The two sheets of a ledger file and the columns it does not know; 400 naming what is missing when it
 * is not such a file.
 */
export async function readLedger(
  file: Buffer,
): Promise<{ households: SheetRow[]; members: SheetRow[]; unknownColumns: UnknownColumn[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch (e) {
    throw fieldError('file', `不是有效的 .xlsx 文件 (not a readable .xlsx file): ${(e as Error).message}`);
  }
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw fieldError('file', `缺少工作表"${name}" (missing sheet)`);
    return ws;
  };
  const unknownColumns: UnknownColumn[] = [];
  return {
    households: rowsOf(sheet(HOUSEHOLD_SHEET), HOUSEHOLD_COLUMNS, unknownColumns),
    members: rowsOf(sheet(MEMBER_SHEET), MEMBER_COLUMNS, unknownColumns),
    unknownColumns,
  };
}

/** A new ledger workbook with the two sheets and their headers (also used to make test files). */
export function ledgerWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fangfanpin households';
  const households = wb.addWorksheet(HOUSEHOLD_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  households.columns = HOUSEHOLD_COLUMNS.map((c) => ({
    header: c.header,
    width: Math.max(10, c.header.length * 2),
  }));
  const members = wb.addWorksheet(MEMBER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  members.columns = MEMBER_COLUMNS.map((c) => ({
    header: c.header,
    width: Math.max(10, c.header.length * 2),
  }));
  for (const ws of [households, members]) ws.getRow(1).font = { bold: true };
  return { wb, households, members };
}

/** The export's cell of one column: personal data only masked (ID numbers, phones) or hidden (health). */
function householdCell(h: Household, col: Column): string | number | null {
  if (col.path === 'contactPhone') return h.contactPhoneMasked ?? null;
  if (col.path === 'status') return exportCell(col, h.status ?? 'active');
  if (col.path.startsWith('riskTypes.'))
    return exportCell(col, h.riskTypes?.[Number(col.path.split('.')[1])]);
  return exportCell(col, getPath(h, col.path));
}

function memberCell(h: Household, m: Household['members'][number], col: Column): string | number | null {
  if (col.path === 'villageCode') return h.villageCode;
  if (col.path === 'householdNumber') return h.householdNumber;
  if (col.personal === 'idNumber') return m.idNumberMasked ?? null;
  if (col.personal === 'phone') return m.phoneMasked ?? null;
  if (col.personal === 'health') return m.healthCipher ? HIDDEN : null;
  return exportCell(col, getPath(m, col.path));
}

/** Appends households (and their members) to an export workbook. */
export function addToExport(sheets: ReturnType<typeof ledgerWorkbook>, batch: Household[]) {
  for (const h of batch) {
    sheets.households.addRow(HOUSEHOLD_COLUMNS.map((c) => householdCell(h, c)));
    for (const m of h.members) sheets.members.addRow(MEMBER_COLUMNS.map((c) => memberCell(h, m, c)));
  }
}
