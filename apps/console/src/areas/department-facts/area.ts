import { Connection } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 部门数据: facts other departments send (医保, 教育, 民政 …), matched to households or not yet. */
export const area: AreaDefinition = {
  key: 'department-facts',
  title: '部门数据',
  icon: Connection,
  order: 60,
  routes: [
    {
      path: 'department-facts',
      name: 'department-facts',
      component: () => import('./DepartmentFactsPage.vue'),
      meta: { title: '部门数据', permission: 'readDepartmentFacts' },
    },
  ],
};
