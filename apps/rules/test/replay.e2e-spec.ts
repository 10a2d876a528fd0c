import { inflateRawSync } from 'node:zlib';
import { Binary, MongoClient } from 'mongodb';
import { Topics } from '@lib/contracts';
import { devToken, infra, runReplay, waitFor } from '@lib/testing';
import {
  AlertView,
  departmentFact,
  incomeChanged,
  memberAdded,
  Page,
  registered,
  RulesHarness,
  surveyRecorded,
  VILLAGE,
} from './harness';

const HOUSEHOLDS = 40;

interface Version {
  _id: string;
  subjectId: string;
  rev: number;
  /** The state, deflated JSON (subjects.store.ts). */
  stateZ: Binary;
}

type StoredState = Record<string, unknown> & { rev: number; appliedEventIds: string[] };
const stateOf = (v: Version) => JSON.parse(inflateRawSync(v.stateZ.buffer).toString('utf8')) as StoredState;

/**
 * Replay (issue #17): rules' subjects read model is dropped and rebuilt from Kafka by
 * `npm run replay -- rules subjects` while two rules instances keep answering and consuming; the
 * rebuilt states equal the ones before, the open alerts are untouched (replay raises nothing), events
 * that arrive during the replay are in the rebuilt model, and the apps go on from it.
 */
describe('rules: a read model rebuilt from Kafka (npm run replay -- rules subjects)', () => {
  const h = new RulesHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  const ids = Array.from({ length: HOUSEHOLDS }, (_, i) => `rp-hh-${String(i).padStart(3, '0')}`);
  let cadre: string;

  beforeAll(async () => {
    await mongo.connect();
    await h.startInstance();
    await h.startInstance();
    cadre = await devToken({
      sub: 'user:cadre',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: VILLAGE }],
    });
  }, 300_000);

  afterAll(async () => {
    await h.stop();
    await mongo.close();
  }, 60_000);

  const db = () => mongo.db(`${h.runId}_rules`);

  /** The current state of every subject in a collection (highest rev), without the write counter. */
  async function statesIn(collection: string): Promise<Map<string, Record<string, unknown>>> {
    const latest = new Map<string, Version>();
    for await (const v of db().collection<Version>(collection).find({})) {
      const had = latest.get(v.subjectId);
      if (!had || had.rev < v.rev) latest.set(v.subjectId, v);
    }
    const out = new Map<string, Record<string, unknown>>();
    for (const [id, v] of latest) {
      // rev counts writes, not facts; Kafka orders events within a topic only, so the ids of the
      // events applied are compared as a set (a household's events come over several topics)
      const { rev: _rev, appliedEventIds, ...state } = stateOf(v);
      out.set(id, { ...state, appliedEventIds: [...appliedEventIds].sort() });
    }
    return out;
  }

  async function unresolvedAlerts(): Promise<AlertView[]> {
    const r = await h.app.get<Page<AlertView>>('/api/v1/alerts?pageSize=500');
    expect(r.status).toBe(200);
    return r.body.items.filter((a) => a.status !== 'resolved').sort((a, b) => a.id.localeCompare(b.id));
  }

  it('drops the subjects, replays them while serving, finds the same states and open alerts', async () => {
    // a county's worth of facts per household: registration, a member, surveys, incomes, medical bills
    for (const [i, id] of ids.entries()) {
      const low = i % 2 === 0;
      await h.publish(registered(id));
      await h.publish(
        memberAdded(id, {
          memberId: `${id}-3`,
          relation: 'child',
          sex: 'female',
          birthDate: '2012-04-01',
          labourSkill: 'none',
        }),
        surveyRecorded(id, { month: '2026-09', riskTypes: low ? ['illness'] : [] }),
        incomeChanged(id, low ? 4200 : 9800, { month: '2026-09' }),
        departmentFact(id, 'medical_out_of_pocket', { amount: 3000 + i * 10, occurredOn: '2026-09-20' }),
      );
      // a quarter recover in October: their alerts resolve by themselves
      if (i % 4 === 0) await h.publish(incomeChanged(id, 9100, { month: '2026-10' }));
    }
    await h.settle();
    await waitFor('every household known to rules', async () => {
      const states = await statesIn('subject_versions');
      return states.size === HOUSEHOLDS ? states : undefined;
    });
    // a person acknowledges one alert (its holder re-reads the subject: a new version, same state)
    const before = await unresolvedAlerts();
    expect(before.length).toBeGreaterThan(0);
    const ack = await h.app.post(
      `/api/v1/alerts/${before[0].id}/acknowledge`,
      { note: '已入户核实' },
      { token: cadre },
    );
    expect(ack.status).toBe(200);
    const openBefore = await unresolvedAlerts();
    const statesBefore = await statesIn('subject_versions');

    // the read model is lost
    await db().collection('subject_versions').drop();

    // the replay, while the apps answer reads and take new events
    const reads: number[] = [];
    let replaying = true;
    const reader = (async () => {
      while (replaying) {
        const r = await h.apps[1].get<Page<AlertView>>('/api/v1/alerts?pageSize=1');
        reads.push(r.status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const during = ['rp-new-0', 'rp-new-1', 'rp-new-2'];
    const replayStarted = new Date().toISOString();
    const replay = runReplay('rules', 'subjects', h.env());
    for (const id of during) await h.publish(registered(id), incomeChanged(id, 3900, { month: '2026-10' }));
    const { code, stdout, stderr } = await replay;
    replaying = false;
    await reader;
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
      collection: string;
      events: number;
      eventsPerSecond: number;
      fencedMs: number;
    };
    console.log(`replay: ${stdout.trim()}; reads answered during it: ${reads.length}`);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((s) => s === 200)).toBe(true);

    // the apps now read the rebuilt collection
    const pointer = await db()
      .collection<{ _id: string; collection: string }>('read_models')
      .findOne({ _id: 'subjects' });
    expect(pointer?.collection).toBe(result.collection);
    await h.settle();
    for (const id of during)
      await h.waitForAlerts(id, (a) => a.length === 1, 'the alert raised during the replay');

    const statesAfter = await statesIn(result.collection);
    for (const id of ids)
      expect({ id, state: statesAfter.get(id) }).toEqual({ id, state: statesBefore.get(id) });
    // the events taken during the replay are in the rebuilt model too (by the replay or the apps)
    await waitFor('the households registered during the replay in the rebuilt model', async () => {
      const now = await statesIn(result.collection);
      return during.every((id) => now.get(id)?.facts) ? now : undefined;
    });

    // replay raised and resolved nothing: the same unresolved alerts, no alert event for the old households
    const openAfter = (await unresolvedAlerts()).filter((a) => !during.includes(a.subjectId));
    expect(openAfter).toEqual(openBefore);
    const newAlertEvents = (await h.alertEvents()).filter(
      (e) => (e as { time?: string }).time! >= replayStarted && !during.includes(e.subject),
    );
    expect(newAlertEvents).toEqual([]);

    // and the apps go on from the rebuilt states: a second medical bill adds to the first
    const target = ids[1];
    await h.publish(
      departmentFact(target, 'medical_out_of_pocket', { amount: 500, occurredOn: '2026-10-02' }),
    );
    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.monitoring), 60_000);
    const next = await waitFor('the new bill applied to the rebuilt state', async () => {
      const s = (await statesIn(result.collection)).get(target) as {
        yearly?: { medicalStays?: Record<string, number> };
      };
      return s?.yearly?.medicalStays?.['2026'] === 3010 + 500 ? s : undefined;
    });
    expect(next).toBeDefined();
  }, 600_000);
});
