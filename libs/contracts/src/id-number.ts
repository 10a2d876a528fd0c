/**
 * 公民身份号码 (GB 11643-1999): the check character and the birth date it carries. Pure functions, shared by
 * the households API (validation) and the console (the same check as the user types).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function checkCharOf(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i], 0);
  return CHECK_CHARS[sum % 11];
}

/** Why the ID number is not acceptable for a member born on birthDate (YYYY-MM-DD), or null when it is. */
export function idNumberProblem(idNumber: string, birthDate: string): string | null {
  if (!/^\d{17}[\dX]$/.test(idNumber))
    return '身份证号须为18位，末位为数字或X (must be 18 characters, last 0-9 or X)';
  if (checkCharOf(idNumber.slice(0, 17)) !== idNumber[17])
    return '身份证号校验位错误 (GB 11643 check character does not match)';
  const born = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const parsed = new Date(`${born}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(born))
    return '身份证号中的出生日期无效 (birth date in the ID number is not a real date)';
  if (born !== birthDate) return `身份证号中的出生日期 ${born} 与出生日期不符 (does not match birthDate)`;
  return null;
}
