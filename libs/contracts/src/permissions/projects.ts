import { EVERYONE, Role } from './roles';

/** Who may call the projects app (产业帮扶). */
export const ProjectsPermissions = {
  /** Industry projects: read by everyone in scope; projects, beneficiaries, output and sales kept by town and village staff. */
  readProjects: EVERYONE,
  writeProjects: ['county-admin', 'town-official', 'village-cadre', 'first-secretary'],
  /** Dividends and wages paid to households (money: town and county, and the village 两委 that pays). */
  payDistributions: ['county-admin', 'town-official', 'village-cadre'],
  /** Run the progress check (overdue milestones, stalled sales, beneficiaries without benefit) now. */
  runProjectChecks: ['county-admin', 'town-official'],
  /** 帮扶台账 (公益岗位, 小额信贷, 雨露计划, 搬迁后续扶持, 消费帮扶, 村集体经济): read by everyone in scope (帮扶责任人: their households). */
  readLedgers: EVERYONE,
  /** Record ledger entries, wages, subsidies, purchases, repayments, visits: town and village staff. */
  writeLedgers: ['county-admin', 'town-official', 'village-cadre', 'first-secretary', 'work-team-member'],
} satisfies Record<string, Role[]>;
