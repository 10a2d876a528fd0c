/** 帮扶台账 (assistance ledgers): ledgers, their enums. */
export const assistanceLabels = {
  assistanceLedger: {
    public_welfare_job: '公益岗位',
    microcredit: '小额信贷',
    education_subsidy: '雨露计划',
    relocation: '易地搬迁后续扶持',
    consumption: '消费帮扶',
    collective_economy: '村集体经济',
  },
  studyLevel: {
    secondary_vocational: '中职（中技）',
    higher_vocational: '高职（大专）',
    technician: '技师学院',
    undergraduate: '本科',
  },
  relocationMode: { centralized: '集中安置', scattered: '分散安置' },
  assistanceProduct: {
    cold_water_fish: '冷水鱼',
    honey: '土蜂蜜',
    morel: '羊肚菌',
    stropharia: '赤松茸',
    free_range_chicken: '土鸡',
    other: '其他',
  },
  collectiveIncomeSource: {
    asset_lease: '资产租赁',
    industry_dividend: '产业分红',
    service: '服务收入',
    resource_contract: '资源发包',
    other: '其他',
  },
  installmentStatus: { pending: '未到期', paid: '已还款', overdue: '已逾期' },
} as const;
