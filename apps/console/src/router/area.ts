import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { Permission } from '@lib/contracts/permissions';

/**
 * One area of the console (帮扶对象, 走访, 风险预警 …): its menu entry and its routes. Each area lives in
 * src/areas/<area>/ and exports `area` from its `area.ts`; the router collects them all, so adding an
 * area touches no shared file. Routes are lazy (`component: () => import(...)`).
 *
 * meta of each route: `title` (中文, for the breadcrumb and the tab), `permission` (who may open it;
 * others get the 无权访问 page and no menu entry), `menu` (false: reachable by link only, e.g. a
 * record's page), `crawl` (false: needs a record id; the crawler test opens such pages from links).
 */
export interface AreaDefinition {
  key: string;
  title: string;
  icon: Component;
  order: number;
  routes: RouteRecordRaw[];
}

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    permission?: Permission;
    /** Any one of these permissions opens the page. */
    anyOf?: Permission[];
    menu?: boolean;
    crawl?: boolean;
    /** Opens without signing in (the residents' public form). */
    public?: boolean;
  }
}
