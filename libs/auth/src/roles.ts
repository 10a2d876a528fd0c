import { z } from 'zod';

/** Roles seen in the field (see ../shared/design/domain.md), plus the identity services use. */
export const Role = z.enum([
  'county-admin', // 县级管理员
  'town-official', // 乡镇干部
  'village-cadre', // 村"两委"干部
  'work-team-member', // 驻村工作队员
  'first-secretary', // 第一书记
  'paired-cadre', // 帮扶责任人
  'inspector', // 督查 / 镇纪委
  'auditor', // 只读审计
  'integration-client', // 推送数据的外部系统
  'service', // service-to-service identity (scope: everything)
]);
export type Role = z.infer<typeof Role>;

/** A human role's unit is a county (6 digits), town (9) or village (12) code; a service's unit is "*". */
export const OrgUnit = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, '须为 6、9 或 12 位单位代码');

export const RoleGrant = z.object({ role: Role, unit: z.union([OrgUnit, z.literal('*')]) }).strict();
export type RoleGrant = z.infer<typeof RoleGrant>;

export type PrincipalKind = 'user' | 'service' | 'integration';

/** Who is calling: from a verified access token. */
export interface Principal {
  sub: string;
  kind: PrincipalKind;
  name: string;
  grants: RoleGrant[];
  jti?: string;
  /** When the access token was issued (ms; JWT `iat_ms`, else `iat`): a user's tokens are revocable up to a moment. */
  issuedAtMs?: number;
}

/** People who work the households: they record visits and surveys. */
const fieldStaff: Role[] = [
  'county-admin',
  'town-official',
  'village-cadre',
  'work-team-member',
  'first-secretary',
  'paired-cadre',
];
const everyone: Role[] = [...fieldStaff, 'inspector', 'auditor'];

/**
 * Who may do what, per kind of record. `service` may do everything and is added by the guard.
 * A role missing here gets 403 for the action even inside its scope; outside its scope every
 * record is invisible (404), whatever the role.
 */
export const Permissions = {
  readHouseholds: everyone,
  writeHouseholds: ['county-admin', 'town-official', 'village-cadre'],
  /** 一户一策 measures, care pairings and visits, relocation records: the people who do the work. */
  writeAssistance: fieldStaff,
  /** Clear ID numbers and phones (audited); everyone else sees them masked. */
  readPersonalData: ['county-admin', 'town-official', 'village-cadre'],
  readSurveys: everyone,
  writeSurveys: [...fieldStaff, 'integration-client'],
  readAlerts: everyone,
  writeAlerts: ['county-admin', 'town-official', 'village-cadre', 'work-team-member', 'first-secretary'],
  readDeliveries: ['county-admin', 'town-official', 'inspector', 'auditor'],
  /** 推送渠道 (robots, SMS, email, webhooks per org unit): the county's and towns' administrators. */
  manageChannels: ['county-admin', 'town-official'],
  /** People's contacts for alerts (帮扶责任人 mobile/email, notifier): the administrators of their unit. */
  manageContacts: ['county-admin', 'town-official', 'village-cadre'],
  readThresholds: everyone,
  /** Rules (预警规则): read by everyone; versions written by county admins for their county and towns. */
  readRules: everyone,
  writeRules: ['county-admin'],
  /** 审计日志 (console.md): the county administrators, inspectors (督查) and auditors of their scope. */
  readAudit: ['county-admin', 'inspector', 'auditor'],
  adminUsers: ['county-admin'],
  /** 产业帮扶 industry projects: read by everyone in scope; projects, beneficiaries, output and sales kept by town and village staff. */
  readProjects: everyone,
  writeProjects: ['county-admin', 'town-official', 'village-cadre', 'first-secretary'],
  /** Dividends and wages paid to households (money: town and county, and the village 两委 that pays). */
  payDistributions: ['county-admin', 'town-official', 'village-cadre'],
  /** Run the progress check (overdue milestones, stalled sales, beneficiaries without benefit) now. */
  runProjectChecks: ['county-admin', 'town-official'],
  /** 驻村管理 (supervision): teams, attendance, leave, work logs, inspections, funds; not paired cadres. */
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
  /** 走访覆盖: who was visited this month, who is due or overdue (monitoring). */
  readCoverage: everyone,
  /** 监测范围: a county's line, by that county's administrators (national and province lines: service identity only). */
  writeThresholds: ['county-admin'],
  /** 部门筛查预警: departments' systems and county staff push facts. */
  writeDepartmentFacts: ['county-admin', 'integration-client'],
  /** Department facts (health, disaster, schooling) and the unmatched ones to resolve. */
  readDepartmentFacts: ['county-admin', 'town-official', 'auditor'],
  /**
   * 监测对象识别与消除, one permission per step, owned by the level that decides it in the national
   * procedure (a level below never records a decision of a level above, nor a level above the town's own
   * review: 乡镇审核 and 县级审定 are two separate checks). The households API and the console read these.
   */
  /** 申请受理 / 识别纳入: the village (两委) and its work team record the application or screening. */
  lifecycleIdentify: ['village-cadre', 'work-team-member', 'first-secretary'],
  /** 民主评议 (approve or reject): the village. */
  lifecycleVillageReview: ['village-cadre', 'first-secretary'],
  /** 村内公示 (starts the ≥5-day notice): the village. */
  lifecyclePublicNotice: ['village-cadre', 'first-secretary'],
  /** 乡镇审核 (approve or return with reasons): the town. */
  lifecycleTownReview: ['town-official'],
  /** 县级审定 (approve or refuse with reasons): the county. */
  lifecycleCountyApprove: ['county-admin'],
  /** 落实帮扶: the village and its work team start the approved measures. */
  lifecycleStartAssistance: ['village-cadre', 'work-team-member', 'first-secretary'],
  /** 风险消除确认 (approve or refuse, on the household's recorded facts): the county. */
  lifecycleEliminateRisk: ['county-admin'],
} satisfies Record<string, Role[]>;
export type Permission = keyof typeof Permissions;
