import { DataAnalysis } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 总览: the user's scope at a glance. */
export const area: AreaDefinition = {
  key: 'overview',
  title: '总览',
  icon: DataAnalysis,
  order: 0,
  routes: [
    {
      path: 'overview',
      name: 'overview',
      component: () => import('./OverviewPage.vue'),
      meta: { title: '总览', permission: 'readAlerts' },
    },
  ],
};
