import { SetUp } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 预警规则: the catalogue, a rule's versions and editor with its dry run, and the county's 监测范围. */
export const area: AreaDefinition = {
  key: 'rules',
  title: '预警规则',
  icon: SetUp,
  order: 41,
  routes: [
    {
      path: 'rules',
      name: 'rules',
      component: () => import('./RulesPage.vue'),
      meta: { title: '规则目录', permission: 'readRules' },
    },
    {
      path: 'rules/thresholds',
      name: 'thresholds',
      component: () => import('./ThresholdsPage.vue'),
      meta: { title: '监测范围', permission: 'readThresholds' },
    },
    {
      path: 'rules/new',
      name: 'rule-new',
      component: () => import('./RulePage.vue'),
      meta: { title: '新建规则', permission: 'writeRules', menu: false },
    },
    {
      path: 'rules/:ruleId',
      name: 'rule',
      component: () => import('./RulePage.vue'),
      meta: { title: '规则详情', permission: 'readRules', menu: false, crawl: false },
    },
  ],
};
