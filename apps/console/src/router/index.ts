import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from '@/stores/session';
import type { AreaDefinition } from './area';

const modules = import.meta.glob<{ area: AreaDefinition }>('../areas/*/area.ts', { eager: true });

/** Every area of the console, in menu order. */
export const areas: AreaDefinition[] = Object.values(modules)
  .map((m) => m.area)
  .sort((a, b) => a.order - b.order);

/** May the signed-in user open this route? */
export function allowed(route: { meta?: RouteRecordRaw['meta'] }): boolean {
  const session = useSession();
  const meta = route.meta ?? {};
  if (meta.permission && !session.can(meta.permission)) return false;
  if (meta.anyOf && !meta.anyOf.some((p) => session.can(p))) return false;
  return true;
}

export const routes: RouteRecordRaw[] = [
  // the old console's address (bookmarks, earlier READMEs) opens the new one
  { path: '/console/:rest(.*)*', redirect: '/' },
  { path: '/login', name: 'login', component: () => import('@/layout/LoginPage.vue'), meta: { title: '登录' } },
  {
    path: '/',
    component: () => import('@/layout/AppShell.vue'),
    children: [
      { path: '', redirect: '/overview' },
      ...areas.flatMap((a) => a.routes),
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/layout/ForbiddenPage.vue'),
        meta: { title: '无权访问', menu: false, crawl: false },
      },
      {
        path: ':rest(.*)*',
        name: 'not-found',
        component: () => import('@/layout/NotFoundPage.vue'),
        meta: { title: '页面不存在', menu: false, crawl: false },
      },
    ],
  },
];

export const router = createRouter({ history: createWebHistory('/'), routes });

router.beforeEach((to) => {
  const session = useSession();
  if (to.name === 'login') return session.signedIn ? '/' : true;
  if (!session.signedIn) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (!to.matched.every((r) => allowed(r))) return { name: 'forbidden', query: { from: to.fullPath } };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 防返贫动态监测平台` : '防返贫动态监测平台';
});
