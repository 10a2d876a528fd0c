/** 驻村帮扶管理: teams, attendance, leave, inspections, funds. */
export const supervisionLabels = {
  teamMemberRole: { first_secretary: '第一书记', member: '队员' },
  attendancePattern: {
    morning_evening_only: '早晚打卡、白天不见人',
    commuting: '走读',
    missing_day: '缺勤',
    shared_device: '代打卡（共用设备）',
  },
  leaveKind: { leave: '请假', official_business: '公出' },
  decision: { approved: '已批准', rejected: '已驳回', pending: '待审批' },
  followUpStatus: { open: '待整改', rectifying: '整改中', closed: '已销号' },
  /** 经费台账 的支出类别 */
  fundCategory: {
    transport: '交通差旅',
    office: '办公用品',
    living_allowance: '生活补助',
    project_support: '项目扶持',
    other: '其他',
  },
  /** How a check-in reached the platform (打卡接收方式). */
  checkInChannel: { dingtalk: '钉钉', 'signed-api': '签名接口', kafka: '消息队列' },
  /** Why a check-in was kept aside (未匹配原因). */
  unmatchedReason: {
    unknown_user: '钉钉用户未对应队员',
    unknown_member: '队员编号不存在',
    outside_unit: '队员不在推送方所属单位',
  },
} as const;
