/** How the demo loaders call the gateway (as the signed-in demo administrator), and check answers. */
export type Call = (
  method: string,
  url: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>;

/** The answer's body, or an error naming what was asked and what came back. */
export function must(what: string, res: { status: number; body: unknown }, ok: number[] = [200, 201]) {
  if (!ok.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

/** Signs in as the demo administrator (GATEWAY_ADMIN_USERNAME / _PASSWORD); the access token. */
export function signInAsAdmin(gateway: string): Promise<string> {
  return signIn(gateway, process.env.GATEWAY_ADMIN_USERNAME ?? '', process.env.GATEWAY_ADMIN_PASSWORD ?? '');
}

/** Signs in as a user; the access token. */
export async function signIn(gateway: string, username: string, password: string): Promise<string> {
  const login = await fetch(`${gateway}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`demo login ${username}: ${login.status} ${await login.text()}`);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/**
 * POSTs each body once, in order; a record already there (409) is left as it is. How many were new.
 * `what` names a body in an error.
 */
export async function postEachOnce<T>(
  url: string,
  token: string,
  bodies: T[],
  what: (body: T) => string,
): Promise<number> {
  let created = 0;
  for (const body of bodies) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (res.status === 201) created++;
    else if (res.status !== 409) throw new Error(`${what(body)}: ${res.status} ${await res.text()}`);
  }
  return created;
}
