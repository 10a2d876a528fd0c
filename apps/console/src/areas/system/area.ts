import { Setting } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 系统管理: users and their roles, integration clients (API keys), the audit log. */
export const area: AreaDefinition = {
  key: 'system',
  title: '系统管理',
  icon: Setting,
  order: 90,
  routes: [
    {
      path: 'system/users',
      name: 'system-users',
      component: () => import('./UsersPage.vue'),
      meta: { title: '用户与角色', permission: 'adminUsers' },
    },
    {
      path: 'system/integration-clients',
      name: 'system-integration-clients',
      component: () => import('./IntegrationClientsPage.vue'),
      meta: { title: '外部系统接入', permission: 'adminUsers' },
    },
    {
      path: 'system/audit',
      name: 'system-audit',
      component: () => import('./AuditLogPage.vue'),
      meta: { title: '审计日志', permission: 'readAudit' },
    },
  ],
};
