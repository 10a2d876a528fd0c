import type { ImportReport } from './api';

/** One line of the import report's table: a problem (sheet, row, column, reason) or an imported household. */
export interface ReportRow {
  key: string;
  sheet: string;
  row: number;
  column: string;
  householdNumber: string;
  status: 'imported' | 'rejected';
  reason: string;
}

/** Chinese first: the API's reasons read "中文 (English)"; the table shows the Chinese part. */
export function chineseReason(reason: string): string {
  const m = /^(.*?[\u4e00-\u9fff].*?)\s*\([^()]*\)\s*$/.exec(reason);
  return m ? m[1] : reason;
}

/**
 * The per-row report as a table: every problem of a refused household on its own line (sheet, row,
 * column, reason), in sheet and row order; imported households too unless `onlyProblems`.
 */
export function reportRows(report: ImportReport, onlyProblems: boolean): ReportRow[] {
  const out: ReportRow[] = [];
  for (const r of report.rows) {
    if (r.status === 'imported') {
      if (!onlyProblems)
        out.push({
          key: `${r.sheet}:${r.row}`,
          sheet: r.sheet,
          row: r.row,
          column: '',
          householdNumber: r.householdNumber,
          status: 'imported',
          reason: '',
        });
      continue;
    }
    const problems = r.problems.length ? r.problems : [{ sheet: r.sheet, row: r.row, reason: '' }];
    problems.forEach((p, i) =>
      out.push({
        key: `${r.sheet}:${r.row}:${i}`,
        sheet: p.sheet,
        row: p.row,
        column: p.column ?? '',
        householdNumber: r.householdNumber,
        status: 'rejected',
        reason: chineseReason(p.reason),
      }),
    );
  }
  return out.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
}
