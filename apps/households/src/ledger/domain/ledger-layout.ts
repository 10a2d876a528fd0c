import {
  DISASTER_SUBTYPES,
  EDUCATION,
  ELIMINATION_METHODS,
  HEALTH,
  ID_TYPE_LABELS,
  MEASURE_TYPES,
  SERVICE_NEEDS,
  WORK_PLANS,
  HOUSEHOLD_TYPES,
  LABOUR_SKILLS,
  MONITORING_CATEGORIES,
  RELATIONS,
  RISK_TYPES,
  SCHOOL_STATUS,
  SEXES,
} from '../../households/domain/vocabulary';
import { householdLabels } from '@lib/contracts/labels/households';

/**
 * The ledger spreadsheet, laid out like the national monitoring system's export: one sheet of households
 * (户信息), one of members (家庭成员) joined by village code and household number. Columns are found by
 * their header, so their order does not matter. Pure data and conversions, no I/O.
 */
export const HOUSEHOLD_SHEET = '户信息';
export const MEMBER_SHEET = '家庭成员';

export type Kind =
  | { t: 'text' }
  | { t: 'number' }
  | { t: 'int' }
  | { t: 'bool' }
  | { t: 'date' }
  | { t: 'month' }
  | { t: 'enum'; labels: Record<string, string> }
  /** several values of a list in one cell, separated by 、 , ; or spaces */
  | { t: 'list'; labels: Record<string, string> };

export interface Column {
  header: string;
  /** where the value goes in the API body (dotted for nested objects; riskTypes.N for the list) */
  path: string;
  kind: Kind;
  required?: boolean;
  /** personal data: exported masked */
  personal?: 'idNumber' | 'phone' | 'health';
  /** written by the export, known (and ignored) by the import: e.g. 注销 is recorded through its own step */
  exportOnly?: true;
}

const text: Kind = { t: 'text' };
const num: Kind = { t: 'number' };
const bool: Kind = { t: 'bool' };
const en = (labels: Record<string, string>): Kind => ({ t: 'enum', labels });
const list = (labels: Record<string, string>): Kind => ({ t: 'list', labels });

export const HOUSEHOLD_COLUMNS: Column[] = [
  { header: '县(市、区)代码', path: 'countyCode', kind: text },
  { header: '乡(镇)代码', path: 'townCode', kind: text },
  { header: '行政村代码', path: 'villageCode', kind: text, required: true },
  { header: '村民小组', path: 'groupName', kind: text },
  { header: '户编号', path: 'householdNumber', kind: text, required: true },
  { header: '户类型', path: 'householdType', kind: en(HOUSEHOLD_TYPES), required: true },
  { header: '监测对象类别', path: 'monitoringCategory', kind: en(MONITORING_CATEGORIES) },
  ...[1, 2, 3, 4, 5].map((i) => ({
    header: `风险类型${i}`,
    path: `riskTypes.${i - 1}`,
    kind: en(RISK_TYPES),
  })),
  { header: '人均纯收入(元)', path: 'income.perCapitaNet', kind: num },
  { header: '工资性收入(元)', path: 'income.wage', kind: num },
  { header: '生产经营性收入(元)', path: 'income.business', kind: num },
  { header: '财产性收入(元)', path: 'income.property', kind: num },
  { header: '转移性收入(元)', path: 'income.transfer', kind: num },
  { header: '合规自付医疗费用(元)', path: 'medicalOutOfPocket', kind: num },
  { header: '耕地面积(亩)', path: 'land.arable', kind: num },
  { header: '林地面积(亩)', path: 'land.forest', kind: num },
  { header: '园地面积(亩)', path: 'land.orchard', kind: num },
  { header: '牧草地面积(亩)', path: 'land.pasture', kind: num },
  { header: '水面面积(亩)', path: 'land.water', kind: num },
  { header: '住房面积(㎡)', path: 'housing.area', kind: num },
  { header: '是否危房', path: 'housing.dilapidated', kind: bool },
  { header: '危房等级', path: 'housing.grade', kind: en({ A: 'A', B: 'B', C: 'C', D: 'D' }) },
  { header: '是否解决安全饮水', path: 'safeDrinkingWater', kind: bool },
  { header: '是否通生活用电', path: 'electricity', kind: bool },
  { header: '是否通硬化路', path: 'hardenedRoad', kind: bool },
  { header: '是否有卫生厕所', path: 'sanitaryToilet', kind: bool },
  { header: '联系电话', path: 'contactPhone', kind: text, personal: 'phone' },
  { header: '信息采集人', path: 'collector', kind: text },
  { header: '是否整户无劳动力', path: 'wholeHouseholdNoLabour', kind: bool },
  { header: '识别时间', path: 'identifiedAt', kind: { t: 'date' } },
  { header: '是否风险消除', path: 'riskEliminated', kind: bool },
  { header: '风险消除时间', path: 'riskEliminatedAt', kind: { t: 'date' } },
  { header: '消除方式', path: 'eliminationMethod', kind: en(ELIMINATION_METHODS) },
  { header: '帮扶措施', path: 'assistanceMeasures', kind: list(MEASURE_TYPES) },
  { header: '自然灾害类型', path: 'disasterSubtype', kind: en(DISASTER_SUBTYPES) },
  { header: '户状态', path: 'status', kind: en(householdLabels.householdStatus), exportOnly: true },
  {
    header: '注销原因',
    path: 'closure.reason',
    kind: en(householdLabels.householdClosureReason),
    exportOnly: true,
  },
  { header: '注销时间', path: 'closure.on', kind: { t: 'date' }, exportOnly: true },
  { header: '注销说明', path: 'closure.note', kind: text, exportOnly: true },
];

