import { EditPen } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 走访: the monthly household survey (录入, 记录, 更正) and its coverage. */
export const area: AreaDefinition = {
  key: 'surveys',
  title: '走访',
  icon: EditPen,
  order: 20,
  routes: [
    {
      path: 'surveys/new',
      name: 'survey-new',
      component: () => import('./SurveyNewPage.vue'),
      meta: { title: '录入走访', permission: 'writeSurveys' },
    },
    {
      path: 'surveys',
      name: 'surveys',
      component: () => import('./SurveysPage.vue'),
      meta: { title: '走访记录', permission: 'readSurveys' },
    },
    {
      path: 'surveys/:id',
      name: 'survey',
      component: () => import('./SurveyPage.vue'),
      meta: { title: '走访详情', permission: 'readSurveys', menu: false, crawl: false },
    },
    {
      path: 'coverage',
      name: 'coverage',
      component: () => import('./CoveragePage.vue'),
      meta: { title: '走访覆盖', permission: 'readCoverage' },
    },
  ],
};
