/**
 * Who may do what: one table per app, beside its contract (the app guards its handlers with its own
 * table: `@Roles(...HouseholdsPermissions.writeHouseholds)`), and their union, which the console reads
 * to show only what a user may do. `service` may do everything and is added by the guard (libs/auth).
 * A role missing here gets 403 for the action even inside its scope; outside its scope every record
 * is invisible (404), whatever the role.
 */
import { GatewayPermissions } from './gateway';
import { HouseholdsPermissions } from './households';
import { MonitoringPermissions } from './monitoring';
import { NotifierPermissions } from './notifier';
import { ProjectsPermissions } from './projects';
import { RequestsPermissions } from './requests';
import { RulesPermissions } from './rules';
import { SupervisionPermissions } from './supervision';

export * from './roles';
export {
  GatewayPermissions,
  HouseholdsPermissions,
  MonitoringPermissions,
  NotifierPermissions,
  ProjectsPermissions,
  RequestsPermissions,
  RulesPermissions,
  SupervisionPermissions,
};

/** Each app's table, by app: a permission's name is unique across the platform (permissions.spec.ts). */
export const PermissionsByApp = {
  households: HouseholdsPermissions,
  monitoring: MonitoringPermissions,
  projects: ProjectsPermissions,
  requests: RequestsPermissions,
  supervision: SupervisionPermissions,
  rules: RulesPermissions,
  notifier: NotifierPermissions,
  gateway: GatewayPermissions,
};

export const Permissions = {
  ...HouseholdsPermissions,
  ...MonitoringPermissions,
  ...ProjectsPermissions,
  ...RequestsPermissions,
  ...SupervisionPermissions,
  ...RulesPermissions,
  ...NotifierPermissions,
  ...GatewayPermissions,
};
export type Permission = keyof typeof Permissions;
