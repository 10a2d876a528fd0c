import type { z } from 'zod';
import { labelOf } from '@lib/contracts/labels';
import { ApiError } from '@/api/client';
import { pickThreshold, type ThresholdDefault } from '@lib/contracts/default-thresholds';
import { INCOME_COMPONENTS, type IncomeComponentName, type ReportedIncome, surveyFigures } from '@lib/contracts/survey-income';

/**
 * 走访表单 arithmetic and validation, shared by the survey form and the correction form. The figures
 * come from libs/contracts' surveyFigures (the very function the monitoring app stores with), fed with
 * what the cadre has typed so far; the checks come from the API's zod schemas (libs/contracts/surveys).
 */

/** The income fields as typed (strings from the inputs, so an empty box stays "not given"). */
export type IncomeInput = Record<IncomeComponentName, string>;

export const emptyIncome = (): IncomeInput => ({ wage: '', business: '', property: '', transfer: '', businessCosts: '' });

/**
 * A typed amount as the API takes it: '' → null (not given: counts as 0, listed as 缺项); full-width
 * digits, spaces and thousands separators are accepted; anything else stays as text so the schema
 * names it (须为金额).
 */
export function amountOf(typed: string): number | null | string {
  const s = typed
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－—]/g, '-')
    .replace(/[\s,，]/g, '');
  if (s === '') return null;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return typed;
  return Number(s);
}

