/** 产业帮扶: projects, benefits. */
export const projectLabels = {
  projectBenefitKind: { dividend: '分红', wage: '务工工资', land_lease: '土地流转', produce_purchase: '农产品收购' },
} as const;
