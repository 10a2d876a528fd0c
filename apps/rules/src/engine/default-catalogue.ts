import { ASSISTANCE_CATALOGUE } from './assistance-catalogue';
import { RuleBody } from './rule-language';

/**
 * The default catalogue (默认规则目录), from the domain notes. Seeded as version 1 of the platform
 * scope ('*') on first start; counties and towns override with their own versions (PUT /api/v1/rules).
 * Every rule's facts reach rules through events (see the README's table of consumed events).
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
    description: '人均纯收入较上月下降超过设定比例（默认30%）。',
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
  'income-forecast-below-line': {
    name: '收入趋势预警：预计3个月内低于监测范围',
    description:
      '按收入趋势预测（季节性朴素法加近期趋势），户人均纯收入目前仍在监测范围以上，但3个月内某月低于监测范围的可能性达到45%。预测回升或已低于监测范围（由“收入低于监测范围”接手）时自动解除。',
    subjectType: 'household',
    on: ['forecast'],
    when: {
      all: [
        { forecastBelowLine: { withinMonths: 3, chance: 45 } },
        { fact: 'perCapitaNetIncome', op: '>=', value: { fact: 'threshold' } },
      ],
    },
    params: {},
    period: 'year',
    autoResolve: true,
    alert: {
      severity: 'medium',
      title: '收入趋势预警',
      message:
        '户 {{householdNumber}}：人均纯收入 {{perCapitaNetIncome}} 元（{{incomeMonth}}），预计未来3个月 {{forecastOutlook}}，可能低于监测范围 {{threshold}} 元。主要原因：{{forecastReasons}}。预测不确定性约 ±{{forecastSigma}} 元/月。请帮扶责任人入户核实，提前落实帮扶措施。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
      escalateAfterMinutes: 3 * 24 * 60,
    },
  },
  'survey-overdue': {
    name: '月度走访逾期',
    description: '监测对象当月设定日（默认20日）后仍无走访记录；走访录入后自动解除。',
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
  /**
   * 医疗自付费用占农村居民人均可支配收入的比例 (甘肃省 2024 年农村居民人均可支配收入 13131 元): 50% 为
   * 关注、100% 为高风险. The limits are the figure's share in yuan; a county or the province sets the
   * year's figure by a new version of the rule (PUT /api/v1/rules) when the statistics bureau publishes it.
   */
  'medical-out-of-pocket-half-rural-income': {
    name: '医疗自付费用超农村居民人均可支配收入50%',
    description:
      '医保推送的本年度医疗自付费用累计超过全省农村居民人均可支配收入的 50%（默认 13131 元 × 50% = 6566 元），未超过 100%。',
    subjectType: 'household',
    on: ['department-fact'],
    when: {
      all: [
        { fact: 'medicalOutOfPocketYear', op: '>', value: { param: 'halfLimit' } },
        { fact: 'medicalOutOfPocketYear', op: '<=', value: { param: 'fullLimit' } },
      ],
    },
    params: { halfLimit: 6566, fullLimit: 13131 },
    period: 'year',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '医疗自付费用超农村居民人均可支配收入50%',
      message:
        '户 {{householdNumber}}：本年度医疗自付费用累计 {{medicalOutOfPocketYear}} 元，超过全省农村居民人均可支配收入的 50%（{{param.halfLimit}} 元）。请帮扶责任人入户核实因病返贫致贫风险，落实医疗救助。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
      escalateAfterMinutes: 3 * 24 * 60,
    },
  },
  'medical-out-of-pocket-full-rural-income': {
    name: '医疗自付费用超农村居民人均可支配收入',
    description:
      '医保推送的本年度医疗自付费用累计超过全省农村居民人均可支配收入（默认 13131 元）。',
    subjectType: 'household',
    on: ['department-fact'],
    when: { fact: 'medicalOutOfPocketYear', op: '>', value: { param: 'fullLimit' } },
    params: { fullLimit: 13131 },
    period: 'year',
    autoResolve: false,
    alert: {
      severity: 'high',
      title: '医疗自付费用超农村居民人均可支配收入',
      message:
        '户 {{householdNumber}}：本年度医疗自付费用累计 {{medicalOutOfPocketYear}} 元，超过全省农村居民人均可支配收入（{{param.fullLimit}} 元）。请 24 小时内入户核实，启动医疗救助和防返贫帮扶。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
      escalateAfterMinutes: 24 * 60,
    },
  },
  /**
   * 特困供养人员应无劳动能力: a member aged 18–60 whom the registry records in good health with labour
   * (普通劳动力/技能劳动力; events carry no health data, the labour skill is the registry's assessment of it)
   * and whom 民政 reports receiving 特困 support. A data check for the village to verify.
   */
  'extreme-poverty-support-able-member': {
    name: '特困供养人员为18-60岁有劳动能力成员',
    description:
      '民政推送某成员享受特困供养，而户籍登记中该成员 18–60 岁、身体健康有劳动能力（普通或技能劳动力）。请核实特困认定或成员信息。',
    subjectType: 'household',
    on: ['department-fact'],
    when: {
      all: [
        { fact: 'event.kind', op: '==', value: 'subsistence_allowance_changed' },
        { fact: 'event.supportType', op: '==', value: 'extreme_poverty' },
        { fact: 'event.memberAge', op: 'between', value: [{ param: 'minAge' }, { param: 'maxAge' }] },
        { fact: 'event.memberLabourSkill', op: 'in', value: ['ordinary', 'skilled'] },
      ],
    },
    params: { minAge: 18, maxAge: 60 },
    period: 'year',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '特困供养对象信息待核实',
      message:
        '户 {{householdNumber}}：民政推送 {{event.occurredOn}} 有成员享受特困供养，但该成员 {{event.memberAge}} 岁、登记为有劳动能力。请村两委核实特困认定或成员健康、劳动能力信息。',
      recipientRoles: ['village-cadre', 'town-official'],
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
  'guarantees-not-secured': {
    name: '两不愁三保障未保障',
    description:
      '月度走访发现不愁吃穿、义务教育、基本医疗、住房安全（C/D级）或饮水安全任一未保障。之后的走访全部保障时自动解除。',
    subjectType: 'household',
    on: ['survey'],
    when: {
      any: [
        { fact: 'foodAndClothingSecured', op: '==', value: false },
        { fact: 'compulsoryEducationSecured', op: '==', value: false },
        { fact: 'basicMedicalInsuranceSecured', op: '==', value: false },
        { fact: 'housingSafetyGrade', op: 'in', value: ['C', 'D'] },
        { fact: 'drinkingWaterSecured', op: '==', value: false },
      ],
    },
    params: {},
    period: 'year',
    autoResolve: true,
    alert: {
      severity: 'high',
      title: '两不愁三保障未保障',
      message:
        '户 {{householdNumber}}：{{surveyMonth}} 走访发现“两不愁三保障”及饮水安全未保障：{{unsecuredGuarantees}}。请帮扶责任人会同村组立即落实保障措施。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
      escalateAfterMinutes: 24 * 60,
    },
  },
  'elimination-too-early': {
    name: '风险消除过早',
    description:
      '标注风险消除时距识别纳入不足设定月数（默认6个月）（含当月或次月即消除）。风险消除原则上须收入持续稳定半年以上。',
    subjectType: 'household',
    on: ['lifecycle'],
    when: {
      all: [
        { fact: 'event.lifecycleTo', op: '==', value: 'risk_eliminated' },
        { fact: 'monthsMonitored', op: '<', value: { param: 'minMonths' } },
      ],
    },
    params: { minMonths: 6 },
    period: 'month',
    autoResolve: false,
    alert: {
      severity: 'high',
      title: '风险消除过早',
      message:
        '户 {{householdNumber}}：{{identifiedOn}} 识别纳入，{{eliminatedOn}} 即标注风险消除（{{eliminationMethod}}），仅监测 {{monthsMonitored}} 个月，不足 {{param.minMonths}} 个月。请核实消除依据，防止“数字消除”。',
      recipientRoles: ['town-official', 'county-admin', 'paired-cadre'],
      escalateAfterMinutes: 3 * 24 * 60,
    },
  },
  'elimination-income-below-line': {
    name: '收入低于监测范围即消除风险',
    description: '标注风险消除时，户人均纯收入仍低于当年监测范围。',
    subjectType: 'household',
    on: ['lifecycle'],
    when: {
      all: [
        { fact: 'event.lifecycleTo', op: '==', value: 'risk_eliminated' },
        { fact: 'perCapitaNetIncome', op: '<', value: { fact: 'threshold' } },
      ],
    },
    params: {},
    period: 'month',
    autoResolve: false,
    alert: {
      severity: 'high',
      title: '收入未达标即风险消除',
      message:
        '户 {{householdNumber}}：{{eliminatedOn}} 标注风险消除（{{eliminationMethod}}），但人均纯收入 {{perCapitaNetIncome}} 元（{{incomeMonth}}）仍低于监测范围 {{threshold}} 元。请核实收入并撤销或补充消除依据。',
      recipientRoles: ['town-official', 'county-admin', 'paired-cadre'],
      escalateAfterMinutes: 3 * 24 * 60,
    },
  },
  'illness-without-medical-spending': {
    name: '因病风险无医疗支出（数据质量）',
    description: '风险类型含“因病”，但本年度走访、台账及医保均未记录任何医疗支出。记录医疗支出后自动解除。',
    subjectType: 'household',
    on: ['survey', 'household', 'department-fact'],
    when: {
      all: [
        { fact: 'riskIllness', op: '==', value: true },
        { fact: 'medicalSpendingRecorded', op: '==', value: 0 },
      ],
    },
    params: {},
    period: 'year',
    autoResolve: true,
    alert: {
      severity: 'low',
      title: '数据质量：因病风险无医疗支出',
      message:
        '户 {{householdNumber}}：风险类型为{{riskTypes}}，但未记录任何医疗自付支出。请核实风险类型或补录医疗支出。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
    },
  },
  'lack-of-labour-with-able-members': {
    name: '缺劳动力但有劳动力成员（数据质量）',
    description:
      '风险类型含“缺劳动力”，但16-60岁普通或技能劳动力占家庭成员超过设定比例（默认四分之一）。修正后自动解除。',
    subjectType: 'household',
    on: ['survey', 'household'],
    when: {
      all: [
        { fact: 'riskLackOfLabour', op: '==', value: true },
        { fact: 'ableMemberShare', op: '>', value: { param: 'maxShare' } },
      ],
    },
    params: { maxShare: 0.25 },
    period: 'year',
    autoResolve: true,
    alert: {
      severity: 'low',
      title: '数据质量：缺劳动力但有劳动力成员',
      message:
        '户 {{householdNumber}}：风险类型为{{riskTypes}}，但 {{memberCount}} 名成员中有 {{ableMembers}} 名16-60岁有劳动能力。请核实风险类型或成员劳动技能。',
      recipientRoles: ['paired-cadre', 'village-cadre'],
    },
  },
  'plan-review-overdue': {
    name: '帮扶计划超半年未更新',
    description:
      '未消除风险的监测户，“一户一策”帮扶措施最近一次新增或完成（无则自纳入监测起）已超过设定天数（默认183天）。每日检查；措施更新后自动解除。',
    subjectType: 'household',
    on: ['daily', 'plan'],
    when: {
      all: [
        { fact: 'monitoringCategory', op: 'exists' },
        { fact: 'riskEliminated', op: '==', value: false },
        { fact: 'daysSincePlanReview', op: '>', value: { param: 'maxDays' } },
      ],
    },
    params: { maxDays: 183 },
    period: 'month',
    autoResolve: true,
    alert: {
      severity: 'medium',
      title: '帮扶计划超半年未更新',
      message:
        '监测户 {{householdNumber}}：“一户一策”已 {{daysSincePlanReview}} 天未更新（最近一次 {{lastPlanActivityOn}}，纳入监测 {{monitoredSince}}）。请帮扶责任人复核并调整帮扶措施。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
      escalateAfterMinutes: 7 * 24 * 60,
    },
  },
  'project-milestone-overdue': {
    name: '受益产业项目进度滞后',
    description: '户参与受益的产业项目里程碑逾期未完成（因产业项目失败返贫风险）。',
    subjectType: 'household',
    on: ['project'],
    when: { fact: 'event.projectRisk', op: '==', value: 'milestone_overdue' },
    params: {},
    period: 'month',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '受益产业项目进度滞后',
      message:
        '户 {{householdNumber}}：受益的产业项目「{{event.projectName}}」{{event.projectDetail}}。请关注项目进展对该户收入的影响。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
    },
  },
  'project-sales-stalled': {
    name: '受益产业项目产品滞销',
    description: '户参与受益的产业项目连续数月无销售（因产业项目失败返贫风险）。',
    subjectType: 'household',
    on: ['project'],
    when: { fact: 'event.projectRisk', op: '==', value: 'sales_stalled' },
    params: {},
    period: 'month',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '受益产业项目产品滞销',
      message:
        '户 {{householdNumber}}：受益的产业项目「{{event.projectName}}」{{event.projectDetail}}。请协调电商中心等销售渠道，关注该户收入。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
    },
  },
  'project-benefit-not-received': {
    name: '产业项目利益联结未兑现',
    description: '户作为产业项目受益户，本年度超过宽限期仍未获得任何收益。',
    subjectType: 'household',
    on: ['project'],
    when: { fact: 'event.projectRisk', op: '==', value: 'without_benefit' },
    params: {},
    period: 'year',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '产业项目利益联结未兑现',
      message:
        '户 {{householdNumber}}：产业项目「{{event.projectName}}」{{event.projectDetail}}。请督促项目主体兑现利益联结。',
      recipientRoles: ['paired-cadre', 'village-cadre', 'town-official'],
      escalateAfterMinutes: 7 * 24 * 60,
    },
  },
  'attendance-below-required-days': {
    name: '月在岗天数不足',
    description:
      '上月在岗天数（含公出）少于每月要求 requiredDays（默认20天，各县以本县规则版本覆盖）。每月 fromDay 日（默认2日）起的每日检查中判定，每月一条。',
    subjectType: 'team-member',
    on: ['daily'],
    when: {
      all: [
        // from the 2nd: the month's last computed days have arrived
        { fact: 'dayOfMonth', op: '>=', value: { param: 'fromDay' } },
        { fact: 'lastMonthOnPostDays', op: '<', value: { param: 'requiredDays' } },
      ],
    },
    params: { requiredDays: 20, fromDay: 2 },
    period: 'month',
    autoResolve: false,
    alert: {
      severity: 'medium',
      title: '驻村考勤：月在岗天数不足',
      message:
        '工作队员 {{lastMonth}} 在岗 {{lastMonthOnPostDays}} 天（请假 {{lastMonthLeaveDays}} 天），少于每月要求的 {{param.requiredDays}} 天。请乡镇核实驻村在岗情况。',
      recipientRoles: ['town-official', 'inspector', 'first-secretary'],
    },
  },
  ...ASSISTANCE_CATALOGUE,
};