export const MEMBER_COLUMNS: Column[] = [
  { header: '行政村代码', path: 'villageCode', kind: text, required: true },
  { header: '户编号', path: 'householdNumber', kind: text, required: true },
  { header: '姓名', path: 'name', kind: text, required: true },
  { header: '证件类型', path: 'idType', kind: en(ID_TYPE_LABELS) },
  { header: '证件号码', path: 'idNumber', kind: text, personal: 'idNumber' },
  { header: '与户主关系', path: 'relation', kind: en(RELATIONS), required: true },
  { header: '性别', path: 'sex', kind: en(SEXES), required: true },
  { header: '出生日期', path: 'birthDate', kind: { t: 'date' }, required: true },
  { header: '民族', path: 'ethnicity', kind: text },
  { header: '文化程度', path: 'education', kind: en(EDUCATION) },
  { header: '在校生状况', path: 'schoolStatus', kind: en(SCHOOL_STATUS) },
  { header: '义务教育阶段未上学原因', path: 'notInSchoolReason', kind: text },
  { header: '健康状况', path: 'health', kind: en(HEALTH), personal: 'health' },
  { header: '残疾等级', path: 'disabilityLevel', kind: { t: 'int' }, personal: 'health' },
  { header: '劳动技能', path: 'labourSkill', kind: en(LABOUR_SKILLS) },
  { header: '是否参加城乡居民基本医疗保险', path: 'insurance.basicMedical', kind: bool },
  { header: '是否参加大病保险', path: 'insurance.seriousIllness', kind: bool },
  { header: '是否参加城乡居民基本养老保险', path: 'insurance.pension', kind: bool },
  { header: '是否享受低保', path: 'minimumLivingAllowance', kind: bool },
  { header: '是否特困供养', path: 'extremeHardshipSupport', kind: bool },
  { header: '公益岗位(月)', path: 'publicWelfareJobMonths', kind: { t: 'int' } },
  { header: '联系电话', path: 'phone', kind: text, personal: 'phone' },
  { header: '是否务工', path: 'migrantWork.working', kind: bool },
  { header: '务工地点', path: 'migrantWork.where', kind: text },
  { header: '务工起始月', path: 'migrantWork.since', kind: { t: 'month' } },
  { header: '务工月收入(元)', path: 'migrantWork.monthlyWage', kind: num },
  { header: '务工意愿', path: 'workPlan', kind: en(WORK_PLANS) },
  { header: '就业服务需求', path: 'serviceNeeds', kind: list(SERVICE_NEEDS) },
];

