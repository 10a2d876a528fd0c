/** 产业帮扶: projects, benefits. */
export const projectLabels = {
  projectBenefitKind: {
    dividend: '分红',
    wage: '务工工资',
    land_lease: '土地流转',
    produce_purchase: '农产品收购',
  },
  projectType: {
    aquaculture: '水产养殖',
    poultry: '家禽养殖',
    edible_fungi: '食用菌',
    herbs: '中药材',
    orchard: '经济林果',
    bees: '中蜂养殖',
    ecommerce_sales: '电商销售',
    other: '其他',
  },
  projectStatus: { planning: '筹备中', active: '实施中', completed: '已完成', suspended: '已暂停' },
  /** 项目主体 */
  projectOwnerKind: { cooperative: '合作社', village_collective: '村集体经济', enterprise: '企业' },
  /** 资金来源 */
  fundSourceKind: {
    central_linkage_fund: '中央衔接资金',
    provincial_fund: '省级资金',
    county_fund: '县级资金',
    pairing_unit: '帮扶单位 / 东西部协作',
    village_collective: '村集体',
    cooperative: '合作社',
    enterprise: '企业',
    bank_loan: '银行贷款',
    self_raised: '农户自筹',
    other: '其他',
  },
  milestoneStatus: { planned: '未到期', done: '已完成', overdue: '已逾期' },
  /** 产出类别 */
  outputKind: { stocking: '投放', harvest: '出栏 / 采收', production: '产量' },
  salesChannel: {
    ecommerce_centre_wechat: '镇电商中心微信群',
    market: '集市',
    enterprise: '企业收购',
    other: '其他',
  },
  /** 项目进度检查发现的问题 */
  progressFindingKind: {
    overdue_milestone: '里程碑逾期',
    stalled_sales: '长期无销售',
    without_benefit: '受益户本年未受益',
  },
} as const;
