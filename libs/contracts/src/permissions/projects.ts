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
} satisfies Record<string, Role[]>;
