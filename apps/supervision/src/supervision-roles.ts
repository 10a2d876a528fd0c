import { SupervisionPermissions } from '@lib/contracts';

/**
 * Who may call the supervision API (the service identity always may): the app's own table in
 * libs/contracts/src/permissions/supervision.ts, which the console reads too. The caller's scope is the
 * units where they hold one of these roles: records outside it are invisible (404).
 */
export const SupervisionRoles = {
  read: SupervisionPermissions.readSupervision,
  manageTeams: SupervisionPermissions.manageTeams,
  /** 工作日历 of a county: its admin. */
  manageCalendar: SupervisionPermissions.manageCalendar,
  inspect: SupervisionPermissions.inspectTeams,
  writeWorkLogs: SupervisionPermissions.writeWorkLogs,
};
