/**
 * 组织机构 of the demo: registers the demo county, town, villages and groups (demo-town.ts) with the
 * households app through the gateway as an administrator (`POST /api/v1/org-units`), parents first.
 * The apps know no demo data: the demo owns its town. Idempotent: a unit already registered (409) is left.
 * seed-demo-town.ts calls it first; run alone (`node dist/scripts/demo/seed-org-units.js`, GATEWAY_URL,
 * GATEWAY_ADMIN_USERNAME, GATEWAY_ADMIN_PASSWORD) it registers only the units.
 */
import { demoOrgUnits } from './demo-town';
import { withDemoGeometry } from './demo-geometry';
import { postEachOnce, signInAsAdmin } from './gateway-call';

export async function seedOrgUnits(gateway: string, token: string, units: Array<{ code: string; name: string }> = withDemoGeometry(demoOrgUnits())): Promise<string> {
  // parents before children: the registry refuses a unit whose parent is not registered
  const created = await postEachOnce(
    `${gateway}/api/v1/org-units`,
    token,
    [...units].sort((a, b) => a.code.length - b.code.length),
    (u) => `org unit ${u.code}`,
  );
  return `demo org units: ${created} registered, ${units.length - created} already there`;
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
