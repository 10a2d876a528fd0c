import { EVERYONE, FIELD_STAFF, Role } from './roles';

/** Who may call the monitoring app (走访监测, 收入台账, 监测范围, 部门筛查预警). */
export const MonitoringPermissions = {
  readSurveys: EVERYONE,
  writeSurveys: [...FIELD_STAFF, 'integration-client'],
  /** A monitored household with its income (收入台账). */
  readMonitoredHouseholds: EVERYONE,
  /** 走访覆盖: who was visited this month, who is due or overdue. */
  readCoverage: EVERYONE,
  readThresholds: EVERYONE,
  /** 监测范围: a county's line, by that county's administrators (national and province lines: service identity only). */
  writeThresholds: ['county-admin'],
  /** 部门筛查预警: departments' systems and county staff push facts. */
  writeDepartmentFacts: ['county-admin', 'integration-client'],
  /** Department facts (health, disaster, schooling) and the unmatched ones to resolve. */
  readDepartmentFacts: ['county-admin', 'town-official', 'auditor'],
  /** 离线走访设置: how long a phone's offline copy may be used (read by everyone in the county). */
  readFieldSettings: EVERYONE,
  writeFieldSettings: ['county-admin'],
} satisfies Record<string, Role[]>;
