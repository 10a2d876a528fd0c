import { GATEWAY_ADMIN, Platform } from './platform';

/**
 * An audit entry is written as the answer goes out. A gateway told to stop (a rolling update, a
 * scale-down) still writes the entries of every request it has answered before it lets go of the
 * database: each answer the callers received has its entry after the restart.
 */
describe('audit entries survive a graceful stop of the gateway', () => {
  const platform = new Platform();

  beforeAll(async () => {
    await platform.start(['gateway']);
  }, 180_000);

  afterAll(async () => {
    await platform.stop();
  }, 60_000);

  const signIn = async () => {
    const r = await platform.apps.gateway.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    expect(r.status).toBe(200);
    return r.body.accessToken;
  };

  it('every request answered just before SIGTERM has its entry', async () => {
    const gw = platform.apps.gateway;
    const token = await signIn();
    const requests = 80;
    // each read of a user (unknown ids: 404, audited like any refusal) names its record, so the
    // entries of this burst are found by their record ids, counted as the callers received them
    const ids = Array.from(
      { length: requests },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const answers = await Promise.all(ids.map((id) => gw.get(`/api/v1/users/${id}`, { token })));
    const answered = answers.filter((a) => a.status === 404).length;
    expect(answered).toBe(requests);
    // stopped the moment the last answer is in: the entries are being written as it goes down
    await gw.stop();
    await gw.start();

    const auditorToken = await signIn();
    const found = await gw.get<{ total: number }>(
      `/api/v1/audit?path=${encodeURIComponent('/api/v1/users/00000000-0000-4000-8000-')}&pageSize=1`,
      { token: auditorToken },
    );
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(answered);
  }, 240_000);
});
