import { RuleBody } from './rule-language';

/**
 * The default catalogue (默认规则目录), from the domain notes. Seeded as version 1 of the platform
 * scope ('*') on first start; counties and towns override with their own versions (PUT /api/v1/rules).
 * Only rules whose facts reach rules through events today are here.
 */
export const DEFAULT_CATALOGUE: Record<string, RuleBody> = {
  'income-below-line': {
    name: '人均纯收入低于监测范围',
    description:
      '走访、更正或项目收益后，户人均纯收入低于当年（省/县）监测范围。回到监测范围以上时自动解除。',
    subjectType: 'household',
    on: ['income'],
    when: { fact: 'perCapitaNetIncome', op: '<', value: { fact: 'threshold' } },
    params: {},
    period: 'year',
    autoResolve: true,
    alert: {
      severity: 'high',
      title: '人均纯收入低于监测范围',
      message:
        '户 {{householdNumber}}：{{incomeMonth}} 人均纯收入 {{perCapitaNetIncome}} 元，低于监测范围 {{threshold}} 元（{{thresholdSource}}）。请帮扶责任人入户核实并落实帮扶措施。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-duty-officer'],
      escalateAfterMinutes: 24 * 60,
    },
  },
  'income-fell-sharply': {
    name: '收入大幅下降',
    description: '人均纯收入较上月下降超过 dropRatio（默认30%）。',
    subjectType: 'household',
    on: ['income'],
    when: {
      all: [
        { fact: 'monthOverMonthChange', op: '<', value: { param: 'negativeDropRatio' } },
        { fact: 'perCapitaNetIncome', op: '>=', value: 0 },
      ],
    },
    params: { negativeDropRatio: -0.3 },
    period: 'month',
    autoResolve: true,
    alert: {
      severity: 'medium',
      title: '收入大幅下降',
      message:
        '户 {{householdNumber}}：{{incomeMonth}} 人均纯收入 {{perCapitaNetIncome}} 元，较上月 {{previousPerCapitaNetIncome}} 元下降超过30%（环比 {{monthOverMonthChange}}）。请核实务工、产业等收入变化。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
      escalateAfterMinutes: 3 * 24 * 60,
    },
  },
  'survey-overdue': {
    name: '月度走访逾期',
    description: '监测对象当月 dueDay 日（默认20日）后仍无走访记录；走访录入后自动解除。',
    subjectType: 'household',
    on: ['daily', 'income'],
    when: {
      all: [
        { fact: 'monitoringCategory', op: 'exists' },
        { fact: 'dayOfMonth', op: '>', value: { param: 'dueDay' } },
        {
          any: [
            { fact: 'lastSurveyMonth', op: 'missing' },
            { fact: 'lastSurveyMonth', op: '!=', value: { fact: 'currentMonth' } },
          ],
        },
      ],
    },
    params: { dueDay: 20 },
    period: 'month',
    autoResolve: true,
    alert: {
      severity: 'low',
      title: '月度走访逾期',
      message:
        '户 {{householdNumber}}：{{currentMonth}} 已过 {{param.dueDay}} 日仍未走访（最近走访 {{lastSurveyMonth}}）。请帮扶责任人尽快入户。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
      escalateAfterMinutes: 3 * 24 * 60,
    },
  },
  'medical-out-of-pocket-year': {
    name: '年度医疗自付费用超预警线',
    description: '医保推送的年度自付费用：脱贫户 ≥ 5000 元，其他农户 ≥ 20000 元。',
    subjectType: 'household',
    on: ['department-fact'],
    when: {
      any: [
        {
          all: [
            { fact: 'householdType', op: '==', value: 'lifted_out_of_poverty' },
            { fact: 'medicalOutOfPocketYear', op: '>=', value: { param: 'liftedLimit' } },
          ],
        },
        {
          all: [
            { fact: 'householdType', op: '!=', value: 'lifted_out_of_poverty' },
            { fact: 'medicalOutOfPocketYear', op: '>=', value: { param: 'otherLimit' } },
          ],
        },
      ],
    },
    params: { liftedLimit: 5000, otherLimit: 20000 },
    period: 'year',
    autoResolve: false,
    alert: {
      severity: 'high',
      title: '医疗自付费用超预警线',
      message:
        '户 {{householdNumber}}：本年度医疗自付费用累计 {{medicalOutOfPocketYear}} 元，超过预警标准。请核实因病致贫返贫风险。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
      escalateAfterMinutes: 24 * 60,
    },
  },
  'medical-single-stay': {
    name: '单次住院自付费用超预警线',
    description: '单次住院自付：监测对象 > 6000 元，其他农户 > 10000 元。',
    subjectType: 'household',
    on: ['department-fact'],
    when: {
      any: [
        {
          all: [
            { fact: 'monitoringCategory', op: 'exists' },
            { fact: 'event.medicalStay', op: '>', value: { param: 'monitoredLimit' } },
          ],
        },
        {
          all: [
            { fact: 'monitoringCategory', op: 'missing' },
            { fact: 'event.medicalStay', op: '>', value: { param: 'otherLimit' } },
          ],
        },
      ],
    },
    params: { monitoredLimit: 6000, otherLimit: 10000 },
    period: 'day',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '单次住院自付费用超预警线',
      message:
        '户 {{householdNumber}}：{{event.occurredOn}} 单次住院自付 {{event.medicalStay}} 元，超过预警标准。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
    },
  },
  'schooling-cost-year': {
    name: '教育支出过高',
    description: '年度教育支出（扣除资助后） > 10000 元。',
    subjectType: 'household',
    on: ['department-fact'],
    when: { fact: 'schoolingCostYear', op: '>', value: { param: 'limit' } },
    params: { limit: 10000 },
    period: 'year',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '教育支出过高',
      message:
        '户 {{householdNumber}}：本年度教育支出 {{schoolingCostYear}} 元，超过 {{param.limit}} 元。请核实因学致贫风险及教育资助落实情况。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
    },
  },
  'disaster-report': {
    name: '灾情报告',
    description: '应急管理部门推送的灾情（因自然灾害）。',
    subjectType: 'household',
    on: ['department-fact'],
    when: { fact: 'event.kind', op: '==', value: 'disaster_report' },
    params: {},
    period: 'day',
    autoResolve: false,
    alert: {
      severity: 'high',
      title: '受灾预警',
      message:
        '户 {{householdNumber}}：{{event.occurredOn}} 报告灾情（{{event.subType}}）。请 24 小时内入户核实损失并启动救助。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
      escalateAfterMinutes: 12 * 60,
    },
  },
  'serious-illness': {
    name: '新增大病患者',
    description: '卫健或医保推送的新增大病患者。',
    subjectType: 'household',
    on: ['department-fact'],
    when: { fact: 'event.kind', op: '==', value: 'serious_illness_diagnosed' },
    params: {},
    period: 'day',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '新增大病患者',
      message:
        '户 {{householdNumber}}：{{event.occurredOn}} 有家庭成员新确诊大病。请落实健康帮扶并关注医疗支出。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
    },
  },
  'child-out-of-school': {
    name: '义务教育阶段辍学',
    description: '教育部门推送的辍学（两不愁三保障：义务教育有保障）。',
    subjectType: 'household',
    on: ['department-fact'],
    when: { fact: 'event.kind', op: '==', value: 'school_dropout' },
    params: {},
    period: 'month',
    autoResolve: false,
    alert: {
      severity: 'high',
      title: '义务教育保障风险：辍学',
      message: '户 {{householdNumber}}：{{event.occurredOn}} 有子女辍学。请落实控辍保学。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
    },
  },
  'attendance-morning-evening-only': {
    name: '早晚打卡、白天不见人',
    description: '近 30 天内 3 次及以上早晚打卡而白天无在岗记录。',
    subjectType: 'team-member',
    on: ['attendance-flag'],
    when: {
      countWithin: { occurrence: 'morning_evening_only', days: 30, op: '>=', value: { param: 'times' } },
    },
    params: { times: 3 },
    period: 'month',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '驻村考勤异常：早晚打卡、白天不见人',
      message: '工作队员近30天内多次早晚打卡而白天不在岗（最近一次 {{event.day}}）。请乡镇核查在岗情况。',
      recipientRoles: ['town-official', 'inspector'],
    },
  },
  'attendance-commuting': {
    name: '走读',
    description: '近 30 天内 3 次及以上走读（不在村住宿）。',
    subjectType: 'team-member',
    on: ['attendance-flag'],
    when: { countWithin: { occurrence: 'commuting', days: 30, op: '>=', value: { param: 'times' } } },
    params: { times: 3 },
    period: 'month',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '驻村考勤异常：走读',
      message: '工作队员近30天内多次走读（最近一次 {{event.day}}）。请乡镇核查驻村住宿情况。',
      recipientRoles: ['town-official', 'inspector'],
    },
  },
  'attendance-shared-device': {
    name: '代打卡',
    description: '同一设备当天为多名队员打卡。',
    subjectType: 'team-member',
    on: ['attendance-flag'],
    when: { fact: 'event.pattern', op: '==', value: 'shared_device' },
    params: {},
    period: 'day',
    autoResolve: false,
    alert: {
      severity: 'high',
      title: '驻村考勤异常：疑似代打卡',
      message: '{{event.day}}：{{event.detail}}',
      recipientRoles: ['town-official', 'inspector'],
    },
  },
};
