import { ApiDescription, RouteTable } from './routes';

const doc = (paths: Record<string, string[]>, extra: Record<string, Record<string, unknown>> = {}) => ({
  paths: Object.fromEntries(
    Object.entries(paths).map(([p, methods]) => [
      p,
      Object.fromEntries(methods.map((m) => [m, { ...(extra[`${m} ${p}`] ?? {}) }])),
    ]),
  ),
});

const descriptions: Record<string, ApiDescription> = {
  HOUSEHOLDS_URL: doc(
    {
      '/health/ready': ['get'],
      '/api/v1/households': ['get', 'post'],
      '/api/v1/households/{id}': ['get', 'patch'],
      '/api/v1/households/{id}/members/{memberId}': ['patch', 'delete'],
      '/api/v1/household-ledger/imports': ['post'],
      '/api/v1/household-ledger/export': ['get'],
    },
    { 'post /api/v1/household-ledger/imports': { 'x-gateway-timeout-ms': 300000 } },
  ),
  MONITORING_URL: doc({
    '/api/v1/thresholds': ['get', 'put'],
    '/api/v1/thresholds/history': ['get'],
    '/api/v1/department-facts': ['get', 'post'],
  }),
  PROJECTS_URL: doc({
    '/api/v1/projects/progress': ['get'],
    '/api/v1/projects/{id}': ['get', 'patch'],
  }),
  SUPERVISION_URL: doc(
    { '/api/v1/integrations/dingtalk/callback': ['post'], '/api/v1/calendars/{year}': ['get'] },
    {
      'post /api/v1/integrations/dingtalk/callback': {
        'x-gateway': { access: 'public-integration', integration: '钉钉事件回调' },
      },
    },
  ),
  RULES_URL: doc(
    { '/api/v1/evaluation/thresholds': ['get'], '/api/v1/rules/{ruleId}': ['get', 'put'] },
    { 'get /api/v1/evaluation/thresholds': { 'x-gateway': { access: 'internal', reason: 'copy' } } },
  ),
};

describe('gateway route table (from the apps’ API descriptions)', () => {
  const table = new RouteTable(descriptions);
  const routed = (method: string, path: string) => {
    const r = table.resolve(method, path);
    return r.kind === 'route' ? [r.route.upstream, r.route.resource, r.route.recordId] : r;
  };

  it.each([
    ['GET', '/api/v1/households', 'HOUSEHOLDS_URL', 'households', null],
    ['GET', '/api/v1/households?townCode=621299101', 'HOUSEHOLDS_URL', 'households', null],
    ['PATCH', '/api/v1/households/abc', 'HOUSEHOLDS_URL', 'households', 'abc'],
    ['HEAD', '/api/v1/households/abc', 'HOUSEHOLDS_URL', 'households', 'abc'],
    ['DELETE', '/api/v1/households/h%201/members/m1', 'HOUSEHOLDS_URL', 'households', 'h 1'],
    ['POST', '/api/v1/household-ledger/imports', 'HOUSEHOLDS_URL', 'household-ledger', null],
    ['GET', '/api/v1/household-ledger/export?villageCode=1', 'HOUSEHOLDS_URL', 'household-ledger', null],
    ['GET', '/api/v1/department-facts', 'MONITORING_URL', 'department-facts', null],
    ['GET', '/api/v1/thresholds', 'MONITORING_URL', 'thresholds', null],
    ['PUT', '/api/v1/thresholds', 'MONITORING_URL', 'thresholds', null],
    ['GET', '/api/v1/thresholds/history', 'MONITORING_URL', 'thresholds', null],
    // a literal segment beats a parameter
    ['GET', '/api/v1/projects/progress', 'PROJECTS_URL', 'projects', null],
    ['GET', '/api/v1/projects/p1', 'PROJECTS_URL', 'projects', 'p1'],
    // … unless it does not declare the method
    ['PATCH', '/api/v1/projects/progress', 'PROJECTS_URL', 'projects', 'progress'],
    ['GET', '/api/v1/calendars/2026?countyCode=621299', 'SUPERVISION_URL', 'calendars', '2026'],
    ['PUT', '/api/v1/rules/income-below-line', 'RULES_URL', 'rules', 'income-below-line'],
  ])('%s %s goes to %s', (method, path, upstream, resource, recordId) => {
    expect(routed(method, path)).toEqual([upstream, resource, recordId]);
  });

  it('keeps each path with one app: another app declaring it by another method, or as an internal copy, is a conflict', () => {
    const split = new RouteTable({
      MONITORING_URL: doc({ '/api/v1/thresholds': ['put'] }),
      RULES_URL: doc(
        { '/api/v1/thresholds': ['get'], '/api/v1/thresholds/history': ['get'] },
        { 'get /api/v1/thresholds/history': { 'x-gateway': { access: 'internal', reason: 'copy' } } },
      ),
      NOTIFIER_URL: doc({ '/api/v1/thresholds/history': ['get'] }),
    });
    const up = (m: string, path = '/api/v1/thresholds') => {
      const r = split.resolve(m, path);
      return r.kind === 'route' ? r.route.upstream : r.kind;
    };
    expect([up('GET'), up('PUT'), up('POST')]).toEqual([
      'method-not-allowed',
      'MONITORING_URL',
      'method-not-allowed',
    ]);
    expect(up('GET', '/api/v1/thresholds/history')).toBe('none');
    expect(split.conflicts).toEqual([
      'GET /api/v1/thresholds: MONITORING_URL and RULES_URL',
      'GET /api/v1/thresholds/history: RULES_URL and NOTIFIER_URL',
    ]);
  });

  it('routes the apps’ own paths with no conflict', () => {
    expect(table.conflicts).toEqual([]);
  });

  it('reports the same method and path declared by two apps, and keeps the first', () => {
    const twice = new RouteTable({
      MONITORING_URL: doc({ '/api/v1/thresholds': ['get'] }),
      RULES_URL: doc({ '/api/v1/thresholds': ['get'] }),
    });
    expect(twice.conflicts).toEqual(['GET /api/v1/thresholds: MONITORING_URL and RULES_URL']);
    expect(twice.resolve('GET', '/api/v1/thresholds')).toMatchObject({
      route: { upstream: 'MONITORING_URL' },
    });
  });

  it('marks public integration endpoints with their integration', () => {
    expect(table.resolve('POST', '/api/v1/integrations/dingtalk/callback?timestamp=1')).toMatchObject({
      route: { operation: { access: 'public-integration', integration: '钉钉事件回调' } },
    });
    expect(table.resolve('GET', '/api/v1/households')).toMatchObject({
      route: { operation: { access: 'token', integration: null } },
    });
  });

  it('keeps the time an app declares it needs for an operation', () => {
    expect(table.resolve('POST', '/api/v1/household-ledger/imports')).toMatchObject({
      route: { operation: { timeoutMs: 300_000 } },
    });
    expect(table.resolve('GET', '/api/v1/household-ledger/export')).toMatchObject({
      route: { operation: { timeoutMs: null } },
    });
  });

  it('answers which methods a known path takes', () => {
    expect(table.resolve('DELETE', '/api/v1/households')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'POST'],
    });
  });

  it.each([
    '/api/v1/nothing',
    '/api/v2/households',
    '/health/ready',
    '/api/v1/__proto__',
    '/api/v1/constructor',
    '/api/v1/households/abc/unknown',
    '/api/v1/households//members/m1',
  ])('%s goes nowhere', (path) => expect(table.resolve('GET', path)).toEqual({ kind: 'none' }));
});
