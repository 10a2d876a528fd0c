import { createHmac } from 'node:crypto';
import { MongoClient } from 'mongodb';
import {
  createEvent,
  DeadLetterHeaders,
  deadLetterTopic,
  DepartmentFactReceivedV1,
  DepartmentFactSubmittedV1,
  Topics,
} from '@lib/contracts';
import { infra, waitFor } from '@lib/testing';
import { DEMO_VILLAGES, MonitoringHarness } from './coverage-harness';

const HASH_KEY = 'e2e-dept-facts-hash-key-0123';
const hashOf = (id: string) => createHmac('sha256', HASH_KEY).update(id.toUpperCase()).digest('hex');
// 18-character ID numbers (the check character does not matter for matching)
const ID_A = '62129919700101123x';
const ID_C = '621299200112304567';

interface Outcome {
  received: number;
  matched: number;
  unmatched: number;
  duplicates: number;
  items: Array<{ index: number; status: string }>;
}
interface FactView {
  id: string;
  status: string;
  householdId: string | null;
  memberId: string | null;
  idNumberMasked: string | null;
  department: string;
  sourceRecordId: string;
}

describe('department facts (部门筛查预警)', () => {
  const h = new MonitoringHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  let hhA: string;
  let hhB: string;
  let integration: string;
  let countyAdmin: string;

  beforeAll(async () => {
    await h.start({ PII_HASH_KEY: HASH_KEY });
    await mongo.connect();
    [hhA, hhB] = await h.registerHouseholds([
      {
        villageCode: DEMO_VILLAGES[0],
        householdNumber: 'DF-1',
        registeredAt: '2026-03-01T00:00:00Z',
        idNumberHashes: [hashOf(ID_A)],
      },
      { villageCode: DEMO_VILLAGES[1], householdNumber: 'DF-2', registeredAt: '2026-03-01T00:00:00Z' },
    ]);
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.households), 60_000);
    integration = await h.tokenOf('integration-client', '621299', 'integration:yibao');
    countyAdmin = await h.tokenOf('county-admin', '621299');
  }, 120_000);
  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  const received = async (n: number) =>
    waitFor(`${n} department-fact.received.v1`, async () => {
      const events = (await h.kafka.readAll(h.topic(Topics.monitoring)))
        .map((m) => JSON.parse(m.value!.toString()) as DepartmentFactReceivedV1)
        .filter((e) => e.type === DepartmentFactReceivedV1.type);
      return events.length >= n ? events : undefined;
    });

  it('matches pushed facts by ID number or household, keeps the unmatched, ignores repeats, stores no ID number', async () => {
    const medical = {
      department: 'medical_insurance',
      sourceRecordId: 'YB-2026-0001',
      kind: 'medical_out_of_pocket',
      countyCode: '621299',
      idNumber: ID_A,
      amount: 23000.5,
      occurredOn: '2026-11-20',
      period: '2026',
      detail: { basis: 'year' },
    };
    const res = await h.app.post<Outcome>(
      '/api/v1/department-facts',
      {
        facts: [
          medical,
          {
            department: 'education',
            sourceRecordId: 'JY-77',
            kind: 'school_dropout',
            countyCode: '621299',
            householdId: hhB,
            occurredOn: '2026-11-02',
          },
          {
            department: 'emergency',
            sourceRecordId: 'YJ-5',
            kind: 'disaster_report',
            countyCode: '621299',
            idNumber: ID_C,
            occurredOn: '2026-11-10',
            detail: { subType: 'flood' },
          },
          { ...medical, amount: 1 },
        ],
      },
      { token: integration },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 4, matched: 2, unmatched: 1, duplicates: 1 });
    expect(res.body.items.map((i) => i.status)).toEqual(['matched', 'matched', 'unmatched', 'duplicate']);

    const events = await received(2);
    const byKind = Object.fromEntries(events.map((e) => [e.data.kind, e.data]));
    expect(byKind.medical_out_of_pocket).toMatchObject({
      householdId: hhA,
      memberId: `${hhA}-m1`,
      villageCode: DEMO_VILLAGES[0],
      amount: 23000.5,
      period: '2026',
      detail: { basis: 'year' },
    });
    expect(byKind.school_dropout).toMatchObject({
      householdId: hhB,
      memberId: null,
      villageCode: DEMO_VILLAGES[1],
    });

    // the clear ID number is nowhere in the database (hash and mask only), nor in any answer
    const stored = JSON.stringify(
      await mongo.db(h.database).collection('department_facts').find({}).toArray(),
    );
    for (const id of [ID_A, ID_A.toUpperCase(), ID_C]) expect(stored).not.toContain(id);
    expect(stored).toContain(hashOf(ID_C));

    const unmatched = await h.app.get<{ items: FactView[]; total: number }>(
      '/api/v1/department-facts/unmatched',
      {
        token: countyAdmin,
      },
    );
    expect(unmatched.body.total).toBe(1);
    expect(unmatched.body.items[0]).toMatchObject({
      sourceRecordId: 'YJ-5',
      idNumberMasked: '6212**********4567',
    });
    expect(JSON.stringify(unmatched.body)).not.toMatch(new RegExp(`idNumberHash|${ID_C}`));

    // a town official of another county sees none of it
    const other = await h.app.get<{ total: number }>('/api/v1/department-facts/unmatched', {
      token: await h.tokenOf('county-admin', '530102'),
    });
    expect(other.body.total).toBe(0);
  });

  it('takes facts from the raw topic, dead-letters malformed records and ignores repeats', async () => {
    const record = (sourceRecordId: string, data: Record<string, unknown>) =>
      createEvent({
        type: DepartmentFactSubmittedV1.type,
        source: 'yibao-county-621299',
        subject: `medical_insurance:${sourceRecordId}`,
        data: {
          department: 'medical_insurance',
          sourceRecordId,
          kind: 'serious_illness_diagnosed',
          countyCode: '621299',
          occurredOn: '2026-11-21',
          ...data,
        },
      });
    const good = record('YB-K-1', { idNumberHash: hashOf(ID_A) });
    const repeat = record('YB-2026-0001', { idNumber: ID_A, kind: 'medical_out_of_pocket', amount: 5 });
    const bad = record('YB-K-2', { idNumber: 'not-an-id' });
    await h.kafka.send(
      h.topic(Topics.departmentFacts),
      [good, repeat, bad].map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    );
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.departmentFacts), 60_000);

    const events = await received(3);
    expect(events.filter((e) => e.data.kind === 'serious_illness_diagnosed')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ householdId: hhA, memberId: `${hhA}-m1` }) }),
    ]);
    const matched = await h.app.get<{ items: FactView[] }>(`/api/v1/department-facts?householdId=${hhA}`, {
      token: countyAdmin,
    });
    expect(matched.body.items.map((f) => f.sourceRecordId).sort()).toEqual(['YB-2026-0001', 'YB-K-1']);

    const dead = await h.kafka.readAll(deadLetterTopic(h.topic(Topics.departmentFacts)));
    expect(dead).toHaveLength(1);
    expect(dead[0].headers![DeadLetterHeaders.reason]!.toString()).toMatch(/data\.idNumber/);
  });

  it('matches a kept fact when a household with that person registers later', async () => {
    const [hhC] = await h.registerHouseholds([
      {
        villageCode: DEMO_VILLAGES[2],
        householdNumber: 'DF-3',
        registeredAt: '2026-11-25T00:00:00Z',
        idNumberHashes: [hashOf('621299195001011111'), hashOf(ID_C)],
      },
    ]);
    const events = await received(4);
    expect(events.find((e) => e.data.kind === 'disaster_report')?.data).toMatchObject({
      householdId: hhC,
      memberId: `${hhC}-m2`,
      villageCode: DEMO_VILLAGES[2],
      detail: { subType: 'flood' },
    });
    const unmatched = await h.app.get<{ total: number }>('/api/v1/department-facts/unmatched', {
      token: countyAdmin,
    });
    expect(unmatched.body.total).toBe(0);
  });

  it('lets only integration clients and county staff push, within their county, 500 at most', async () => {
    const fact = {
      department: 'civil_affairs',
      sourceRecordId: 'MZ-1',
      kind: 'subsistence_allowance_changed',
      countyCode: '621299',
      householdId: hhB,
      occurredOn: '2026-11-01',
    };
    const cadre = await h.tokenOf('village-cadre', DEMO_VILLAGES[0]);
    expect((await h.app.post('/api/v1/department-facts', { facts: [fact] }, { token: cadre })).status).toBe(
      403,
    );
    const elsewhere = await h.app.post<{ problems: Array<{ field: string }> }>(
      '/api/v1/department-facts',
      { facts: [fact, { ...fact, sourceRecordId: 'MZ-2', countyCode: '530102' }] },
      { token: integration },
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.problems).toEqual([expect.objectContaining({ field: 'facts.1.countyCode' })]);
    const tooMany = await h.app.post<{ problems: Array<{ field: string }> }>(
      '/api/v1/department-facts',
      { facts: Array.from({ length: 501 }, (_, i) => ({ ...fact, sourceRecordId: `MZ-${i}` })) },
      { token: integration },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.problems[0].field).toBe('facts');
    const noPerson = await h.app.post<{ problems: Array<{ field: string }> }>(
      '/api/v1/department-facts',
      { facts: [{ ...fact, householdId: undefined }] },
      { token: integration },
    );
    expect(noPerson.status).toBe(400);
    expect(noPerson.body.problems[0].field).toBe('facts.0.idNumber');
    // nothing of the refused requests was kept
    const all = await h.app.get<{ items: FactView[] }>(`/api/v1/department-facts?householdId=${hhB}`, {
      token: countyAdmin,
    });
    expect(all.body.items.map((f) => f.sourceRecordId)).toEqual(['JY-77']);
  });
});
