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

/** 证件类型: the kinds of ID document a national ledger records (labels in labels/households idType). */
export const ID_TYPES = [
  'resident_id',
  'disability_cert',
  'hk_macao_permit',
  'taiwan_permit',
  'hmt_residence_permit',
  'foreign_permanent_id',
  'passport',
] as const;
export type IdType = (typeof ID_TYPES)[number];

/** GB 11643's check character and the birth date it carries, for the 18-character numbers built like it. */
function gb11643Problem(n: string, birthDate: string, what: string): string | null {
  if (!/^\d{17}[\dX]$/.test(n))
    return `${what}须为18位，末位为数字或X (must be 18 characters, last 0-9 or X)`;
  return idNumberProblem(n, birthDate)?.replace(/^身份证号/, what) ?? null;
}

/**
 * Why the number is not acceptable as an ID document of this kind for a member born on birthDate, or
 * null. 居民身份证 as before; 残疾人证: the holder's 18-character ID number and two digits (残疾类别 1-7,
 * 残疾等级 1-4); 港澳台居民居住证: built like the ID number, starting 810000 / 820000 / 830000;
 * 外国人永久居留身份证: 18 characters starting with 9 (the 2023 card, GB 11643 check) or 3 letters and 12
 * digits (the 2017 card); 港澳居民来往内地通行证: H or M and 8 digits; 台湾居民来往大陆通行证: 8 digits;
 * 护照: 5-17 letters and digits.
 */
export function idDocumentProblem(idType: IdType, raw: string, birthDate: string): string | null {
  const n = normalizeIdNumber(raw);
  switch (idType) {
    case 'resident_id':
      return idNumberProblem(n, birthDate);
    case 'disability_cert':
      if (!/^\d{17}[\dX][1-7][1-4]$/.test(n))
        return '残疾人证号须为身份证号加残疾类别(1-7)和等级(1-4)两位，共20位 (18-character ID number + category + level)';
      return gb11643Problem(n.slice(0, 18), birthDate, '残疾人证号中的身份证号');
    case 'hmt_residence_permit':
      if (!/^8[123]0000/.test(n))
        return '港澳台居民居住证号须以810000、820000或830000开头 (must start 810000/820000/830000)';
      return gb11643Problem(n, birthDate, '港澳台居民居住证号');
    case 'foreign_permanent_id':
      if (/^[A-Z]{3}\d{12}$/.test(n)) return null;
      if (!/^9/.test(n))
        return '外国人永久居留身份证号须为9开头的18位或3个字母加12位数字 (9 + 17 characters, or 3 letters + 12 digits)';
      return gb11643Problem(n, birthDate, '外国人永久居留身份证号');
    case 'hk_macao_permit':
      return /^[HM]\d{8}$/.test(n) ? null : '港澳居民来往内地通行证号须为H或M加8位数字 (H or M and 8 digits)';
    case 'taiwan_permit':
      return /^\d{8}$/.test(n) ? null : '台湾居民来往大陆通行证号须为8位数字 (8 digits)';
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(n) ? null : '护照号须为5-17位字母或数字 (5-17 letters and digits)';
  }
}
