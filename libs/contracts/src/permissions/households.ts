import { EVERYONE, FIELD_STAFF, Role } from './roles';

/** Who may call the households app (帮扶对象台账, 组织机构, 监测对象识别与消除). */
export const HouseholdsPermissions = {
  readHouseholds: EVERYONE,
  writeHouseholds: ['county-admin', 'town-official', 'village-cadre'],
  /** 一户一策 measures, care pairings and visits, relocation records: the people who do the work. */
  writeAssistance: FIELD_STAFF,
  /** Clear ID numbers and phones (audited); everyone else sees them masked. */
  readPersonalData: ['county-admin', 'town-official', 'village-cadre'],
  /** 组织机构: a county's administrators register its towns, villages and groups. */
  registerOrgUnits: ['county-admin'],
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
  /**
   * 注销 (死亡, 迁出, 合户, 自然消亡): the national system takes it from the town's review up (the village reports
   * the change, the town checks and records it); a village cadre cannot close a household.
   */
  closeHousehold: ['county-admin', 'town-official'],
  /** 关爱服务名册 read: the people who care for them (a paired cadre: the people paired with them). */
  readCareRoster: FIELD_STAFF,
  /** 关爱服务名册: who is on the village's care roster, in which group, with which carer. */
  manageCareRoster: ['county-admin', 'town-official', 'village-cadre', 'first-secretary'],
  /** 关爱走访频次: the county sets how often each group is visited. */
  setCareFrequencies: ['county-admin'],
} satisfies Record<string, Role[]>;
