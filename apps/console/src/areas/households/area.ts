import { User } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 帮扶对象: the households ledger, each household's page, and 台账导入导出. */
export const area: AreaDefinition = {
  key: 'households',
  title: '帮扶对象',
  icon: User,
  order: 10,
  routes: [
    {
      path: 'households',
      name: 'households',
      component: () => import('./HouseholdsPage.vue'),
      meta: { title: '帮扶对象', permission: 'readHouseholds' },
    },
    {
      path: 'households/:id',
      name: 'household',
      component: () => import('./HouseholdPage.vue'),
      meta: { title: '户详情', permission: 'readHouseholds', menu: false, crawl: false },
    },
    {
      path: 'income-risk',
      name: 'income-risk',
      component: () => import('./AtRiskPage.vue'),
      meta: { title: '返贫风险户（收入趋势）', permission: 'readMonitoredHouseholds' },
    },
    {
      path: 'household-ledger',
      name: 'household-ledger',
      component: () => import('./LedgerPage.vue'),
      meta: { title: '台账导入导出', permission: 'readHouseholds' },
    },
  ],
};
