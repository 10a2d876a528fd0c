import type { FormItemRule } from 'element-plus';
import { isRealDay } from '@lib/contracts/domain';
import { idNumberProblem } from '@lib/contracts/id-number';
import { ApiError } from '@/api/client';

/**
 * The households API's rules (apps/households/src/households/register-household.dto.ts and
 * assistance.dto.ts), checked as the user types. Each check answers the problem in Chinese or null.
 */
export type Check = (value: unknown) => string | null;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v == null ? '' : String(v));

export const required =
  (what: string): Check =>
  (v) =>
    text(v) === '' ? `请填写${what}` : null;

export const maxLength =
  (n: number): Check =>
  (v) =>
    text(v).length > n ? `不超过 ${n} 个字` : null;

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
export const phone: Check = (v) =>
  text(v) === '' || PHONE.test(text(v)) ? null : '须为11位手机号或带区号的固定电话';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const realDay: Check = (v) => {
  const s = text(v);
  if (s === '') return null;
  return DAY.test(s) && isRealDay(s) ? null : '须为有效日期（年-月-日）';
};

/** A day in China time as YYYY-MM-DD (the API compares with its own today). */
export function today(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const notFuture: Check = (v) => (text(v) !== '' && text(v) > today() ? '不能是将来的日期' : null);

/** 公民身份号码: the same check as the API (GB 11643 check character, birth date of the member). */
export const idNumberFor =
  (birthDate: () => string | undefined): Check =>
  (v) => {
    const s = text(v).toUpperCase();
    if (s === '') return null;
    const born = birthDate();
    if (!born) return '请先填写出生日期';
    return idNumberProblem(s, born)?.replace(/\s*\(.*\)$/, '') ?? null;
  };

export const notBefore =
  (other: () => string | undefined, what: string): Check =>
  (v) => {
    const o = other();
    return text(v) !== '' && o && text(v) < o ? `不能早于${what}` : null;
  };

/** The first problem of several checks. */
export const all =
  (...checks: Check[]): Check =>
  (v) => {
    for (const c of checks) {
      const p = c(v);
      if (p) return p;
    }
    return null;
  };

/** An Element Plus form rule from checks, run as the user types (and on leaving the field). */
export function rule(...checks: Check[]): FormItemRule[] {
  const check = all(...checks);
  return [
    {
      trigger: ['change', 'blur'],
      validator: (_r: unknown, value: unknown, done: (e?: Error) => void) => {
        const p = check(value);
        done(p ? new Error(p) : undefined);
      },
    },
  ];
}

/**
 * The API's field errors for a form: `problems` of a 400/409 by field, `prefix` stripped (e.g.
 * `members.0.` when the form edits the first member of a new household).
 */
export function fieldErrors(e: unknown, prefix = ''): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const p of e.problems) {
    const f = prefix && p.field.startsWith(prefix) ? p.field.slice(prefix.length) : p.field;
    out[f] ??= p.reason;
  }
  return out;
}
