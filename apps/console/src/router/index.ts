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
  // 民事直说: the residents' public form, no sign-in (the village's QR code links here)
  {
    path: '/public/resident-request',
    name: 'public-resident-request',
    component: () => import('@/areas/requests/PublicFormPage.vue'),
    meta: { title: '民事直说 · 群众诉求', public: true, crawl: false },
  },
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

/** One page of the console, as the browser crawler (test/e2e/console) reads it. */
export interface PageInfo {
  area: string;
  path: string;
  title?: string;
  permission?: string;
  anyOf?: string[];
  menu: boolean;
  crawl: boolean;
}
const pagesOf = (area: string, prefix: string, rs: RouteRecordRaw[]): PageInfo[] =>
  rs.flatMap((r) => {
    const path = r.path.startsWith('/') ? r.path : `${prefix}${r.path}`;
    const own: PageInfo[] = r.component
      ? [
          {
            area,
            path,
            title: r.meta?.title,
            permission: r.meta?.permission,
            anyOf: r.meta?.anyOf,
            menu: r.meta?.menu !== false,
            crawl: r.meta?.crawl !== false,
          },
        ]
      : [];
    return [...own, ...pagesOf(area, `${path}/`, r.children ?? [])];
  });
/** Every page of every area (the router's own list); the crawler test reads it as window.__ffpRoutes. */
export const pages: PageInfo[] = areas.flatMap((a) => pagesOf(a.title, '/', a.routes));
(window as unknown as { __ffpRoutes: PageInfo[] }).__ffpRoutes = pages;

export const router = createRouter({ history: createWebHistory('/'), routes });

router.beforeEach((to) => {
  const session = useSession();
  if (to.name === 'login') return session.signedIn ? '/' : true;
  if (to.meta.public) return true;
  if (!session.signedIn) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (!to.matched.every((r) => allowed(r))) return { name: 'forbidden', query: { from: to.fullPath } };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 防返贫动态监测平台` : '防返贫动态监测平台';
});
