/**
 * Loads the demo town's industry assistance projects (产业帮扶) through the gateway: projects,
 * beneficiary households, output, sales and the dividends and wages paid (which monitoring counts
 * as household income). Idempotent: a project whose name the village already has is skipped, and
 * payments carry deterministic distribution ids, so a second run pays nothing twice.
 */
import { demoDay, demoProjects, DEMO_VILLAGES } from './demo-town';
import { Call, must } from './gateway-call';

interface Item {
  id: string;
  householdNumber?: string;
  name?: string;
}

export async function seedProjects(gateway: string, call: Call): Promise<string> {
  const households = new Map<string, string[]>();
  for (const v of DEMO_VILLAGES) {
    const page = must(
      `households of ${v.name}`,
      await call('GET', `${gateway}/api/v1/households?villageCode=${v.code}&pageSize=500`),
    );
    const items = (page.items as Item[]).sort((a, b) =>
      (a.householdNumber ?? '').localeCompare(b.householdNumber ?? ''),
    );
    households.set(
      v.code,
      items.map((h) => h.id),
    );
  }
  let created = 0;
  let paid = 0;
  for (const [pi, p] of demoProjects().entries()) {
    const village = p.body.villageCode as string;
    const existing = must(
      'projects of the village',
      await call('GET', `${gateway}/api/v1/projects?villageCode=${village}&pageSize=500`),
    );
    if ((existing.items as Item[]).some((x) => x.name === p.body.name)) continue;
    const project = must(
      `project ${p.body.name as string}`,
      await call('POST', `${gateway}/api/v1/projects`, p.body),
    );
    created++;
    const base = `${gateway}/api/v1/projects/${project.id as string}`;
    const ids = households.get(village) ?? [];
    const linked: string[] = [];
    for (const b of p.beneficiaries) {
      const householdId = ids[b.nth];
      if (!householdId) continue;
      // the projects app learns of households from households.events.v1: wait until it knows this one
      const deadline = Date.now() + 60_000;
      while ((await call('GET', `${gateway}/api/v1/projects/households/${householdId}`)).status !== 200) {
        if (Date.now() > deadline) throw new Error('projects did not receive the registrations in 60 s');
        await new Promise((r) => setTimeout(r, 200));
      }
      must(
        `beneficiary of ${p.body.name as string}`,
        await call('POST', `${base}/beneficiaries`, {
          householdId,
          kind: b.kind,
          sharePercent: b.sharePercent ?? null,
          details: b.details,
          startsOn: p.body.startsOn,
        }),
        [201, 409],
      );
      linked.push(householdId);
    }
    for (const o of p.outputs) must('output', await call('POST', `${base}/outputs`, o));
    for (const s of p.sales) must('sale', await call('POST', `${base}/sales`, s));
    for (const [di, d] of p.distributions.entries()) {
      const householdId = linked[d.beneficiary];
      if (!householdId) continue;
      must(
        'distribution',
        await call('POST', `${base}/distributions`, {
          distributionId: `demo-${pi}-${di}-${householdId.slice(0, 8)}`,
          householdId,
          kind: p.beneficiaries[d.beneficiary].kind,
          amount: d.amount,
          paidOn: demoDay(-d.daysAgo),
          note: d.note,
        }),
      );
      paid++;
    }
  }
  return created === 0
    ? 'projects already loaded'
    : `${created} industry projects, ${paid} payments to households`;
}
