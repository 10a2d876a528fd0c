import { MapLocation } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 一张图: villages coloured by open alerts, households where visited, work-team geofences, a day's check-ins. */
export const area: AreaDefinition = {
  key: 'map',
  title: '一张图',
  icon: MapLocation,
  order: 15,
  routes: [
    {
      path: 'map',
      name: 'map',
      component: () => import('./MapPage.vue'),
      meta: { title: '一张图', permission: 'readHouseholds' },
    },
  ],
};
