import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@lib/testing';
import { DEMO_USERS } from '../../../scripts/demo/seed-users';
import { GATEWAY_ADMIN, Platform } from '../platform';

/**
 * The gateway serves the console at / and answers its deep links with index.html (history fallback),
 * while unknown API paths keep the gateway's JSON 404; the demo's users of every role are created
 * through the gateway, once, and can sign in.
 */
describe('the console at / and the demo users', () => {
  const platform = new Platform();
  beforeAll(() => platform.start(['gateway']), 120_000);
  afterAll(() => platform.stop());

  const fetchText = async (p: string) => {
    const res = await fetch(`${platform.apps.gateway.url}${p}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };

  it('GET / and deep links such as /overview answer the console; /api/v1/unknown answers a JSON 404', async () => {
    const root = await fetchText('/');
    expect(root.status).toBe(200);
    expect(root.type).toMatch(/text\/html/);
    expect(root.body).toContain('<div id="app">');
    for (const deep of ['/overview', '/system/users', '/households/abc?tab=members']) {
      const page = await fetchText(deep);
      expect({ deep, status: page.status, type: page.type }).toEqual({
        deep,
        status: 200,
        type: expect.stringMatching(/text\/html/),
      });
      expect(page.body).toBe(root.body);
    }
    // the API's own JSON answer, never the console: only the gateway runs here, so the apps' route
    // descriptions are unknown and the gateway says so (503) rather than guessing 404
    const unknown = await fetchText('/api/v1/unknown');
    expect(unknown.status).toBe(503);
    expect(unknown.type).toMatch(/application\/json/);
    expect(JSON.parse(unknown.body)).toMatchObject({ statusCode: 503 });
  });

  it('seed-users creates one user per role through the gateway, prints the sign-in table, and is idempotent', async () => {
    const run = () =>
      promisify(execFile)(process.execPath, [path.join(repoRoot, 'dist/scripts/demo/seed-users.js')], {
        env: {
          ...process.env,
          GATEWAY_URL: platform.apps.gateway.url,
          GATEWAY_ADMIN_USERNAME: GATEWAY_ADMIN.username,
          GATEWAY_ADMIN_PASSWORD: GATEWAY_ADMIN.password,
        },
      });
    const first = await run();
    expect(first.stderr).toContain(`${DEMO_USERS.length} created, 0 already there`);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['角色', '用户名', '密码']);
    expect(lines[1].split(/\s+/)).toEqual(['县级管理员', GATEWAY_ADMIN.username, GATEWAY_ADMIN.password]);
    for (const u of DEMO_USERS)
      expect(lines.map((l) => l.split(/\s+/))).toContainEqual([u.title, u.username, u.password]);

    const again = await run();
    expect(again.stderr).toContain(`0 created, ${DEMO_USERS.length} already there`);

    const gw = platform.apps.gateway;
    for (const u of DEMO_USERS) {
      const login = await gw.post<{ user: { roles: unknown[]; displayName: string } }>(
        '/api/v1/auth/login',
        { username: u.username, password: u.password },
        { token: null },
      );
      expect({ user: u.username, status: login.status, roles: login.body.user?.roles }).toEqual({
        user: u.username,
        status: 200,
        roles: u.roles,
      });
      expect(login.body.user.displayName).toMatch(/[\u4e00-\u9fff]/);
    }
    const admin = await gw.post<{ user: { displayName: string } }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    expect(admin.body.user.displayName).toBe('县级管理员');
  });
});
