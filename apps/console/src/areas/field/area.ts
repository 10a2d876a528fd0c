import { Iphone } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 外业: the monthly visits on a phone, with no network (downloaded, queued, synced). */
export const area: AreaDefinition = {
  key: 'field',
  title: '离线走访',
  icon: Iphone,
  order: 21,
  routes: [
    {
      path: 'field',
      name: 'field',
      component: () => import('./FieldPage.vue'),
      meta: { title: '离线走访', permission: 'writeSurveys' },
    },
    {
      path: 'field/survey/:householdId',
      name: 'field-survey',
      component: () => import('./FieldSurveyPage.vue'),
      meta: { title: '离线录入走访', permission: 'writeSurveys', menu: false, crawl: false },
    },
    {
      path: 'field/worklog',
      name: 'field-worklog',
      component: () => import('./FieldWorkLogPage.vue'),
      meta: { title: '离线写工作日志', permission: 'writeWorkLogs', menu: false },
    },
  ],
};
