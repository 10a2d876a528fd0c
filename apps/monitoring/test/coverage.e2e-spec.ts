import { CoverageChangedV1, Topics } from '@lib/contracts';
import { waitFor } from '@lib/testing';
import {
  Counts,
  CoverageView,
  DEMO_TOWN,
  DEMO_VILLAGES,
  MonitoringHarness,
  withConcurrency,
} from './coverage-harness';

interface HouseholdRow {
  householdId: string;
  householdNumber: string;
  status: string;
  deadline: string;
}
interface HouseholdsPage {
  items: HouseholdRow[];
  total: number;
}

const PAST_MONTH = '2026-10';
const SURVEYS = 1_144;
const SKIPPED = 7;

/** China-time month and day now (the app's clock and ours are the same machine's). */
function chinaToday() {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return {
    month: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`,
    day: d.getUTCDate(),
  };
}

describe('coverage (走访覆盖): a month of the demo town', () => {
  const h = new MonitoringHarness();
  let ids: string[] = [];
  let skipped: Set<string>;
  const villageOf = new Map<string, string>();

  beforeAll(async () => {
    await h.start({ SURVEY_DUE_DAY: '25' });
  }, 120_000);
  afterAll(async () => {
    await h.stop();
  }, 60_000);

  it(`records ${SURVEYS} surveys of a past month and reports exactly the ${SKIPPED} skipped households as overdue`, async () => {
    const { app } = h;
    const total = SURVEYS + SKIPPED;
    const households = Array.from({ length: total }, (_, i) => ({
      villageCode: DEMO_VILLAGES[i % DEMO_VILLAGES.length],
      householdNumber: `621299101-${String(i + 1).padStart(4, '0')}`,
      registeredAt: '2026-09-10T02:00:00Z',
    }));
    const t0 = Date.now();
    ids = await h.registerHouseholds(households);
    ids.forEach((id, i) => villageOf.set(id, households[i].villageCode));
    // readiness: the consumer has caught up on the households topic (cheaper than polling counts)
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.households), 120_000);
    const tRegistered = Date.now();

    // skip a few households spread over the villages
    skipped = new Set([3, 170, 333, 500, 731, 902, 1150].map((i) => ids[i]));
    expect(skipped.size).toBe(SKIPPED);
    const toSurvey = ids.filter((id) => !skipped.has(id));
    expect(toSurvey).toHaveLength(SURVEYS);

    const before = await app.get<CoverageView>(`/api/v1/coverage?month=${PAST_MONTH}&townCode=${DEMO_TOWN}`);
    expect(before.body.totals).toEqual({ households: total, surveyed: 0, due: 0, overdue: total });

    const failures: string[] = [];
    await withConcurrency(toSurvey, 8, async (householdId) => {
      const r = await app.post('/api/v1/surveys', {
        householdId,
        month: PAST_MONTH,
        visitedAt: '2026-10-12T03:00:00Z',
        visitor: '驻村工作队 张明',
        income: { wage: 6000, business: 1500, property: 0, transfer: 2400, businessCosts: 500 },
        residentMembers: 2,
      });
      if (r.status !== 201) failures.push(`${r.status} ${JSON.stringify(r.body)}`);
    });
    expect(failures).toEqual([]);
    const tRecorded = Date.now();

    const after = await waitFor(
      'coverage to count every survey',
      async () => {
        if ((await h.kafka.lag(h.groupId, h.topic(Topics.monitoring))) > 0n) return undefined;
        const r = await app.get<CoverageView>(`/api/v1/coverage?month=${PAST_MONTH}&townCode=${DEMO_TOWN}`);
        return r.body?.totals?.surveyed === SURVEYS ? r.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const tCounted = Date.now();
    console.log(
      `coverage e2e: ${total} registrations known in ${tRegistered - t0} ms; ${SURVEYS} surveys recorded over HTTP ` +
        `(concurrency 8) in ${tRecorded - tRegistered} ms (${Math.round((SURVEYS * 1000) / (tRecorded - tRegistered))}/s); ` +
        `coverage counted all of them ${tCounted - tRecorded} ms after the last one was acknowledged`,
    );

    expect(after.totals).toEqual({ households: total, surveyed: SURVEYS, due: 0, overdue: SKIPPED });
    // per-village counts add up to the town's, and to what we registered and surveyed
    expect(after.villages.map((v) => v.villageCode)).toEqual(DEMO_VILLAGES);
    for (const v of after.villages) {
      const mine = ids.filter((id) => villageOf.get(id) === v.villageCode);
      const mineSkipped = mine.filter((id) => skipped.has(id)).length;
      expect(v).toEqual({
        villageCode: v.villageCode,
        households: mine.length,
        surveyed: mine.length - mineSkipped,
        due: 0,
        overdue: mineSkipped,
      });
    }
    const sum = (k: keyof Counts) => after.villages.reduce((s, v) => s + v[k], 0);
    expect({ households: sum('households'), surveyed: sum('surveyed'), overdue: sum('overdue') }).toEqual({
      households: total,
      surveyed: SURVEYS,
      overdue: SKIPPED,
    });

    // the overdue lists name exactly the skipped households
    const overdue: string[] = [];
    for (const village of DEMO_VILLAGES) {
      const r = await app.get<HouseholdsPage>(
        `/api/v1/coverage/households?month=${PAST_MONTH}&villageCode=${village}&status=overdue`,
      );
      expect(r.status).toBe(200);
      overdue.push(...r.body.items.map((i) => i.householdId));
      expect(r.body.items.every((i) => i.status === 'overdue')).toBe(true);
    }
    expect(overdue.sort()).toEqual([...skipped].sort());

    // paging through one village's surveyed households
    const village = DEMO_VILLAGES[0];
    const expectSurveyed = after.villages[0].surveyed;
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const r = await app.get<HouseholdsPage>(
        `/api/v1/coverage/households?month=${PAST_MONTH}&villageCode=${village}&status=surveyed&page=${page}&pageSize=100`,
      );
      expect(r.body.total).toBe(expectSurveyed);
      r.body.items.forEach((i) => seen.add(i.householdId));
      if (r.body.items.length < 100) break;
    }
    expect(seen.size).toBe(expectSurveyed);

    // coverage.changed.v1 went out through the outbox: each village's latest announcement has its final counts
    await waitFor(
      'the last coverage announcements',
      async () => {
        const records = await h.kafka.readAll(h.topic(Topics.monitoring));
        const changes = records
          .map((m) => JSON.parse(m.value!.toString()) as CoverageChangedV1)
          .filter((e) => e.type === CoverageChangedV1.type && e.data.month === PAST_MONTH);
        return DEMO_VILLAGES.every((v) => {
          const best = Math.max(
            ...changes.filter((c) => c.data.villageCode === v).map((c) => c.data.surveyed),
          );
          return best === after.villages.find((x) => x.villageCode === v)!.surveyed;
        });
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
  }, 300_000);

  it('a recorded survey is not counted twice, and this month a late entry is due until the month ends', async () => {
    const { app } = h;
    const today = chinaToday();
    const again = await app.post('/api/v1/surveys', {
      householdId: ids[0],
      month: PAST_MONTH,
      visitor: '驻村工作队 张明',
      income: { wage: 6000, business: 0, property: 0, transfer: 0, businessCosts: 0 },
      residentMembers: 2,
    });
    expect(again.status).toBe(409);

    const [late] = await h.registerHouseholds([
      {
        villageCode: DEMO_VILLAGES[4],
        householdNumber: '621299101-9999',
        registeredAt: new Date().toISOString(),
      },
    ]);
    const current = await waitFor('the late household', async () => {
      const r = await app.get<HouseholdsPage>(
        `/api/v1/coverage/households?month=${today.month}&villageCode=${DEMO_VILLAGES[4]}&pageSize=500`,
      );
      return r.body?.items?.find((i) => i.householdId === late) ? r.body : undefined;
    });
    const lateRow = current.items.find((i) => i.householdId === late)!;
    // before day 25 everyone is due; after it only a household that entered after day 25 still is
    expect(lateRow.status).toBe('due');
    const others = current.items.filter((i) => i.householdId !== late);
    expect(new Set(others.map((o) => o.status))).toEqual(new Set([today.day > 25 ? 'overdue' : 'due']));
    // and it does not count in the past month
    const past = await app.get<CoverageView>(
      `/api/v1/coverage?month=${PAST_MONTH}&villageCode=${DEMO_VILLAGES[4]}`,
    );
    expect(past.body.totals.households).toBe(
      ids.filter((id) => villageOf.get(id) === DEMO_VILLAGES[4]).length,
    );
  });

  it('shows each caller only the villages of their scope', async () => {
    const { app } = h;
    const cadre = await h.tokenOf('village-cadre', DEMO_VILLAGES[1]);
    const town = await app.get<CoverageView>(`/api/v1/coverage?month=${PAST_MONTH}&townCode=${DEMO_TOWN}`, {
      token: cadre,
    });
    expect(town.status).toBe(200);
    expect(town.body.villages.map((v) => v.villageCode)).toEqual([DEMO_VILLAGES[1]]);
    expect(town.body.totals.households).toBe(town.body.villages[0].households);

    const other = await app.get(
      `/api/v1/coverage/households?month=${PAST_MONTH}&villageCode=${DEMO_VILLAGES[2]}`,
      {
        token: cadre,
      },
    );
    expect(other.status).toBe(404);
    const elsewhere = await h.tokenOf('town-official', '621299102');
    const r = await app.get(`/api/v1/coverage?month=${PAST_MONTH}&townCode=${DEMO_TOWN}`, {
      token: elsewhere,
    });
    expect(r.status).toBe(404);
  });

  it('refuses a future month or two org units, naming the field', async () => {
    const { app } = h;
    const future = await app.get<{ problems: Array<{ field: string; reason: string }> }>(
      `/api/v1/coverage?month=2099-01&townCode=${DEMO_TOWN}`,
    );
    expect(future.status).toBe(400);
    expect(future.body.problems).toEqual([expect.objectContaining({ field: 'month' })]);
    const both = await app.get<{ problems: Array<{ field: string }> }>(
      `/api/v1/coverage?month=${PAST_MONTH}&townCode=${DEMO_TOWN}&villageCode=${DEMO_VILLAGES[0]}`,
    );
    expect(both.status).toBe(400);
    expect(both.body.problems[0].field).toBe('townCode');
    const status = await app.get(
      `/api/v1/coverage/households?month=${PAST_MONTH}&villageCode=${DEMO_VILLAGES[0]}&status=late`,
    );
    expect(status.status).toBe(400);
  });
});
