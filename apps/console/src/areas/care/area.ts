import { Sunny } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 关爱服务: the villages' care roster (留守老人/儿童/妇女, 特困, 残疾, 空巢/独居老人), due and overdue visits. */
export const area: AreaDefinition = {
  key: 'care',
  title: '关爱服务',
  icon: Sunny,
  order: 15,
  routes: [
    {
      path: 'care-roster',
      name: 'care-roster',
      component: () => import('./CareRosterPage.vue'),
      meta: { title: '关爱服务名册', permission: 'readCareRoster' },
    },
  ],
};
