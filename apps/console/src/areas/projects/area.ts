import { Goods } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 产业项目: industry assistance projects, their milestones, beneficiaries, output, sales and payouts. */
export const area: AreaDefinition = {
  key: 'projects',
  title: '产业项目',
  icon: Goods,
  order: 50,
  routes: [
    {
      path: 'projects',
      name: 'projects',
      component: () => import('./ProjectsPage.vue'),
      meta: { title: '项目列表', permission: 'readProjects' },
    },
    {
      path: 'projects/progress',
      name: 'projects-progress',
      component: () => import('./ProgressPage.vue'),
      meta: { title: '项目进度', permission: 'readProjects' },
    },
    {
      path: 'projects/:id',
      name: 'project',
      component: () => import('./ProjectPage.vue'),
      meta: { title: '项目详情', permission: 'readProjects', menu: false, crawl: false },
    },
  ],
};
