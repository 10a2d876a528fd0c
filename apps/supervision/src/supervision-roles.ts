import type { Role } from '@lib/auth';

/**
 * Who may call the supervision API (the service identity always may). The caller's scope is the
 * units where they hold one of these roles: records outside it are invisible (404).
 */
export const SupervisionRoles = {
  read: [
    'county-admin',
    'town-official',
    'village-cadre',
    'work-team-member',
    'first-secretary',
    'inspector',
    'auditor',
  ],
  manageTeams: ['county-admin', 'town-official'],
  /** 工作日历 of a county: its admin. */
  manageCalendar: ['county-admin'],
  inspect: ['county-admin', 'town-official', 'inspector'],
  writeWorkLogs: ['county-admin', 'town-official', 'work-team-member', 'first-secretary'],
} satisfies Record<string, Role[]>;
