import { route } from './routes';

const config = {
  HOUSEHOLDS_URL: 'http://h',
  MONITORING_URL: 'http://m',
  PROJECTS_URL: 'http://p',
  SUPERVISION_URL: 'http://s',
  RULES_URL: 'http://r',
  NOTIFIER_URL: 'http://n',
};

describe('gateway routes', () => {
  it.each([
    ['/api/v1/households', 'http://h', 'households', null],
    ['/api/v1/households?townCode=621299101', 'http://h', 'households', null],
    ['/api/v1/households/abc', 'http://h', 'households', 'abc'],
    ['/api/v1/surveys/s1', 'http://m', 'surveys', 's1'],
    ['/api/v1/monitored-households/x', 'http://m', 'monitored-households', 'x'],
    ['/api/v1/department-facts/unmatched?page=2', 'http://m', 'department-facts', 'unmatched'],
    ['/api/v1/alerts/a1/acknowledge', 'http://r', 'alerts', 'a1'],
    ['/api/v1/thresholds', 'http://r', 'thresholds', null],
    ['/api/v1/deliveries', 'http://n', 'deliveries', null],
    ['/api/v1/teams/t1', 'http://s', 'teams', 't1'],
    ['/api/v1/projects', 'http://p', 'projects', null],
    ['/api/v1/calendars/2026?countyCode=621299', 'http://s', 'calendars', '2026'],
    ['/api/v1/attendance/team-summary?teamId=t1&month=2026-10', 'http://s', 'attendance', 'team-summary'],
    ['/api/v1/contacts/u1', 'http://n', 'contacts', 'u1'],
    ['/api/v1/pairings/h1', 'http://n', 'pairings', 'h1'],
    ['/api/v1/projects/p1/distributions', 'http://p', 'projects', 'p1'],
  ])('%s goes to %s', (path, upstream, resource, recordId) => {
    expect(route(config, path)).toEqual({ upstream, resource, recordId });
  });

  it.each(['/api/v1/nothing', '/api/v2/households', '/health', '/api/v1/__proto__', '/api/v1/constructor'])(
    '%s goes nowhere',
    (path) => expect(route(config, path)).toBeNull(),
  );
});
