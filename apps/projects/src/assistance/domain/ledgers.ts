/**
 * 帮扶台账 (assistance ledgers): what each ledger's record and entries mean, pure. No framework,
 * database or broker imports. Amounts are added in fen.
 */
import type { AssistanceLedger } from '@lib/contracts';

export type Ledger = AssistanceLedger;

export type IncomeComponent = 'wage' | 'business' | 'property' | 'transfer';

export interface Installment {
  dueOn: string;
  amount: number;
  paidOn: string | null;
  /** The day the overdue check announced it (小额信贷逾期), once. */
  overdueSince: string | null;
}

export interface LedgerEntry {
  _id: string;
  kind: 'wage' | 'repayment' | 'subsidy' | 'employment' | 'visit' | 'distribution';
  /** Money paid to a household by this entry (null: none). */
  amount: number | null;
  paidOn: string | null;
  /** The household the money went to (村集体经济 distributions: another than the record's, which has none). */
  householdId: string | null;
  detail: Record<string, string | number | null>;
  recordedBy: string;
  recordedAt: Date;
}

export interface LedgerRecordView {
  ledger: Ledger;
  householdId: string | null;
  details: Record<string, unknown>;
  entries: LedgerEntry[];
}

const fen = (yuan: number) => Math.round(yuan * 100);
export const sumYuan = (xs: number[]) => xs.reduce((s, x) => s + fen(x), 0) / 100;

/** The income component a ledger's money counts as; null for ledgers that pay no income (loans, relocation). */
export function componentOf(ledger: Ledger, kind: LedgerEntry['kind'] | 'purchase'): IncomeComponent | null {
  if (ledger === 'public_welfare_job' && kind === 'wage') return 'wage';
  if (ledger === 'education_subsidy' && kind === 'subsidy') return 'transfer';
  if (ledger === 'consumption' && kind === 'purchase') return 'business';
  if (ledger === 'collective_economy' && kind === 'distribution') return 'property';
  return null;
}

/** 公益岗位: the wage for months worked. */
export function wageFor(monthlyWage: number, months: number): number {
  return (fen(monthlyWage) * months) / 100;
}

/** 公益岗位: months worked so far (the wage entries' months). */
export function monthsWorked(entries: LedgerEntry[]): number {
  return entries.filter((e) => e.kind === 'wage').reduce((s, e) => s + Number(e.detail.months ?? 0), 0);
}

/** YYYY-MM-DD plus whole months, clamped to the month's end. */
export function plusMonths(day: string, months: number): string {
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = Math.min(+day.slice(8, 10), last);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * 小额信贷 repayment schedule: the one given, or the whole amount at the end of the term
 * (扶贫小额信贷 are mostly repaid in one at maturity). Sorted by due date.
 */
export function scheduleOf(
  amount: number,
  grantedOn: string,
  termMonths: number,
  given: Array<{ dueOn: string; amount: number }> | undefined,
): Installment[] {
  const rows = given?.length ? given : [{ dueOn: plusMonths(grantedOn, termMonths), amount }];
  return rows
    .map((r) => ({ dueOn: r.dueOn, amount: r.amount, paidOn: null, overdueSince: null }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** Problems of a schedule given with a loan: sums to the amount, due after granting, within the term. */
export function scheduleProblem(
  amount: number,
  grantedOn: string,
  termMonths: number,
  given: Array<{ dueOn: string; amount: number }>,
): { field: string; reason: string } | null {
  if (!given.length) return null;
  if (sumYuan(given.map((g) => g.amount)) !== amount)
    return { field: 'schedule', reason: `各期还款合计须等于贷款金额 ${amount} 元` };
  const end = plusMonths(grantedOn, termMonths);
  const i = given.findIndex((g) => g.dueOn <= grantedOn || g.dueOn > end);
  if (i >= 0) return { field: `schedule.${i}.dueOn`, reason: `须在放款日 ${grantedOn} 之后、到期日 ${end} 之前` };
  if (new Set(given.map((g) => g.dueOn)).size !== given.length)
    return { field: 'schedule', reason: '还款日期不能重复' };
  return null;
}

/** The installments due before `today` and unpaid that were not announced yet (each is announced once). */
export function newlyOverdue(schedule: Installment[], today: string): Installment[] {
  return schedule.filter((i) => i.dueOn < today && i.paidOn === null && i.overdueSince === null);
}

/** The earliest due date still watched (unpaid, not announced): what the overdue check looks up by. */
export function nextWatchedDue(schedule: Installment[]): string | null {
  const watched = schedule.filter((i) => i.paidOn === null && i.overdueSince === null).map((i) => i.dueOn);
  return watched.length ? watched.sort()[0] : null;
}

/** What is still owed (yuan). */
export function outstanding(schedule: Installment[]): number {
  return sumYuan(schedule.filter((i) => i.paidOn === null).map((i) => i.amount));
}

export function installmentStatus(i: Installment, today: string): 'paid' | 'overdue' | 'pending' {
  if (i.paidOn) return 'paid';
  return i.dueOn < today ? 'overdue' : 'pending';
}

/** 易地搬迁: labour employed now (employment entries not ended). */
export function employedLabour(entries: LedgerEntry[]): number {
  return new Set(
    entries.filter((e) => e.kind === 'employment' && !e.detail.endedOn).map((e) => String(e.detail.memberName)),
  ).size;
}

/** A bank account shown as 6228****1234 (only the masked form is kept). */
export function maskAccount(account: string): string {
  const digits = account.replace(/\s+/g, '');
  return digits.length <= 8 ? '****' : `${digits.slice(0, 4)}****${digits.slice(-4)}`;
}

/** Days from a to b (YYYY-MM-DD). */
export function daysFrom(a: string, b: string): number {
  const t = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** Money a record paid to one household, by component (the household page's figures). */
export function paidToHousehold(records: LedgerRecordView[], householdId: string) {
  const byLedger: Record<string, number> = {};
  for (const r of records) {
    const amounts: number[] = [];
    if (r.ledger === 'consumption' && r.householdId === householdId) amounts.push(Number(r.details.amount));
    for (const e of r.entries)
      if (e.amount !== null && componentOf(r.ledger, e.kind) && (e.householdId ?? r.householdId) === householdId)
        amounts.push(e.amount);
    if (amounts.length) byLedger[r.ledger] = sumYuan([byLedger[r.ledger] ?? 0, ...amounts]);
  }
  return byLedger;
}

/** The months YYYY-MM from `from`, `n` of them. */
export function monthsOf(from: string, n: number): string[] {
  if (!/^\d{4}-\d{2}$/.test(from) || !n) return [];
  const out: string[] = [];
  let y = +from.slice(0, 4);
  let m = +from.slice(5, 7);
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
