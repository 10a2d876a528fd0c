/**
 * Loads the demo town through the gateway as the demo county administrator (so every request is
 * authenticated, scoped and audited, and every event flows as in real use), at the seed report's size
 * (../shared/seed: 1,144 households / 3,534 people in five villages, 9 monitored households):
 * registers its org units (seed-org-units.ts), imports the town's households ledger (.xlsx, the
 * national export's layout, as a township clerk would), waits until monitoring knows every household,
 * records last month's survey for all of them (each village's by its own work team's account, as in
 * the town: the gateway limits each caller to GATEWAY_RATE_LIMIT_PER_MINUTE); then the projects
 * (seed-projects.ts) and the work teams with last month's check-ins (seed-supervision.ts); and waits
 * until the read models have caught up (monitoring has every survey, rules has raised the monitored
 * households' alerts).
 * Idempotent: households already registered are refused by the import, surveys carry ids derived from
 * household and month (recording one again answers the stored one).
 *
 * DEMO_TOWN_SIZE=small loads a 60-household slice instead (12 registered one by one per village, each
 * surveyed; the console's e2e suite uses it, so a crawl does not wait for the whole town).
 */
import { createHash } from 'node:crypto';
import { generateLedger } from '../../bench/households/ledger-fixture';
import { demoHouseholds, demoLastMonth, DEMO_TOWN, DEMO_VILLAGES, seededRandom } from './demo-town';
import { must, signIn, signInAsAdmin } from './gateway-call';
import { DemoUser, seedUsers } from './seed-users';
import { seedOrgUnits } from './seed-org-units';
import { seedProjects } from './seed-projects';
import { seedSupervision } from './seed-supervision';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The seed report's town: 全镇1144户3534人, 9户"监测户". */
const TOWN = { households: 1144, people: 3534, monitored: 9 };
/** Surveys recorded at once (the gateway and monitoring take them in parallel). */
const IN_FLIGHT = 8;
let token = '';

/** 各村驻村工作队: the account that records each village's surveys (a 驻村队员 of that village). */
const SURVEY_TEAMS: Array<DemoUser & { villageCode: string }> = DEMO_VILLAGES.map((v, i) => ({
  title: '驻村队员',
  username: `demo-team-${i + 1}`,
  password: `demo-team-${i + 1}-2026`,
  displayName: `${v.name}驻村工作队`,
  roles: [{ role: 'work-team-member', unit: v.code }],
  villageCode: v.code,
}));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A call through the gateway; a read that timed out upstream (502–504, a loaded machine) is asked again,
 * and any call the rate limit refused (429).
 */
async function call(method: string, url: string, body?: unknown, as = token) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${as}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = {
      status: res.status,
      body: (await res.json().catch(() => null)) as Record<string, unknown>,
    };
    // the gateway's rate limit (GATEWAY_RATE_LIMIT_PER_MINUTE per user): the request was refused
    // before it did anything, so it is sent again once the limit allows (surveys answered again
    // from their stored ids on a second run come faster than the limit)
    if (res.status === 429 && attempt < 30) {
      await sleep(1_000 * Math.max(1, Number(res.headers.get('retry-after')) || 2));
      continue;
    }
    if (method !== 'GET' || res.status < 502 || res.status > 504 || attempt === 5) return answer;
    await sleep(1_000 * attempt);
  }
}

/** Waits until `done` answers true, polling; an error naming `what` after `ms`. */
async function until(what: string, done: () => Promise<boolean>, ms = 180_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done in ${ms / 1000} s`);
    await sleep(500);
  }
}

/** A UUID derived from the text (so a second run records the same survey id). */
function uuidOf(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Every household of a village in scope: number → id. */
async function householdsOf(village: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let page = 1; ; page++) {
    const body = must(
      `households of ${village}`,
      await call('GET', `${gateway}/api/v1/households?villageCode=${village}&pageSize=500&page=${page}`),
    );
    const items = body.items as Array<{ id: string; householdNumber: string }>;
    for (const h of items) ids.set(h.householdNumber, h.id);
    if (items.length < 500) return ids;
  }
}

/** The small town (DEMO_TOWN_SIZE=small): 12 households per village registered one by one, each surveyed. */
async function loadSmallTown() {
  const demo = demoHouseholds();
  const month = demoLastMonth();
  const ids: Array<{ id: string; survey: (typeof demo)[number]['survey'] }> = [];
  for (const h of demo) {
    const created = await call('POST', `${gateway}/api/v1/households`, h.body);
    if (created.status === 201) ids.push({ id: created.body.id as string, survey: h.survey });
    else if (created.status !== 409)
      throw new Error(
        `register ${h.body.householdNumber}: ${created.status} ${JSON.stringify(created.body)}`,
      );
  }
  for (const { id, survey } of ids) {
    await until(
      'monitoring to know the registered households',
      async () => {
        return (await call('GET', `${gateway}/api/v1/monitored-households/${id}`)).status === 200;
      },
      60_000,
    );
    const res = await call('POST', `${gateway}/api/v1/surveys`, {
      householdId: id,
      month,
      visitor: '驻村工作队',
      ...survey,
    });
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`survey ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  console.log(
    `demo town ${DEMO_TOWN.name} (small): ${ids.length} of ${demo.length} households new, registered and surveyed for ${month}`,
  );
  console.log(`demo town ${DEMO_TOWN.name}: ${await seedProjects(gateway, call)}`);
  console.log(`demo town ${DEMO_TOWN.name}: ${await seedSupervision(gateway, call)}`);
}

