/** 系统管理: roles, sessions. */
export const identityLabels = {
  role: {
    'county-admin': '县级管理员',
    'town-official': '乡镇干部',
    'village-cadre': '村干部',
    'work-team-member': '驻村队员',
    'first-secretary': '第一书记',
    'paired-cadre': '帮扶责任人',
    inspector: '督查人员',
    auditor: '审计人员',
    'integration-client': '外部系统',
    service: '系统服务',
  },
  principalKind: { user: '用户', service: '服务', integration: '外部系统' },
  revocationReason: { logout: '退出登录', 'user-disabled': '账号停用', 'roles-changed': '角色变更' },
  httpMethod: { GET: '查询', POST: '新增', PUT: '修改', PATCH: '变更', DELETE: '删除' },
} as const;
