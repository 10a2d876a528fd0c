/** 帮扶台账 export (.xlsx): each ledger's columns, Chinese headers; values from a record (pure). */
import type { Installment, Ledger, LedgerEntry } from './ledgers';
import { employedLabour, monthsWorked, outstanding, sumYuan } from './ledgers';

export interface ExportRecord {
  householdNumber: string | null;
  villageCode: string;
  title: string;
  details: Record<string, unknown>;
  entries: LedgerEntry[];
  schedule?: Installment[];
  recordedAt: Date;
}

type Cell = string | number | null;
type Label = (kind: string, value: unknown) => string;

const paid = (r: ExportRecord) => sumYuan(r.entries.map((e) => e.amount ?? 0));

/** Header and value per column; `label` turns enum values into Chinese, `place` a village code into its name. */
export function exportColumns(ledger: Ledger, label: Label): Array<[string, (r: ExportRecord) => Cell]> {
  const d = (k: string) => (r: ExportRecord) => (r.details[k] ?? null) as Cell;
  const household: Array<[string, (r: ExportRecord) => Cell]> = [
    ['村', (r) => r.villageCode],
    ['户编号', (r) => r.householdNumber],
  ];
  switch (ledger) {
    case 'public_welfare_job':
      return [...household, ['在岗成员', d('memberName')], ['岗位', d('postName')], ['用工单位', d('employer')],
        ['月工资（元）', d('monthlyWage')], ['上岗日期', d('startedOn')], ['已发工资月数', (r) => monthsWorked(r.entries)], ['已发工资（元）', paid]];
    case 'microcredit':
      return [...household, ['借款人', d('memberName')], ['放款银行', d('bank')], ['还款账号（脱敏）', d('accountMasked')],
        ['贷款金额（元）', d('amount')], ['期限（月）', d('termMonths')], ['年利率', d('annualRate')], ['财政贴息（元）', d('interestSubsidy')],
        ['放款日期', d('grantedOn')], ['还款计划', (r) => (r.schedule ?? []).map((i) => `${i.dueOn} ${i.amount}元${i.paidOn ? `（${i.paidOn}已还）` : ''}`).join('；')],
        ['未还金额（元）', (r) => outstanding(r.schedule ?? [])]];
    case 'education_subsidy':
      return [...household, ['学生', d('memberName')], ['学校', d('school')], ['学段', (r) => label('studyLevel', r.details.level)],
        ['入学年份', d('enrolYear')], ['已发补助（元）', paid]];
    case 'relocation':
      return [...household, ['安置点', d('site')], ['安置方式', (r) => label('relocationMode', r.details.mode)], ['搬迁日期', d('relocatedOn')],
        ['劳动力人数', d('labourCount')], ['已就业劳动力', (r) => employedLabour(r.entries)],
        ['后续回访次数', (r) => r.entries.filter((e) => e.kind === 'visit').length]];
    case 'consumption':
      return [...household, ['采购单位', d('buyerUnit')], ['产品', (r) => label('assistanceProduct', r.details.product)],
        ['数量', d('quantity')], ['单位', d('unit')], ['金额（元）', d('amount')], ['采购日期', d('purchasedOn')]];
    case 'collective_economy':
      return [['村', (r) => r.villageCode], ['年度', d('year')], ['收入来源', (r) => label('collectiveIncomeSource', r.details.source)],
        ['金额（元）', d('amount')], ['已分配到户（元）', paid], ['分配户数', (r) => new Set(r.entries.map((e) => e.householdId)).size], ['备注', d('note')]];
  }
}
