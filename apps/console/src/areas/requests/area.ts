import { ChatLineSquare } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 民事直说 / 民事领办代办: residents' requests — the cadres' inbox, a request's page, the statistics. */
export const area: AreaDefinition = {
  key: 'requests',
  title: '群众诉求',
  icon: ChatLineSquare,
  order: 55,
  routes: [
    {
      path: 'resident-requests',
      name: 'resident-requests',
      component: () => import('./RequestsPage.vue'),
      meta: { title: '诉求办理', permission: 'readResidentRequests' },
    },
    {
      path: 'resident-requests/statistics',
      name: 'resident-request-statistics',
      component: () => import('./StatisticsPage.vue'),
      meta: { title: '诉求统计', permission: 'readResidentRequests' },
    },
    {
      path: 'resident-requests/:id',
      name: 'resident-request',
      component: () => import('./RequestPage.vue'),
      meta: { title: '诉求详情', permission: 'readResidentRequests', menu: false, crawl: false },
    },
  ],
};
