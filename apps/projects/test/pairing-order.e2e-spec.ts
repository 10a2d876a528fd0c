import { CloudEvent, Topics } from '@lib/contracts';
import { AppProcess, devToken, householdPairingChanged, waitFor } from '@lib/testing';
import { day, ProjectsHarness } from './harness';

const VILLAGE = '621299101201';
const OLD_CADRE = 'user:pc-old';
const NEW_CADRE = 'user:pc-new';

type Page = { total: number; items: Array<{ householdId: string }> };

/**
 * A household's 帮扶责任人 as projects copies them (its household directory, and every assistance-ledger
 * record of the household, which a paired cadre sees only when paired) follow the newest pairing: a
 * household.pairing-changed.v1 of an older version that arrives late (a redelivery, a replayed topic)
 * changes nothing, as the pairings read model already did.
 */
describe('projects: the 帮扶责任人 copied onto the directory and the ledgers keep the newest pairing', () => {
  const h = new ProjectsHarness();
  let app: AppProcess;
  let household: string;

  beforeAll(async () => {
    app = await h.start();
    household = await h.registerHousehold(VILLAGE, 'PO-001');
    await waitFor(
      'the household in the directory',
      async () => (await app.get(`/api/v1/projects/households/${household}`)).status === 200,
    );
  }, 120_000);

  afterAll(() => h.stop(), 60_000);

  const pairing = (version: number, userId: string): CloudEvent =>
    householdPairingChanged(
      {
        householdId: household,
        villageCode: VILLAGE,
        townCode: VILLAGE.slice(0, 9),
        version,
        at: new Date(Date.UTC(2026, 5, version)).toISOString(),
        cadres: [{ userId, name: `干部${version}`, orgUnit: VILLAGE }],
        added: [userId],
        removed: [],
      },
      { id: `pairing-${household}-${version}` },
    );
  const produce = (events: CloudEvent[]) =>
    h.kafka.send(
      `${h.prefix}${Topics.households}`,
      events.map((e) => ({ key: e.subject!, value: JSON.stringify(e) })),
    );
  const purchasesSeenBy = async (sub: string) => {
    const token = await devToken({ sub, kind: 'user', name: sub, grants: [{ role: 'paired-cadre', unit: VILLAGE }] });
    return (await app.get<Page>('/api/v1/assistance/consumption', { token })).body;
  };

  /** A 消费帮扶 purchase from the household, recorded by the county. */
  const purchase = (buyerUnit: string, product: string, amount: number, daysAgo: number) =>
    app.post('/api/v1/assistance/consumption', {
      householdId: household,
      buyerUnit,
      product,
      quantity: 10,
      unit: '斤',
      amount,
      purchasedOn: day(daysAgo),
    });

  it('a late, older pairing leaves the newer cadre seeing the household’s records and the older one not', async () => {
    const bought = await purchase('县机关食堂', 'honey', 400, -3);
    expect(bought.status).toBe(201);
    await produce([pairing(2, NEW_CADRE), pairing(1, OLD_CADRE)]);
    await h.kafka.waitForNoLag(`${h.prefix}projects`, `${h.prefix}${Topics.households}`, 60_000);

    const newer = await purchasesSeenBy(NEW_CADRE);
    expect(newer.items.map((r) => r.householdId)).toEqual([household]);
    expect((await purchasesSeenBy(OLD_CADRE)).total).toBe(0);

    // a record made after both events copies the newest pairing from the directory
    const later = await purchase('镇中心学校', 'morel', 150, -1);
    expect(later.status).toBe(201);
    expect((await purchasesSeenBy(NEW_CADRE)).total).toBe(2);
    expect((await purchasesSeenBy(OLD_CADRE)).total).toBe(0);

    // a newer pairing still replaces it everywhere
    await produce([pairing(3, OLD_CADRE)]);
    await h.kafka.waitForNoLag(`${h.prefix}projects`, `${h.prefix}${Topics.households}`, 60_000);
    expect((await purchasesSeenBy(OLD_CADRE)).total).toBe(2);
    expect((await purchasesSeenBy(NEW_CADRE)).total).toBe(0);
  });
});
