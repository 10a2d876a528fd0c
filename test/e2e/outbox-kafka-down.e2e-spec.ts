import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, waitFor } from '@lib/testing';
import { aHousehold, aSurvey, GATEWAY_ADMIN, Platform } from './platform';

// asynchronous: a synchronous exec would block the event loop while the broker stops, so the HTTP
// client would miss the apps closing its idle keep-alive sockets and send the next request on a dead one
const infra = (...args: string[]) =>
  promisify(execFile)('bash', [path.join(repoRoot, 'deploy/local/infra.sh'), ...args], {
    timeout: 180_000,
  });

/**
 * An acknowledged write is never lost as an event: written while Kafka is stopped, it is published
 * once Kafka is back (the outbox relay), and flows on to the other apps.
 */
describe('writes made while Kafka is down', () => {
  const platform = new Platform();

  beforeAll(() => platform.start(['households', 'monitoring', 'rules', 'gateway']), 300_000);

  afterAll(async () => {
    await infra('start', 'kafka'); // never leave the broker down for the next test file
    await platform.stop();
  }, 200_000);

  it('are acknowledged, kept, and published after Kafka comes back', async () => {
    const { apps } = platform;
    // a household known everywhere before the outage
    const before = await apps.households.post<{ id: string }>('/api/v1/households', aHousehold('0301'));
    await waitFor(
      'monitoring to know the household',
      async () =>
        (await apps.monitoring.get(`/api/v1/monitored-households/${before.body.id}`)).status === 200,
    );

    await infra('stop', 'kafka');
    try {
      const during = await apps.households.post<{ id: string }>('/api/v1/households', aHousehold('0302'));
      expect(during.status).toBe(201);
      const survey = await apps.monitoring.post('/api/v1/surveys', aSurvey(before.body.id));
      expect(survey.status).toBe(201);
      // stored and readable while the broker is down
      expect((await apps.households.get(`/api/v1/households/${during.body.id}`)).status).toBe(200);
      // the app stays ready (its writes go through the outbox); /health shows the broker away (once its
      // check has run: it answers within 500 ms with the last result) and the backlog
      type Health = { details: { outbox: { pendingDocuments: number }; kafka: { reachable: boolean } } };
      const health = await waitFor('/health to see the broker away', async () => {
        const h = await apps.households.get<Health>('/health');
        return h.body.details.kafka.reachable === false ? h : undefined;
      });
      expect(health.status).toBe(200);
      expect(health.body.details.outbox.pendingDocuments).toBeGreaterThan(0);
      for (const app of [apps.households, apps.monitoring, apps.rules, apps.gateway])
        expect({ app: app.name, ready: (await app.get('/health/ready')).status }).toEqual({
          app: app.name,
          ready: 200,
        });
      // a user signs in and writes through the gateway while the broker is away
      const login = await apps.gateway.post<{ accessToken: string }>(
        '/api/v1/auth/login',
        { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
        { token: null },
      );
      expect(login.status).toBe(200);
      const viaGateway = await apps.gateway.post<{ id: string }>('/api/v1/households', aHousehold('0303'), {
        token: login.body.accessToken,
      });
      expect(viaGateway.status).toBe(201);

      await infra('start', 'kafka');
      await waitFor(
        'the households written during the outage to reach monitoring',
        async () =>
          (await apps.monitoring.get(`/api/v1/monitored-households/${during.body.id}`)).status === 200 &&
          (await apps.monitoring.get(`/api/v1/monitored-households/${viaGateway.body.id}`)).status === 200,
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      await waitFor(
        'the survey written during the outage to raise its alert',
        async () => {
          const r = await apps.rules.get<{ total: number }>(`/api/v1/alerts?subjectId=${before.body.id}`);
          return r.body.total === 1;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
    } finally {
      await infra('start', 'kafka');
    }
  }, 240_000);
});
