import type { FactInfo } from './facts';
import type { RuleBody } from './rule-language';

/** 帮扶台账 rules (issue 19), merged into the default catalogue: facts from subjects/domain/assistance-appliers.ts. */
export const ASSISTANCE_CATALOGUE: Record<string, RuleBody> = {
  'microcredit-overdue': {
    name: '小额信贷逾期',
    description: '户的扶贫小额信贷有到期未还的还款（每笔到期还款只提示一次）。',
    subjectType: 'household',
    on: ['assistance'],
    when: { fact: 'event.assistanceRisk', op: '==', value: 'microcredit_overdue' },
    params: {},
    period: 'day',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '小额信贷逾期',
      message:
        '户 {{householdNumber}}：{{event.assistanceDetail}}。请帮扶责任人入户了解还款困难，协调银行续贷或展期。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
      escalateAfterMinutes: 3 * 24 * 60,
    },
  },
  'relocated-without-employment': {
    name: '搬迁户无劳动力就业',
    description: '易地搬迁户有劳动力但无一人就业（搬迁后续扶持）；有劳动力就业后自动解除。',
    subjectType: 'household',
    on: ['assistance'],
    when: {
      all: [
        { fact: 'relocated', op: '==', value: true },
        { fact: 'relocationLabour', op: '>', value: 0 },
        { fact: 'relocationEmployedLabour', op: '==', value: 0 },
      ],
    },
    params: {},
    period: 'year',
    autoResolve: true,
    alert: {
      severity: 'medium',
      title: '搬迁户无劳动力就业',
      message:
        '户 {{householdNumber}}：搬迁至{{relocationSite}}，有劳动力 {{relocationLabour}} 人，无一人就业。请落实就业帮扶（公益岗位、就业车间、劳务输出）。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
      escalateAfterMinutes: 7 * 24 * 60,
    },
  },
};

/** The facts the assistance events set (subjects/domain/assistance-appliers.ts), merged into HOUSEHOLD_FACTS. */
export const ASSISTANCE_FACTS: Record<string, FactInfo> = {
  'event.assistanceRisk': { type: 'string', label: '帮扶台账风险类型' },
  'event.assistanceDetail': { type: 'string', label: '帮扶台账风险说明' },
  relocated: { type: 'boolean', label: '易地搬迁户' },
  relocationSite: { type: 'string', label: '安置点' },
  relocationLabour: { type: 'number', label: '搬迁户劳动力人数' },
  relocationEmployedLabour: { type: 'number', label: '搬迁户已就业劳动力人数' },
};
