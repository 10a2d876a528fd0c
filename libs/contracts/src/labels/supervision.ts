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
} as const;