/**
 * A header as the national system's export may write it, to the ledger's: full-width brackets to
 * half-width, the required-field star and spaces (also line breaks inside a cell) removed.
 */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[*＊\s]/g, '')
    .trim();
}

/** A cell as exceljs gives it, reduced to what the converters read. */
export type CellValue = string | number | boolean | Date | null | undefined;

export type Converted = { ok: true; value: unknown } | { ok: false; reason: string };

const YES = new Set(['是', 'Y', 'y', 'TRUE', 'true', '1']);
const NO = new Set(['否', 'N', 'n', 'FALSE', 'false', '0']);

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** One cell to the API's value; undefined for an empty cell. */
export function convertCell(kind: Kind, raw: CellValue): Converted {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === ''))
    return { ok: true, value: undefined };
  const s = raw instanceof Date ? isoOf(raw) : String(raw).trim();
  switch (kind.t) {
    case 'text':
      return { ok: true, value: s };
    case 'number':
    case 'int': {
      const n = typeof raw === 'number' ? raw : Number(s.replace(/,/g, ''));
      if (!Number.isFinite(n)) return { ok: false, reason: `不是数字 (not a number): ${s}` };
      if (kind.t === 'int' && !Number.isInteger(n))
        return { ok: false, reason: `须为整数 (not an integer): ${s}` };
      return { ok: true, value: n };
    }
    case 'bool':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (YES.has(s)) return { ok: true, value: true };
      if (NO.has(s)) return { ok: true, value: false };
      return { ok: false, reason: `须填"是"或"否" (must be 是 or 否): ${s}` };
    case 'date': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
      if (!m) return { ok: false, reason: `日期格式应为 YYYY-MM-DD (not a date): ${s}` };
      return { ok: true, value: `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` };
    }
    case 'month': {
      const m = /^(\d{4})[-/.年]?(\d{1,2})月?$/.exec(raw instanceof Date ? s.slice(0, 7) : s);
      if (!m) return { ok: false, reason: `月份格式应为 YYYY-MM (not a month): ${s}` };
      return { ok: true, value: `${m[1]}-${pad(Number(m[2]))}` };
    }
    case 'list': {
      const values: string[] = [];
      for (const part of s.split(/[、,，;；\s]+/).filter(Boolean)) {
        const one = convertCell({ t: 'enum', labels: kind.labels }, part);
        if (!one.ok) return one;
        if (!values.includes(one.value as string)) values.push(one.value as string);
      }
      return { ok: true, value: values };
    }
    case 'enum': {
      if (s in kind.labels) return { ok: true, value: s };
      const code = Object.entries(kind.labels).find(([, l]) => l === s)?.[0];
      if (code) return { ok: true, value: code };
      return {
        ok: false,
        reason: `取值应为 ${Object.values(kind.labels).join('/')} 之一 (unknown value): ${s}`,
      };
    }
  }
}

/** Sets a dotted path ("income.wage", "riskTypes.0") in a body object. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let node = target as Record<string, unknown>;
  parts.slice(0, -1).forEach((p, i) => {
    const isIndex = /^\d+$/.test(parts[i + 1]);
    node[p] ??= isIndex ? [] : {};
    node = node[p] as Record<string, unknown>;
  });
  const last = parts.at(-1)!;
  if (Array.isArray(node)) (node as unknown[]).push(value);
  else node[last] = value;
}

/** The cell text of a stored value for the export (labels, 是/否). */
export function exportCell(col: Column, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  switch (col.kind.t) {
    case 'bool':
      return value ? '是' : '否';
    case 'enum':
      return col.kind.labels[String(value)] ?? String(value);
    case 'list': {
      const labels = col.kind.labels;
      return Array.isArray(value) && value.length
        ? value.map((v) => labels[String(v)] ?? String(v)).join('、')
        : null;
    }
    case 'number':
    case 'int':
      return typeof value === 'number' ? value : Number(value);
    default:
      return String(value);
  }
}

export function getPath(source: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, p) => (node == null ? undefined : (node as Record<string, unknown>)[p]), source);
}
