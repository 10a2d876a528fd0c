import { Permissions } from '@lib/auth';

/**
 * Who may call the supervision API (the service identity always may): the platform's role table
 * (libs/auth Permissions), which the console reads too. The caller's scope is the units where they
 * hold one of these roles: records outside it are invisible (404).
 */
export const SupervisionRoles = {
  read: Permissions.readSupervision,
  manageTeams: Permissions.manageTeams,
  /** 工作日历 of a county: its admin. */
  manageCalendar: Permissions.manageCalendar,
  inspect: Permissions.inspectTeams,
  writeWorkLogs: Permissions.writeWorkLogs,
};
