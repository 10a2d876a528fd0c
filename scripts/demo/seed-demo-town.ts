/**
 * Loads the demo town through the gateway as the demo county administrator (so every request is
 * authenticated, scoped and audited, and every event flows as in real use):
 * registers its org units (seed-org-units.ts), the households, waits until monitoring knows them, records last month's survey; then
 * the projects (seed-projects.ts) and the work teams with last month's check-ins (seed-supervision.ts).
 * Idempotent: households already registered (409) and months already surveyed (409) are skipped.
 */
import { demoHouseholds, demoLastMonth, DEMO_TOWN } from './demo-town';
import { signInAsAdmin } from './gateway-call';
import { seedOrgUnits } from './seed-org-units';
import { seedProjects } from './seed-projects';
import { seedSupervision } from './seed-supervision';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
const households = gateway;
const monitoring = gateway;
let token = '';

async function call(method: string, url: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

async function main() {
  token = await signInAsAdmin(gateway);
  console.log(await seedOrgUnits(gateway, token));
  const demo = demoHouseholds();
  const month = demoLastMonth();
  const ids: Array<{ id: string; survey: (typeof demo)[number]['survey'] }> = [];
  for (const h of demo) {
    const created = await call('POST', `${households}/api/v1/households`, h.body);
    if (created.status === 201) ids.push({ id: created.body.id as string, survey: h.survey });
    else if (created.status !== 409)
      throw new Error(
        `register ${h.body.householdNumber}: ${created.status} ${JSON.stringify(created.body)}`,
      );
  }
  if (ids.length === 0) {
    console.log(`demo town ${DEMO_TOWN.name} already loaded; ${await seedProjects(gateway, call)}`);
    console.log(`demo town ${DEMO_TOWN.name}: ${await seedSupervision(gateway, call)}`);
    return;
  }
  const deadline = Date.now() + 60_000;
  for (const { id, survey } of ids) {
    while ((await call('GET', `${monitoring}/api/v1/monitored-households/${id}`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('monitoring did not receive the registrations in 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const res = await call('POST', `${monitoring}/api/v1/surveys`, {
      householdId: id,
      month,
      visitor: '驻村工作队',
      ...survey,
    });
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`survey ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  console.log(`demo town ${DEMO_TOWN.name}: ${ids.length} households registered and surveyed for ${month}`);
  console.log(`demo town ${DEMO_TOWN.name}: ${await seedProjects(gateway, call)}`);
  console.log(`demo town ${DEMO_TOWN.name}: ${await seedSupervision(gateway, call)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
