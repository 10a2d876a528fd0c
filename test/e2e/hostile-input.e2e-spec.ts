import { Platform } from './platform';

interface Refusal {
  statusCode: number;
  message: string;
  problems: { field: string; reason: string }[];
}

const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

/**
 * Hostile input through the gateway, at the gateway's own endpoints and at an app behind it: a body
 * that is not JSON, too large, or nested thousands of levels deep gets a 4xx in the one error shape
 * of every refusal (Chinese first, naming the body or the field), never a 500, a 404 or the
 * parser's English, and changes nothing.
 */
describe('hostile input is refused clearly, at the gateway and behind it', () => {
  const platform = new Platform();
  let token: string;

  beforeAll(async () => {
    await platform.start(['households', 'gateway']);
    const login = await fetch(`${platform.apps.gateway.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root-admin', password: 'root-admin-password-1' }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  }, 120_000);
  afterAll(() => platform.stop());

  const post = async (path: string, body: string, auth = true) => {
    const res = await fetch(`${platform.apps.gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    return { status: res.status, body: (await res.json()) as Refusal };
  };

  it.each([
    ['the gateway (sign-in)', '/api/v1/auth/login', false],
    ['an app behind it (households)', '/api/v1/households', true],
  ])('a body that is not JSON, at %s: 400 naming the body, in Chinese', async (_where, path, auth) => {
    const res = await post(path, '{"username": ', auth);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^请求体不是有效的 JSON/);
    expect(res.body.problems).toEqual([{ field: 'body', reason: '不是有效的 JSON' }]);
  });

  it('a body larger than the limit: 413 in Chinese, naming the body', async () => {
    const res = await post('/api/v1/auth/login', JSON.stringify({ username: 'x'.repeat(3_000_000) }), false);
    expect(res.status).toBe(413);
    expect(res.body.problems[0]).toMatchObject({ field: 'body' });
    expect(res.body.problems[0].reason).toMatch(/^过大/);
  });

  it.each([
    ['the gateway (sign-in)', '/api/v1/auth/login', false],
    ['an app behind it (households)', '/api/v1/households', true],
  ])('a body nested 5,000 levels deep (a few KB), at %s: 400, not a crash', async (_where, path, auth) => {
    const res = await post(path, deep(5_000), auth);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('嵌套层级超过');
    const list = await fetch(`${platform.apps.gateway.url}/api/v1/households`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await list.json()) as { total: number }).total).toBe(0);
  });

  it("the console still answers its own paths; a bad body at the API is not taken for the console's", async () => {
    const page = await fetch(`${platform.apps.gateway.url}/households`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const refused = await post('/api/v1/auth/refresh', '{', false);
    expect(refused.status).toBe(400);
  });
});
