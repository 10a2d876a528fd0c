import { AppName, waitFor } from '@lib/testing';
import { GATEWAY_ADMIN, Platform } from './platform';

/** A list every app serves to a county administrator (reached directly, not through the gateway). */
const READS: Record<Exclude<AppName, 'gateway'>, string> = {
  households: '/api/v1/households',
  monitoring: '/api/v1/surveys',
  rules: '/api/v1/alerts',
  notifier: '/api/v1/deliveries',
  supervision: '/api/v1/teams',
  projects: '/api/v1/projects',
  requests: '/api/v1/resident-requests',
};
const APPS = Object.keys(READS) as Array<keyof typeof READS>;

/**
 * Tokens are revocable everywhere: apps verify access tokens by themselves (no call to the gateway),
 * so a sign-out reaches them as session.revoked.v1 (the gateway's outbox → Kafka → every app's
 * in-memory deny list). Someone reaching an app directly with a signed-out token gets 401.
 */
describe('a token revoked at the gateway is refused by every app', () => {
  const platform = new Platform();

  beforeAll(async () => {
    await platform.start([...APPS, 'gateway']);
  }, 180_000);

  afterAll(() => platform.stop(), 60_000);

  const login = async () => {
    const r = await platform.apps.gateway.post<{ accessToken: string; refreshToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    expect(r.status).toBe(200);
    return r.body;
  };
  const statusAt = async (app: AppName, path: string, token: string) =>
    (await platform.apps[app].get(path, { token })).status;
  const statusesEverywhere = (token: string) =>
    Promise.all(APPS.map(async (app) => [app, await statusAt(app, READS[app], token)] as const));

  it('works at every app before sign-out, 401 at every app after; another session of the user is untouched', async () => {
    const session = await login();
    const other = await login();
    expect(Object.fromEntries(await statusesEverywhere(session.accessToken))).toEqual(
      Object.fromEntries(APPS.map((a) => [a, 200])),
    );

    const out = await platform.apps.gateway.post(
      '/api/v1/auth/logout',
      { refreshToken: session.refreshToken },
      { token: session.accessToken },
    );
    expect(out.status).toBe(204);
    // the gateway refuses it at once
    expect(await statusAt('gateway', '/api/v1/auth/me', session.accessToken)).toBe(401);
    // each app once the event has arrived
    const started = Date.now();
    await waitFor('every app to refuse the signed-out token', async () =>
      (await statusesEverywhere(session.accessToken)).every(([, s]) => s === 401),
    );
    console.log(
      `signed-out token refused by all ${APPS.length} apps ${Date.now() - started} ms after sign-out`,
    );
    // revoking one token is no sign-out of the user's other sessions
    expect(Object.fromEntries(await statusesEverywhere(other.accessToken))).toEqual(
      Object.fromEntries(APPS.map((a) => [a, 200])),
    );
    // and it can be signed out in turn
    expect(
      (await platform.apps.gateway.post('/api/v1/auth/logout', {}, { token: other.accessToken })).status,
    ).toBe(204);
    await waitFor('the other token refused too', async () =>
      (await statusesEverywhere(other.accessToken)).every(([, s]) => s === 401),
    );
  }, 120_000);

  it('disabling a user revokes the access tokens they hold, at the gateway at once and in every app', async () => {
    const admin = await login();
    const user = { username: 'u-to-disable', password: 'u-to-disable-password' };
    const created = await platform.apps.gateway.post<{ id: string }>(
      '/api/v1/users',
      { ...user, displayName: '待停用', roles: [{ role: 'county-admin', unit: GATEWAY_ADMIN.unit }] },
      { token: admin.accessToken },
    );
    expect(created.status).toBe(201);
    const session = await platform.apps.gateway.post<{ accessToken: string }>('/api/v1/auth/login', user, {
      token: null,
    });
    const token = session.body.accessToken;
    expect((await statusesEverywhere(token)).every(([, s]) => s === 200)).toBe(true);
    expect(await statusAt('gateway', '/api/v1/households', token)).toBe(200);

    const disabled = await platform.apps.gateway.request(
      'PATCH',
      `/api/v1/users/${created.body.id}`,
      { disabled: true },
      { token: admin.accessToken },
    );
    expect(disabled.status).toBe(200);
    expect(await statusAt('gateway', '/api/v1/households', token)).toBe(401);
    expect(await statusAt('gateway', '/api/v1/auth/me', token)).toBe(401);
    await waitFor('every app to refuse the disabled user', async () =>
      (await statusesEverywhere(token)).every(([, s]) => s === 401),
    );
    // the administrator who did it is untouched
    expect((await statusesEverywhere(admin.accessToken)).every(([, s]) => s === 200)).toBe(true);
  }, 120_000);

  it('an app restarted after the sign-out still refuses the token (it re-reads recent sign-outs)', async () => {
    const session = await login();
    expect(await statusAt('households', READS.households, session.accessToken)).toBe(200);
    await platform.apps.households.stop();
    const out = await platform.apps.gateway.post('/api/v1/auth/logout', {}, { token: session.accessToken });
    expect(out.status).toBe(204);
    // the other apps learn of it while households is down
    await waitFor(
      'projects to refuse the token',
      async () => (await statusAt('projects', READS.projects, session.accessToken)) === 401,
    );
    await platform.apps.households.start();
    // from its very first request: token checks wait until the app has re-read the recent sign-outs
    expect(await statusAt('households', READS.households, session.accessToken)).toBe(401);
    // a fresh session is served by the restarted app
    expect(await statusAt('households', READS.households, (await login()).accessToken)).toBe(200);
  }, 120_000);
});
