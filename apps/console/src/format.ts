/** How the console writes values (console.md conventions): 2026-11-03, ¥1,234.50, 12.5%. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A day as 2026-11-03 (China time). Accepts an ISO string, a Date or a YYYY-MM-DD string. */
export function day(v: string | Date | null | undefined): string {
  if (!v) return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return '—';
  const cst = new Date(d.getTime() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}-${pad(cst.getUTCMonth() + 1)}-${pad(cst.getUTCDate())}`;
}

/** A moment as 2026-11-03 14:05 (China time). */
export function time(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return '—';
  const cst = new Date(d.getTime() + 8 * 3600_000);
  return `${day(d)} ${pad(cst.getUTCHours())}:${pad(cst.getUTCMinutes())}`;
}

/** A month as 2026年11月 from YYYY-MM. */
export function month(v: string | null | undefined): string {
  if (!v || !/^\d{4}-\d{2}$/.test(v)) return '—';
  return `${v.slice(0, 4)}年${Number(v.slice(5, 7))}月`;
}

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Money in 元 with two decimals and thousands separators: 12,345.60 元. */
export function yuan(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${yuanFormat.format(v)} 元` : '—';
}

/** A share (0.125) as 12.5%. */
export function percent(share: number | null | undefined): string {
  return typeof share === 'number' && Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '—';
}

/** A count with separators. */
export function count(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('zh-CN') : '—';
}

/** This month, or `offset` months from it, as YYYY-MM (China time). */
export function monthOf(offset = 0, now = new Date()): string {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}
