/** 民事直说 / 民事领办代办: residents' requests. */
export const requestLabels = {
  residentRequestCategory: {
    policy_consultation: '政策咨询',
    document_service: '证件代办',
    dispute: '矛盾纠纷',
    infrastructure: '基础设施',
    employment: '就业',
    medical: '医疗',
    other: '其他',
  },
  residentRequestStatus: {
    accepted: '受理',
    in_progress: '办理中',
    concluded: '办结',
    visited: '回访',
  },
  residentRequestRating: {
    satisfied: '满意',
    basically_satisfied: '基本满意',
    dissatisfied: '不满意',
  },
  residentRequestChannel: { cadre: '干部代为登记', public_form: '群众自助提交' },
  residentRequestDeadlineStage: { approaching: '即将超期', overdue: '已超期' },
} as const;
