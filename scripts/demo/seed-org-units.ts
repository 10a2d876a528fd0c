/**
 * 组织机构 of the demo: registers the demo county, town, villages and groups (demo-town.ts) with the
 * households app through the gateway as an administrator (`POST /api/v1/org-units`), parents first.
 * The apps know no demo data: the demo owns its town. Idempotent: a unit already registered (409) is left.
 * seed-demo-town.ts calls it first; run alone (`node dist/scripts/demo/seed-org-units.js`, GATEWAY_URL,
 * GATEWAY_ADMIN_USERNAME, GATEWAY_ADMIN_PASSWORD) it registers only the units.
 */
import { demoOrgUnits } from './demo-town';
import { withDemoGeometry } from './demo-geometry';
import { must, postEachOnce, signInAsAdmin } from './gateway-call';

export async function seedOrgUnits(
  gateway: string,
  token: string,
  units: Array<{ code: string; name: string }> = withDemoGeometry(demoOrgUnits()),
): Promise<string> {
  // parents before children: the registry refuses a unit whose parent is not registered
  const created = await postEachOnce(
    `${gateway}/api/v1/org-units`,
    token,
    [...units].sort((a, b) => a.code.length - b.code.length),
    (u) => `org unit ${u.code}`,
  );
  // the outlines and centres of the map (一张图), also for units registered before they existed
  const outlined = units.filter((u) => 'boundary' in u || 'centre' in u) as Array<
    (typeof units)[number] & { boundary?: unknown; centre?: unknown }
  >;
  for (const u of outlined) {
    const res = await fetch(`${gateway}/api/v1/org-units/${u.code}/geometry`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ boundary: u.boundary ?? null, centre: u.centre ?? null }),
    });
    must(`outline of org unit ${u.code}`, { status: res.status, body: await res.json() });
  }
  return `demo org units: ${created} registered, ${units.length - created} already there, ${outlined.length} outlined`;
}

async function main() {
  const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
  console.log(await seedOrgUnits(gateway, await signInAsAdmin(gateway)));
}

if (require.main === module)
  main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
