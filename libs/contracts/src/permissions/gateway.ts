import { Role } from './roles';

/** Who may call the gateway's own API (users, integration keys, audit log). */
export const GatewayPermissions = {
  /** Users and their roles, integration clients' keys. */
  adminUsers: ['county-admin'],
  /** 审计日志: the county administrators, inspectors (督查) and auditors of their scope. */
  readAudit: ['county-admin', 'inspector', 'auditor'],
} satisfies Record<string, Role[]>;
