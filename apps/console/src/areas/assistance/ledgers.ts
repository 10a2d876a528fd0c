import type { AssistanceLedger } from '@lib/contracts/assistance';
import { labelOf, type LabelKind } from '@lib/contracts/labels';
import { day, yuan } from '@/format';

/** 帮扶台账 in the console: each ledger's list columns, its 新增 form and its 登记 (entry) forms. Pure. */
export type LedgerKey = AssistanceLedger;

export interface LedgerRecord extends Record<string, unknown> {
  id: string;
  ledger: LedgerKey;
  householdId: string | null;
  householdNumber: string | null;
  villageCode: string;
  title: string;
  details: Record<string, unknown>;
  figures: { paid: number; monthsWorked?: number; employedLabour?: number; outstanding?: number };
  schedule?: Array<{ dueOn: string; amount: number; paidOn: string | null; status: string }>;
}

export type FieldKind = 'text' | 'number' | 'money' | 'date' | 'month' | 'year' | 'select' | 'household' | 'village' | 'textarea';
export interface Field {
  key: string;
  label: string;
  kind: FieldKind;
  /** select: the labels' kind its options come from. */
  options?: LabelKind;
  optional?: boolean;
}
export interface Col {
  key: string;
  label: string;
  format: (r: LedgerRecord) => string;
  width?: number;
  align?: 'right';
}
export interface EntryForm {
  kind: string;
  title: string;
  fields: Field[];
}
export interface LedgerDefinition {
  key: LedgerKey;
  /** The route's path segment. */
  path: string;
  title: string;
  empty: string;
  columns: Col[];
  create: Field[];
  entries: EntryForm[];
}

const d = (r: LedgerRecord, k: string) => r.details[k];
const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const household: Col = { key: 'householdNumber', label: '户编号', format: (r) => text(r.householdNumber), width: 150 };
const hh: Field = { key: 'householdId', label: '农户', kind: 'household' };

