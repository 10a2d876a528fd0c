import { EVERYONE, Role } from './roles';

/** Who may call the rules app (风险预警, 预警规则). */
export const RulesPermissions = {
  readAlerts: EVERYONE,
  writeAlerts: ['county-admin', 'town-official', 'village-cadre', 'work-team-member', 'first-secretary'],
  /** Rules (预警规则) and the lines they evaluate with: read by everyone. */
  readRules: EVERYONE,
  /** Rule versions, for a county and its towns, and running the schedule: county admins. */
  writeRules: ['county-admin'],
} satisfies Record<string, Role[]>;
