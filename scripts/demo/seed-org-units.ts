/**
 * 组织机构 of the demo: registers the demo county, town, villages and groups (demo-town.ts) with the
 * households app through the gateway as an administrator (`POST /api/v1/org-units`), parents first.
 * The apps know no demo data: the demo owns its town. Idempotent: a unit already registered (409) is left.
 * seed-demo-town.ts calls it first; run alone (`node dist/scripts/demo/seed-org-units.js`, GATEWAY_URL,
 * GATEWAY_ADMIN_USERNAME, GATEWAY_ADMIN_PASSWORD) it registers only the units.
 */
import { demoOrgUnits } from './demo-town';

export async function seedOrgUnits(gateway: string, token: string, units = demoOrgUnits()): Promise<string> {
  let created = 0;
  // parents before children: the registry refuses a unit whose parent is not registered
  for (const unit of [...units].sort((a, b) => a.code.length - b.code.length)) {
    const res = await fetch(`${gateway}/api/v1/org-units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(unit),
    });
    if (res.status === 201) created++;
    else if (res.status !== 409) throw new Error(`org unit ${unit.code}: ${res.status} ${await res.text()}`);
  }
  return `demo org units: ${created} registered, ${units.length - created} already there`;
}

async function main() {
  const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
  const login = await fetch(`${gateway}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: process.env.GATEWAY_ADMIN_USERNAME,
      password: process.env.GATEWAY_ADMIN_PASSWORD,
    }),
  });
  if (login.status !== 200) throw new Error(`demo admin login: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  console.log(await seedOrgUnits(gateway, accessToken));
}

if (require.main === module)
  main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
