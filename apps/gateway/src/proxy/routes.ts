import type { GatewayConfig } from '../config';

type Upstream =
  'HOUSEHOLDS_URL' | 'MONITORING_URL' | 'PROJECTS_URL' | 'SUPERVISION_URL' | 'RULES_URL' | 'NOTIFIER_URL';

/** Which app owns each /api/v1/<resource> (architecture.md, "Services"). */
export const ROUTES: Record<string, Upstream> = {
  households: 'HOUSEHOLDS_URL',
  'org-units': 'HOUSEHOLDS_URL',
  surveys: 'MONITORING_URL',
  'monitored-households': 'MONITORING_URL',
  coverage: 'MONITORING_URL',
  'department-facts': 'MONITORING_URL',
  projects: 'PROJECTS_URL',
  teams: 'SUPERVISION_URL',
  attendance: 'SUPERVISION_URL',
  integrations: 'SUPERVISION_URL',
  members: 'SUPERVISION_URL',
  checkins: 'SUPERVISION_URL',
  worklogs: 'SUPERVISION_URL',
  leaves: 'SUPERVISION_URL',
  inspections: 'SUPERVISION_URL',
  'fund-entries': 'SUPERVISION_URL',
  calendars: 'SUPERVISION_URL',
  alerts: 'RULES_URL',
  thresholds: 'RULES_URL',
  rules: 'RULES_URL',
  deliveries: 'NOTIFIER_URL',
  channels: 'NOTIFIER_URL',
  contacts: 'NOTIFIER_URL',
  pairings: 'NOTIFIER_URL',
};

export interface RoutedRequest {
  upstream: string;
  resource: string;
  /** The record a path names (/api/v1/<resource>/<id>/…), if any. */
  recordId: string | null;
}

/** Where a request goes; null when no app owns the path. */
export function route(config: Pick<GatewayConfig, Upstream>, pathWithQuery: string): RoutedRequest | null {
  const path = pathWithQuery.split('?')[0];
  const m = /^\/api\/v1\/([a-z-]+)(?:\/([^/]+))?(?:\/.*)?$/.exec(path);
  if (!m || !Object.hasOwn(ROUTES, m[1])) return null;
  let recordId: string | null = null;
  if (m[2]) {
    try {
      recordId = decodeURIComponent(m[2]).slice(0, 128);
    } catch {
      recordId = m[2].slice(0, 128);
    }
  }
  return { upstream: config[ROUTES[m[1]]], resource: m[1], recordId };
}
