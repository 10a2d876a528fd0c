/** 风险预警 and 消息推送: alerts, rules, deliveries. */
export const alertLabels = {
  severity: { high: '高', medium: '中', low: '低' },
  alertStatus: { open: '未处理', acknowledged: '已确认', resolved: '已办结' },
  alertResolution: { auto: '自动解除', manual: '人工办结' },
  subjectType: { household: '农户', 'team-member': '驻村队员' },
  deliveryStatus: {
    delivered: '已送达',
    failed: '失败',
    pending: '待发送',
    retrying: '重试中',
    digested: '已合并',
  },
} as const;
