import { Flag } from '@element-plus/icons-vue';
import type { AreaDefinition } from '@/router/area';

/** 驻村管理: work teams, their attendance, leave, logs, inspections, funds and the working calendar. */
export const area: AreaDefinition = {
  key: 'supervision',
  title: '驻村管理',
  icon: Flag,
  order: 60,
  routes: [
    {
      path: 'supervision/teams',
      name: 'supervision-teams',
      component: () => import('./TeamsPage.vue'),
      meta: { title: '工作队', permission: 'readSupervision' },
    },
    {
      path: 'supervision/teams/:id',
      name: 'supervision-team',
      component: () => import('./TeamPage.vue'),
      meta: { title: '工作队详情', permission: 'readSupervision', menu: false, crawl: false },
    },
    {
      path: 'supervision/attendance',
      name: 'supervision-attendance',
      component: () => import('./AttendanceReportPage.vue'),
      meta: { title: '考勤月报', permission: 'readSupervision' },
    },
    {
      path: 'supervision/leaves',
      name: 'supervision-leaves',
      component: () => import('./LeavesPage.vue'),
      meta: { title: '请假与公出', permission: 'readSupervision' },
    },
    {
      path: 'supervision/worklogs',
      name: 'supervision-worklogs',
      component: () => import('./WorkLogsPage.vue'),
      meta: { title: '工作日志', permission: 'readSupervision' },
    },
    {
      path: 'supervision/inspections',
      name: 'supervision-inspections',
      component: () => import('./InspectionsPage.vue'),
      meta: { title: '督查整改', permission: 'readSupervision' },
    },
    {
      path: 'supervision/funds',
      name: 'supervision-funds',
      component: () => import('./FundsPage.vue'),
      meta: { title: '经费台账', permission: 'readSupervision' },
    },
    {
      path: 'supervision/calendar',
      name: 'supervision-calendar',
      component: () => import('./CalendarPage.vue'),
      meta: { title: '工作日历', permission: 'readSupervision' },
    },
    {
      path: 'supervision/unmatched',
      name: 'supervision-unmatched',
      component: () => import('./UnmatchedPage.vue'),
      meta: { title: '未匹配打卡', permission: 'manageTeams' },
    },
  ],
};
