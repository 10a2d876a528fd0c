import { Role } from './roles';

/** Who may call the supervision app (驻村管理): teams, attendance, leave, work logs, inspections, funds. */
export const SupervisionPermissions = {
  /** Not paired cadres. */
  readSupervision: [
    'county-admin',
    'town-official',
    'village-cadre',
    'work-team-member',
    'first-secretary',
    'inspector',
    'auditor',
  ],
  /** Teams and members, leave and fund decisions, recomputing attendance: the town and the county. */
  manageTeams: ['county-admin', 'town-official'],
  /** 工作日历 of a county: its admin. */
  manageCalendar: ['county-admin'],
  /** 督查 and 整改: the county, the town, the discipline office. */
  inspectTeams: ['county-admin', 'town-official', 'inspector'],
  /** 驻村工作日志, leave requests and fund ledger entries: the team and its managers. */
  writeWorkLogs: ['county-admin', 'town-official', 'work-team-member', 'first-secretary'],
} satisfies Record<string, Role[]>;