export const LEDGERS: LedgerDefinition[] = [
  {
    key: 'public_welfare_job',
    path: 'public-welfare-jobs',
    title: '公益岗位',
    empty: '本范围内暂无公益岗位',
    columns: [
      household,
      { key: 'memberName', label: '在岗成员', format: (r) => text(d(r, 'memberName')), width: 100 },
      { key: 'postName', label: '岗位', format: (r) => text(d(r, 'postName')), width: 140 },
      { key: 'employer', label: '用工单位', format: (r) => text(d(r, 'employer')), width: 160 },
      { key: 'monthlyWage', label: '月工资', format: (r) => yuan(Number(d(r, 'monthlyWage'))), width: 110, align: 'right' },
      { key: 'monthsWorked', label: '已发月数', format: (r) => `${r.figures.monthsWorked ?? 0} 个月`, width: 90 },
      { key: 'paid', label: '已发工资', format: (r) => yuan(r.figures.paid), width: 120, align: 'right' },
    ],
    create: [
      hh,
      { key: 'memberName', label: '在岗成员', kind: 'text' },
      { key: 'postName', label: '岗位名称', kind: 'text' },
      { key: 'employer', label: '用工单位', kind: 'text' },
      { key: 'monthlyWage', label: '月工资（元）', kind: 'money' },
      { key: 'startedOn', label: '上岗日期', kind: 'date' },
    ],
    entries: [
      {
        kind: 'wage',
        title: '发放工资',
        fields: [
          { key: 'fromMonth', label: '起始月份', kind: 'month' },
          { key: 'months', label: '月数', kind: 'number' },
          { key: 'paidOn', label: '发放日期', kind: 'date' },
        ],
      },
    ],
  },
  {
    key: 'microcredit',
    path: 'microcredit',
    title: '小额信贷',
    empty: '本范围内暂无小额信贷',
    columns: [
      household,
      { key: 'memberName', label: '借款人', format: (r) => text(d(r, 'memberName')), width: 100 },
      { key: 'bank', label: '放款银行', format: (r) => text(d(r, 'bank')), width: 160 },
      { key: 'amount', label: '贷款金额', format: (r) => yuan(Number(d(r, 'amount'))), width: 120, align: 'right' },
      { key: 'term', label: '期限', format: (r) => `${text(d(r, 'termMonths'))} 个月`, width: 80 },
      { key: 'interestSubsidy', label: '财政贴息', format: (r) => yuan(Number(d(r, 'interestSubsidy'))), width: 110, align: 'right' },
      { key: 'grantedOn', label: '放款日期', format: (r) => day(String(d(r, 'grantedOn'))), width: 110 },
      {
        key: 'schedule',
        label: '还款计划',
        format: (r) =>
          (r.schedule ?? []).map((i) => `${day(i.dueOn)} ${yuan(i.amount)}（${labelOf('installmentStatus', i.status)}）`).join('；') || '—',
        width: 260,
      },
      { key: 'outstanding', label: '未还金额', format: (r) => yuan(r.figures.outstanding ?? 0), width: 120, align: 'right' },
    ],
    create: [
      hh,
      { key: 'memberName', label: '借款人', kind: 'text' },
      { key: 'bank', label: '放款银行', kind: 'text' },
      { key: 'accountNumber', label: '还款账号', kind: 'text', optional: true },
      { key: 'amount', label: '贷款金额（元）', kind: 'money' },
      { key: 'termMonths', label: '期限（月）', kind: 'number' },
      { key: 'annualRate', label: '年利率（%）', kind: 'number' },
      { key: 'interestSubsidy', label: '财政贴息（元）', kind: 'money' },
      { key: 'grantedOn', label: '放款日期', kind: 'date' },
    ],
    entries: [
      {
        kind: 'repayment',
        title: '登记还款',
        fields: [
          { key: 'dueOn', label: '应还日期', kind: 'date' },
          { key: 'paidOn', label: '实还日期', kind: 'date' },
        ],
      },
    ],
  },
  {
    key: 'education_subsidy',
    path: 'education-subsidies',
    title: '雨露计划',
    empty: '本范围内暂无雨露计划学生',
    columns: [
      household,
      { key: 'memberName', label: '学生', format: (r) => text(d(r, 'memberName')), width: 100 },
      { key: 'school', label: '学校', format: (r) => text(d(r, 'school')), width: 180 },
      { key: 'level', label: '学段', format: (r) => labelOf('studyLevel', String(d(r, 'level'))), width: 120 },
      { key: 'enrolYear', label: '入学年份', format: (r) => `${text(d(r, 'enrolYear'))} 年`, width: 100 },
      { key: 'paid', label: '已发补助', format: (r) => yuan(r.figures.paid), width: 120, align: 'right' },
    ],
    create: [
      hh,
      { key: 'memberName', label: '学生', kind: 'text' },
      { key: 'school', label: '学校', kind: 'text' },
      { key: 'level', label: '学段', kind: 'select', options: 'studyLevel' },
      { key: 'enrolYear', label: '入学年份', kind: 'year' },
    ],
    entries: [
      {
        kind: 'subsidy',
        title: '发放补助',
        fields: [
          { key: 'term', label: '学期', kind: 'text' },
          { key: 'amount', label: '金额（元）', kind: 'money' },
          { key: 'paidOn', label: '发放日期', kind: 'date' },
        ],
      },
    ],
  },
  {
    key: 'relocation',
    path: 'relocations',
    title: '易地搬迁后续扶持',
    empty: '本范围内暂无易地搬迁户',
    columns: [
      household,
      { key: 'site', label: '安置点', format: (r) => text(d(r, 'site')), width: 180 },
      { key: 'mode', label: '安置方式', format: (r) => labelOf('relocationMode', String(d(r, 'mode'))), width: 100 },
      { key: 'relocatedOn', label: '搬迁日期', format: (r) => day(String(d(r, 'relocatedOn'))), width: 110 },
      { key: 'labourCount', label: '劳动力', format: (r) => `${text(d(r, 'labourCount'))} 人`, width: 80 },
      { key: 'employedLabour', label: '已就业', format: (r) => `${r.figures.employedLabour ?? 0} 人`, width: 80 },
    ],
    create: [
      hh,
      { key: 'site', label: '安置点', kind: 'text' },
      { key: 'mode', label: '安置方式', kind: 'select', options: 'relocationMode' },
      { key: 'relocatedOn', label: '搬迁日期', kind: 'date' },
      { key: 'labourCount', label: '劳动力人数', kind: 'number' },
    ],
    entries: [
      {
        kind: 'employment',
        title: '登记就业',
        fields: [
          { key: 'memberName', label: '就业成员', kind: 'text' },
          { key: 'employer', label: '就业单位 / 去向', kind: 'text' },
          { key: 'since', label: '就业日期', kind: 'date' },
        ],
      },
      {
        kind: 'visit',
        title: '后续回访',
        fields: [
          { key: 'visitedOn', label: '回访日期', kind: 'date' },
          { key: 'visitor', label: '回访人', kind: 'text' },
          { key: 'note', label: '回访情况', kind: 'textarea' },
        ],
      },
    ],
  },
  {
    key: 'consumption',
    path: 'consumption',
    title: '消费帮扶',
    empty: '本范围内暂无消费帮扶记录',
    columns: [
      household,
      { key: 'buyerUnit', label: '采购单位', format: (r) => text(d(r, 'buyerUnit')), width: 180 },
      { key: 'product', label: '产品', format: (r) => labelOf('assistanceProduct', String(d(r, 'product'))), width: 100 },
      { key: 'quantity', label: '数量', format: (r) => `${text(d(r, 'quantity'))} ${text(d(r, 'unit'))}`, width: 100 },
      { key: 'amount', label: '金额', format: (r) => yuan(Number(d(r, 'amount'))), width: 120, align: 'right' },
      { key: 'purchasedOn', label: '采购日期', format: (r) => day(String(d(r, 'purchasedOn'))), width: 110 },
    ],
    create: [
      hh,
      { key: 'buyerUnit', label: '采购单位', kind: 'text' },
      { key: 'product', label: '产品', kind: 'select', options: 'assistanceProduct' },
      { key: 'quantity', label: '数量', kind: 'number' },
      { key: 'unit', label: '单位（斤、只…）', kind: 'text' },
      { key: 'amount', label: '金额（元）', kind: 'money' },
      { key: 'purchasedOn', label: '采购日期', kind: 'date' },
    ],
    entries: [],
  },
  {
    key: 'collective_economy',
    path: 'collective-economy',
    title: '村集体经济',
    empty: '本范围内暂无村集体经济收入',
    columns: [
      { key: 'villageCode', label: '村', format: (r) => r.villageCode, width: 160 },
      { key: 'year', label: '年度', format: (r) => `${text(d(r, 'year'))} 年`, width: 90 },
      { key: 'source', label: '收入来源', format: (r) => labelOf('collectiveIncomeSource', String(d(r, 'source'))), width: 110 },
      { key: 'amount', label: '收入金额', format: (r) => yuan(Number(d(r, 'amount'))), width: 130, align: 'right' },
      { key: 'paid', label: '已分配到户', format: (r) => yuan(r.figures.paid), width: 130, align: 'right' },
    ],
    create: [
      { key: 'villageCode', label: '村', kind: 'village' },
      { key: 'year', label: '年度', kind: 'year' },
      { key: 'source', label: '收入来源', kind: 'select', options: 'collectiveIncomeSource' },
      { key: 'amount', label: '金额（元）', kind: 'money' },
      { key: 'note', label: '备注', kind: 'textarea', optional: true },
    ],
    entries: [
      {
        kind: 'distribution',
        title: '分配到户',
        fields: [
          hh,
          { key: 'amount', label: '金额（元）', kind: 'money' },
          { key: 'paidOn', label: '发放日期', kind: 'date' },
        ],
      },
    ],
  },
];

export const ledgerOf = (key: string) => LEDGERS.find((l) => l.key === key)!;

/** The API body of a form: numbers as numbers, empty optional fields left out, the rate in % as a fraction. */
export function bodyOf(fields: Field[], form: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const body: Record<string, unknown> = { ...extra };
  for (const f of fields) {
    const v = form[f.key];
    if (v === '' || v === null || v === undefined) {
      if (!f.optional) body[f.key] = undefined;
      continue;
    }
    if (f.key === 'annualRate') body[f.key] = Math.round(Number(v) * 100) / 10_000;
    else if (f.kind === 'number' || f.kind === 'money' || f.kind === 'year') body[f.key] = Number(v);
    else body[f.key] = typeof v === 'string' ? v.trim() : v;
  }
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

/** Money a household got from the ledgers, as rows for the household page. */
export function incomeRows(byLedger: Record<string, number>) {
  return LEDGERS.filter((l) => byLedger[l.key] !== undefined).map((l) => ({
    ledger: l.title,
    amount: yuan(byLedger[l.key]),
    component: { public_welfare_job: '工资性收入', education_subsidy: '转移性收入', consumption: '生产经营性收入', collective_economy: '财产性收入' }[
      l.key as string
    ] ?? '—',
  }));
}
