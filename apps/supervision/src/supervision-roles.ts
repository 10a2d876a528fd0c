import type { Role } from '@lib/auth';

/**
 * Who may call the supervision API (the service identity always may). Org-unit scope filtering of
 * these reads is not applied yet: any holder of one of these roles sees every town's teams.
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
  inspect: ['county-admin', 'town-official', 'inspector'],
  writeWorkLogs: ['county-admin', 'town-official', 'work-team-member', 'first-secretary'],
} satisfies Record<string, Role[]>;
