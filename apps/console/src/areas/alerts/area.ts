import { Warning } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 风险预警: the inbox of alerts in the user's scope, each alert's page, acknowledge and resolve. */
export const area: AreaDefinition = {
  key: 'alerts',
  title: '风险预警',
  icon: Warning,
  order: 40,
  routes: [
    {
      path: 'alerts',
      name: 'alerts',
      component: () => import('./AlertsPage.vue'),
      meta: { title: '预警处置', permission: 'readAlerts' },
    },
    {
      path: 'alerts/:id',
      name: 'alert',
      component: () => import('./AlertPage.vue'),
      meta: { title: '预警详情', permission: 'readAlerts', menu: false, crawl: false },
    },
  ],
};
