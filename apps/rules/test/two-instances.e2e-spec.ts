import { Topics } from '@lib/contracts';
import { waitFor } from '@lib/testing';
import { AlertView, incomeChanged, Page, RulesHarness } from './harness';

const HOUSEHOLDS = 300;

/**
 * Two rules instances share the partitions of one consumer group; one is killed (-9) mid-stream.
 * Every household below the line still ends with exactly one alert, announced under one alert id:
 * nothing lost (offsets are committed after the effects), nothing doubled (deterministic ids, the
 * unique open key per subject, rule and period).
 */
describe('rules: two instances, one killed mid-stream', () => {
  const h = new RulesHarness();

  beforeAll(async () => {
    await h.startInstance();
    await h.startInstance();
  }, 180_000);

  afterAll(() => h.stop(), 60_000);

  it('raises each alert once and loses none', async () => {
    const ids = Array.from({ length: HOUSEHOLDS }, (_, i) => `two-hh-${String(i).padStart(4, '0')}`);
    const events = ids.map((id) => incomeChanged(id, 4000));
    const toRecords = (batch: typeof events) =>
      batch.map((e) => ({ subject: e.subject, topic: Topics.monitoring, value: e }));
    // a first third, and once both instances are at work, the rest: the kill lands while it is consumed
    await h.send(toRecords(events.slice(0, HOUSEHOLDS / 3)));
    await waitFor(
      'the first alerts',
      async () => (await h.apps[1].get<Page<AlertView>>('/api/v1/alerts?pageSize=1')).body.total > 0,
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    await h.send(toRecords(events.slice(HOUSEHOLDS / 3)));
    const atKill = (await h.apps[1].get<Page<AlertView>>('/api/v1/alerts?pageSize=1')).body.total;
    await h.apps[0].kill();
    // the kill landed while work was in flight: not every alert was there yet
    expect(atKill).toBeLessThan(HOUSEHOLDS);

    await h.kafka.waitForNoLag(h.groupId, h.topic(Topics.monitoring), 120_000);
    const all = await h.apps[1].get<Page<AlertView>>(`/api/v1/alerts?ruleId=income-below-line&pageSize=500`);
    console.log(
      `killed one of two instances with ${atKill}/${HOUSEHOLDS} alerts raised; now ${all.body.total}`,
    );
    expect(all.body.total).toBe(HOUSEHOLDS);
    expect(new Set(all.body.items.map((a) => a.subjectId))).toEqual(new Set(ids));

    // every raised event on the topic names the one alert of its household
    const raised = await waitFor(
      'every alert.raised.v1 relayed',
      async () => {
        const evs = (await h.alertEvents()).filter((e) => e.type === 'alert.raised.v1');
        return new Set(evs.map((e) => e.subject)).size === HOUSEHOLDS ? evs : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const alertIdsBySubject = new Map<string, Set<unknown>>();
    for (const e of raised) {
      const set = alertIdsBySubject.get(e.subject) ?? new Set();
      set.add(e.data.alertId);
      alertIdsBySubject.set(e.subject, set);
    }
    expect([...alertIdsBySubject.values()].every((s) => s.size === 1)).toBe(true);
  });
});