async function main() {
  const t0 = Date.now();
  token = await signInAsAdmin(gateway);
  console.log(await seedOrgUnits(gateway, token));
  if (process.env.DEMO_TOWN_SIZE === 'small') return loadSmallTown();
  if (process.env.DEMO_TOWN_SIZE && process.env.DEMO_TOWN_SIZE !== 'seed')
    throw new Error(`DEMO_TOWN_SIZE=${process.env.DEMO_TOWN_SIZE}: seed (the default) or small`);
  const ledger = await generateLedger({
    households: TOWN.households,
    members: TOWN.people,
    monitored: TOWN.monitored,
    badRows: false,
  });
  const res = await fetch(`${gateway}/api/v1/household-ledger/imports`, {
    method: 'POST',
    headers: { 'content-type': XLSX, authorization: `Bearer ${token}` },
    body: new Uint8Array(ledger.file),
  });
  const report = (await res.json().catch(() => null)) as {
    households?: { imported: number; rejected: number };
  } | null;
  if (res.status !== 200) throw new Error(`ledger import: ${res.status} ${JSON.stringify(report)}`);
  console.log(
    `demo town ${DEMO_TOWN.name}: ledger of ${ledger.households} households / ${ledger.members} people imported (${report?.households?.imported ?? 0} new) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  const ids = new Map<string, string>();
  const villageOf = new Map<string, string>();
  for (const v of DEMO_VILLAGES)
    for (const [n, id] of await householdsOf(v.code)) {
      ids.set(n, id);
      villageOf.set(id, v.code);
    }
  const missing = ledger.householdNumbers.filter((n) => !ids.has(n));
  if (missing.length)
    throw new Error(`ledger import: ${missing.length} households not found (${missing[0]}…)`);
  // monitoring learns of households from households.events.v1: its coverage of this month counts them
  const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  await until(
    'monitoring to know every household',
    async () => {
      const r = await call('GET', `${gateway}/api/v1/coverage?month=${thisMonth}&townCode=${DEMO_TOWN.code}`);
      const totals = r.body?.totals as { households?: number } | undefined;
      return r.status === 200 && Number(totals?.households) >= ledger.households;
    },
    600_000,
  );

  // last month's survey for every household, by its village's work team: the monitored ones below the 6,000 line
  await seedUsers(
    gateway,
    token,
    SURVEY_TEAMS.map(({ villageCode: _v, ...user }) => user),
  );
  const teamToken = new Map<string, string>();
  for (const t of SURVEY_TEAMS) teamToken.set(t.villageCode, await signIn(gateway, t.username, t.password));
  const teamName = new Map(SURVEY_TEAMS.map((t) => [t.villageCode, t.displayName]));
  const month = demoLastMonth();
  const monitored = new Set(ledger.monitoredNumbers);
  const rnd = seededRandom(2022);
  const surveys = ledger.householdNumbers.map((number, i) => {
    const size = ledger.householdSizes[i];
    const perCapita = monitored.has(number)
      ? 3800 + Math.floor(rnd() * 1800)
      : 9000 + Math.floor(rnd() * 12000);
    const total = perCapita * size;
    const wage = Math.round(total * 0.6);
    const business = Math.round(total * 0.25);
    const householdId = ids.get(number)!;
    return {
      id: uuidOf(`${householdId}|${month}`),
      householdId,
      month,
      visitor: teamName.get(villageOf.get(householdId)!)!,
      income: { wage, business, property: 0, transfer: total - wage - business + 300, businessCosts: 300 },
      residentMembers: size,
    };
  });
  let next = 0;
  let recorded = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < surveys.length) {
        const survey = surveys[next++];
        const r = await call(
          'POST',
          `${gateway}/api/v1/surveys`,
          survey,
          teamToken.get(villageOf.get(survey.householdId)!),
        );
        if (r.status === 201) recorded++;
        else if (r.status !== 200 && r.status !== 409)
          throw new Error(`survey ${survey.householdId}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }),
  );
  console.log(
    `demo town ${DEMO_TOWN.name}: ${recorded} surveys recorded for ${month} (of ${surveys.length}) at ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(`demo town ${DEMO_TOWN.name}: ${await seedProjects(gateway, call)}`);
  console.log(`demo town ${DEMO_TOWN.name}: ${await seedSupervision(gateway, call)}`);

  // read models caught up: monitoring has every household's survey for the month (its coverage counts
  // them surveyed), and rules the monitored households' alerts (their incomes are below the line)
  await until(
    `monitoring to count every household surveyed for ${month}`,
    async () => {
      const r = await call('GET', `${gateway}/api/v1/coverage?month=${month}&townCode=${DEMO_TOWN.code}`);
      const totals = r.body?.totals as { surveyed?: number } | undefined;
      return r.status === 200 && Number(totals?.surveyed) >= ledger.households;
    },
    300_000,
  );
  const monitoredIds = ledger.monitoredNumbers.map((n) => ids.get(n)!);
  await until("rules to raise the monitored households' alerts", async () => {
    for (const id of monitoredIds) {
      const r = await call('GET', `${gateway}/api/v1/alerts?subjectId=${id}&pageSize=1`);
      if (r.status !== 200 || Number(r.body.total) < 1) return false;
    }
    return true;
  });
  console.log(
    `demo town ${DEMO_TOWN.name}: ${ledger.households} households / ${ledger.members} people, ${monitoredIds.length} monitored, surveyed for ${month}; read models caught up ${((Date.now() - t0) / 1000).toFixed(1)} s after the start of loading`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
