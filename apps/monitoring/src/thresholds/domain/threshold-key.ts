import { ThresholdScope } from '@lib/contracts';

/** Where a monitoring line (监测范围) applies: the nation, a province (2 digits) or a county (6 digits), for one year. */
export interface ThresholdPlace {
  scope: ThresholdScope;
  provinceCode: string | null;
  countyCode: string | null;
  year: number;
}

/** The place named by scope + code (no code for national; a county's province is its first two digits). */
export function placeOf(
  scope: ThresholdScope,
  code: string | undefined | null,
  year: number,
): ThresholdPlace {
  if (scope === 'national') return { scope, provinceCode: null, countyCode: null, year };
  if (scope === 'province') return { scope, provinceCode: code!, countyCode: null, year };
  return { scope, provinceCode: code!.slice(0, 2), countyCode: code!, year };
}

/** `<scope>:<code|national>:<year>`: the key of a line, and the subject of its threshold.set.v1. */
export function keyOf(p: ThresholdPlace): string {
  const code = p.scope === 'national' ? 'national' : p.scope === 'province' ? p.provinceCode : p.countyCode;
  return `${p.scope}:${code}:${p.year}`;
}

/** Which code a scope takes, for messages. */
export function codeProblem(scope: ThresholdScope, code: string | undefined): string | null {
  if (scope === 'national') return code === undefined ? null : '全国范围不带代码 (national takes no code)';
  if (scope === 'province')
    return code !== undefined && /^\d{2}$/.test(code)
      ? null
      : '省级须为2位省代码 (must be a 2-digit province code)';
  return code !== undefined && /^\d{6}$/.test(code)
    ? null
    : '县级须为6位县代码 (must be a 6-digit county code)';
}