/** A typed whole number ('' → undefined, i.e. not given). */
export function wholeOf(typed: string): number | string | undefined {
  const s = typed.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  if (s === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : typed;
}

/** The income as the API body carries it. */
export function reportedOf(input: IncomeInput): Record<IncomeComponentName, number | null | string> {
  return Object.fromEntries(INCOME_COMPONENTS.map((k) => [k, amountOf(input[k])])) as Record<
    IncomeComponentName,
    number | null | string
  >;
}

export interface LiveFigures {
  /** Household net income (元), once every typed amount is a number. */
  netIncome: number | null;
  /** 人均纯收入 (元); null while it cannot be computed (no residents, or a box holds no number). */
  perCapita: number | null;
  /** Components left empty (count as 0; the survey lists them as 缺项). */
  missing: IncomeComponentName[];
  /** Why there is no per-capita figure yet, in Chinese; '' when there is one. */
  pending: string;
  /** True when the figure is below the year's line. */
  belowLine: boolean | null;
}

/** The figures as the cadre types: the same arithmetic as the monitoring app, in fen. */
export function liveFigures(input: IncomeInput, residentsTyped: string, line: number | null): LiveFigures {
  const reported = reportedOf(input);
  const notNumber = INCOME_COMPONENTS.filter((k) => typeof reported[k] === 'string');
  const missing = INCOME_COMPONENTS.filter((k) => reported[k] === null);
  const residents = wholeOf(residentsTyped);
  const none = (pending: string): LiveFigures => ({ netIncome: null, perCapita: null, missing, pending, belowLine: null });
  if (notNumber.length > 0) return none('有收入项不是数字');
  const income = reported as ReportedIncome;
  const okResidents = typeof residents === 'number' && Number.isInteger(residents) && residents >= 0 && residents <= 30;
  // nothing typed yet: no figure (an all-empty form is not a household with no income)
  const netIncome = missing.length === INCOME_COMPONENTS.length ? null : surveyFigures(income, 0).netIncome;
  if (!okResidents) return { ...none(residents === undefined ? '请填写常住人口' : '常住人口须为0至30的整数'), netIncome };
  const f = surveyFigures(income, residents);
  if (f.perCapitaNetIncome === null) return { ...none('常住人口为0，无法计算人均'), netIncome: f.netIncome };
  return {
    netIncome: f.netIncome,
    perCapita: f.perCapitaNetIncome,
    missing,
    pending: '',
    belowLine: line === null ? null : f.perCapitaNetIncome < line,
  };
}

/** The 监测范围 line of a county for a year (county, else province, else national; latest earlier year). */
export function lineFor<T extends ThresholdDefault>(all: T[], countyCode: string, year: number): T | null {
  return pickThreshold(all, { countyCode, provinceCode: countyCode.slice(0, 2) }, year);
}

/**
 * Reasons in Chinese: the schemas' own reasons are Chinese (shown as written); the few English ones
 * an API may still give, and zod's defaults, are translated here; anything else is shown as given.
 */
const REASONS: Record<string, string> = {
  'must not be negative': '不能为负数',
  'must have at most two decimals': '最多两位小数（分）',
  'must be a number of yuan': '须填金额（元）',
  'is required': '必填',
  'must be a whole number': '须为整数',
  'must be an ISO date-time': '须为日期时间',
  'must not be in the future': '不能晚于现在',
  'at most five risk types': '风险类型最多选五项',
  'must not repeat a risk type': '风险类型不能重复',
  'must be a household id (UUID)': '请选择农户',
  'must be a month as YYYY-MM': '请选择月份',
  'must be a latitude (−90…90)': '纬度须在 −90 至 90 之间',
  'must be a longitude (−180…180)': '经度须在 −180 至 180 之间',
  'must be a photo URL (http/https) or a photo id': '须为照片链接或照片编号',
  'must name at least one field to change': '请至少修改一项',
  'already surveyed this month': '该户本月已有走访记录，如需修改请在原记录上更正',
  'Required': '必填',
  'Expected number, received nan': '须为数字',
};

/** A reason in Chinese: Chinese-first API reasons (中文 (english)) keep their Chinese part. */
export function reasonZh(reason: string): string {
  if (REASONS[reason]) return REASONS[reason];
  // the API's refusals read "中文 (english)": keep the Chinese
  const zhFirst = /^(.*[\u4e00-\u9fff].*?)\s+\([A-Za-z]/.exec(reason);
  if (zhFirst) return zhFirst[1].trim();
  if (/[\u4e00-\u9fff]/.test(reason)) return reason;
  if (/^Expected number/.test(reason)) return '须为数字';
  if (/^Number must be greater than or equal to (\S+)/.test(reason))
    return `不能小于 ${/(\S+)$/.exec(reason)![1]}`;
  if (/^Number must be less than or equal to (\S+)/.test(reason)) return `不能大于 ${/(\S+)$/.exec(reason)![1]}`;
  if (/^String must contain at most (\d+)/.test(reason)) return `最多 ${/(\d+)/.exec(reason)![1]} 个字`;
  if (/^Array must contain at most (\d+)/.test(reason)) return `最多 ${/(\d+)/.exec(reason)![1]} 项`;
  if (/^Unrecognized key/.test(reason)) return '不允许的字段';
  if (/^Invalid enum value/.test(reason)) return '不是可选的值';
  return `输入有误（${reason}）`;
}

/** Zod issues as field → Chinese reason (the first reason of each field). */
export function fieldErrors(error: z.ZodError | null | undefined, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    const path = issue.path.join('.');
    const field = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    out[field] ??= reasonZh(issue.message);
  }
  return out;
}

/** The API's problems ({field, reason}[]) as field → Chinese reason. */
export function problemsByField(problems: { field: string; reason: string }[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const field = prefix && p.field.startsWith(prefix) ? p.field.slice(prefix.length) : p.field;
    out[field] ??= reasonZh(p.reason);
  }
  return out;
}

export type YesNo = '' | 'yes' | 'no';
export type HousingGrade = '' | 'A' | 'B' | 'C' | 'D';
export const GUARANTEES = ['foodAndClothing', 'compulsoryEducation', 'basicMedicalInsurance', 'drinkingWater'] as const;
export type Guarantee = (typeof GUARANTEES)[number];

/** The survey form as typed: strings for numbers (so an empty box is "not given"), choices as codes. */
export interface SurveyFormState {
  visitedAt: string;
  visitor: string;
  income: IncomeInput;
  residentMembers: string;
  medicalOutOfPocket: string;
  schooling: string;
  guarantees: Record<Guarantee, YesNo>;
  housingSafety: HousingGrade;
  employmentChanges: { kind: string; detail: string }[];
  riskTypes: string[];
  notes: string;
  lat: string;
  lng: string;
}

export function emptyState(visitor = ''): SurveyFormState {
  return {
    visitedAt: '',
    visitor,
    income: emptyIncome(),
    residentMembers: '',
    medicalOutOfPocket: '',
    schooling: '',
    guarantees: { foodAndClothing: '', compulsoryEducation: '', basicMedicalInsurance: '', drinkingWater: '' },
    housingSafety: '',
    employmentChanges: [],
    riskTypes: [],
    notes: '',
    lat: '',
    lng: '',
  };
}

/** A survey as the API answers it (the parts the form edits). */
export interface SurveyRecord {
  visitedAt?: string;
  visitor: string;
  income: Record<IncomeComponentName, number>;
  missingIncomeComponents?: IncomeComponentName[];
  residentMembers: number;
  gps?: { lat: number; lng: number } | null;
  rigidSpending?: { medicalOutOfPocket?: number; schooling?: number } | null;
  guarantees?: (Partial<Record<Guarantee, boolean>> & { housingSafety?: Exclude<HousingGrade, ''> }) | null;
  employmentChanges?: { kind: string; detail?: string }[];
  riskTypes?: string[];
  notes?: string | null;
}

const text = (v: number | undefined | null) => (typeof v === 'number' ? String(v) : '');
const yesNo = (v: boolean | undefined): YesNo => (v === undefined ? '' : v ? 'yes' : 'no');

/** The form filled with a recorded survey (for a correction). */
export function stateOf(s: SurveyRecord): SurveyFormState {
  const missing = new Set(s.missingIncomeComponents ?? []);
  const g = s.guarantees ?? {};
  return {
    visitedAt: s.visitedAt ?? '',
    visitor: s.visitor,
    income: Object.fromEntries(
      INCOME_COMPONENTS.map((k) => [k, missing.has(k) ? '' : text(s.income[k])]),
    ) as IncomeInput,
    residentMembers: String(s.residentMembers),
    medicalOutOfPocket: text(s.rigidSpending?.medicalOutOfPocket),
    schooling: text(s.rigidSpending?.schooling),
    guarantees: Object.fromEntries(GUARANTEES.map((k) => [k, yesNo(g[k])])) as Record<Guarantee, YesNo>,
    housingSafety: g.housingSafety ?? '',
    employmentChanges: (s.employmentChanges ?? []).map((c) => ({ kind: c.kind, detail: c.detail ?? '' })),
    riskTypes: [...(s.riskTypes ?? [])],
    notes: s.notes ?? '',
    lat: text(s.gps?.lat),
    lng: text(s.gps?.lng),
  };
}

/** The survey fields of an API body from the form (left-out parts are not sent). */
export function fieldsOf(f: SurveyFormState): Record<string, unknown> {
  const body: Record<string, unknown> = {
    visitor: f.visitor,
    income: reportedOf(f.income),
    residentMembers: wholeOf(f.residentMembers),
  };
  if (f.visitedAt) body.visitedAt = f.visitedAt;
  if (f.lat.trim() || f.lng.trim()) body.gps = { lat: amountOf(f.lat) ?? undefined, lng: amountOf(f.lng) ?? undefined };
  const rigid = { medicalOutOfPocket: amountOf(f.medicalOutOfPocket), schooling: amountOf(f.schooling) };
  if (rigid.medicalOutOfPocket !== null || rigid.schooling !== null)
    body.rigidSpending = Object.fromEntries(Object.entries(rigid).filter(([, v]) => v !== null));
  const g: Record<string, unknown> = {};
  for (const k of GUARANTEES) if (f.guarantees[k]) g[k] = f.guarantees[k] === 'yes';
  if (f.housingSafety) g.housingSafety = f.housingSafety;
  if (Object.keys(g).length) body.guarantees = g;
  if (f.employmentChanges.length)
    body.employmentChanges = f.employmentChanges.map((c) => (c.detail.trim() ? { kind: c.kind, detail: c.detail.trim() } : { kind: c.kind }));
  if (f.riskTypes.length) body.riskTypes = f.riskTypes;
  if (f.notes.trim()) body.notes = f.notes.trim();
  return body;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * 更正: what the edited form changes against the recorded survey, as CorrectSurveyBody's `changes`:
 * income per component (an emptied box → null, i.e. missing again), a cleared location/notes → null.
 */
export function changesOf(before: SurveyFormState, after: SurveyFormState): Record<string, unknown> {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const changes: Record<string, unknown> = {};
  const income: Record<string, unknown> = {};
  for (const k of INCOME_COMPONENTS) {
    const x = (a.income as Record<string, unknown>)[k];
    const y = (b.income as Record<string, unknown>)[k];
    if (!same(x, y)) income[k] = y;
  }
  if (Object.keys(income).length) changes.income = income;
  for (const key of ['visitedAt', 'visitor', 'residentMembers', 'rigidSpending', 'guarantees', 'employmentChanges', 'riskTypes', 'gps', 'notes']) {
    if (same(a[key], b[key])) continue;
    if (b[key] !== undefined) changes[key] = b[key];
    else if (key === 'gps' || key === 'notes') changes[key] = null;
    else if (key === 'employmentChanges' || key === 'riskTypes') changes[key] = [];
    else if (key === 'rigidSpending' || key === 'guarantees') changes[key] = null;
  }
  return changes;
}

const OTHER_FIELDS: Record<string, string> = {
  householdId: '农户',
  month: '走访月份',
  reason: '更正原因',
  changes: '修改内容',
  income: '收入',
  gps: '位置',
  rigidSpending: '刚性支出',
  guarantees: '两不愁三保障',
};

/** The fields with a problem, named in Chinese for the message above the save button. */
export function problemSummary(errors: Record<string, string>): string {
  const names = Object.keys(errors).map((f) => {
    const label = labelOf('surveyField', f, '');
    if (label && label !== '未知') return label;
    return OTHER_FIELDS[f] ?? OTHER_FIELDS[f.split('.')[0]] ?? '其他项';
  });
  return names.length ? `请修改标红的项：${[...new Set(names)].join('、')}` : '';
}

/** Brings the first field with a problem into view (a long form on a phone). */
export function showFirstProblem(): void {
  requestAnimationFrame(() =>
    document.querySelector('.el-form-item.is-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
  );
}

/** A refused save: the API's reasons at their fields and the message above the button. */
export function refusalOf(e: unknown, prefix = ''): { errors: Record<string, string>; message: string } {
  if (!(e instanceof ApiError)) return { errors: {}, message: '保存失败，请检查网络后重试' };
  const errors = problemsByField(e.problems, prefix);
  return { errors, message: (e.problems.length && problemSummary(errors)) || e.message };
}
