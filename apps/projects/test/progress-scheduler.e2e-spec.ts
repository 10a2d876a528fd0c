import { waitFor } from '@lib/testing';
import { day, ProjectsHarness } from './harness';

/**
 * The periodic progress check as a BullMQ job scheduler shared by two instances: it runs on its
 * own, again and again, and still raises each finding once.
 */
describe('the periodic progress check with two instances', () => {
  const h = new ProjectsHarness();

  beforeAll(async () => {
    await Promise.all([
      h.start({ PROJECTS_CHECK_EVERY_MS: '1000' }),
      h.start({ PROJECTS_CHECK_EVERY_MS: '1000' }),
    ]);
  }, 150_000);
  afterAll(() => h.stop(), 60_000);

  const overdueProject = (name: string) => ({
    name,
    type: 'orchard',
    villageCode: '621299101205',
    owner: { kind: 'cooperative', name: '河湾村核桃花椒专业合作社' },
    startsOn: day(-100),
    status: 'planning',
    milestones: [{ title: '核桃、花椒冬季综合管护', dueOn: day(-10) }],
  });
  const overdueEvents = async () =>
    (await h.projectEvents()).filter((e) => e.value.type === 'project.milestone-overdue.v1');

  it('raises an overdue milestone by itself, once, however many times and instances run the check', async () => {
    const [a, b] = h.apps;
    const first = await a.post<{ id: string }>('/api/v1/projects', overdueProject('核桃经济林'));
    expect(first.status).toBe(201);
    await waitFor(
      'the scheduled check to raise the first project',
      async () => (await overdueEvents()).some((e) => e.value.subject === first.body.id),
      { timeoutMs: 30_000, intervalMs: 300 },
    );

    // a later project's event proves that more checks ran after the first one was raised
    const second = await b.post<{ id: string }>('/api/v1/projects', overdueProject('花椒经济林'));
    expect(second.status).toBe(201);
    const seen = await waitFor(
      'a later check to raise the second project',
      async () => {
        const events = await overdueEvents();
        return events.some((e) => e.value.subject === second.body.id) && events;
      },
      { timeoutMs: 30_000, intervalMs: 300 },
    );
    await waitFor(
      'two more scheduled runs',
      async () => {
        const logs = h.apps.map((x) => x.tail(400)).join('\n');
        return (logs.match(/progress check .*: 2 findings, 0 raised/g) ?? []).length >= 2;
      },
      { timeoutMs: 30_000, intervalMs: 300 },
    );

    // one event per finding: the outbox delivers at least once, so with two instances relaying the
    // same outbox a record may appear twice on the topic, but only ever as the same event (same id),
    // which consumers apply once; a second raise would be a second id
    const again = await overdueEvents();
    const raised = new Map<string, string>();
    for (const e of again) {
      expect(raised.get(e.value.id) ?? e.value.subject).toBe(e.value.subject);
      raised.set(e.value.id, e.value.subject);
    }
    expect([...raised.values()].sort()).toEqual([first.body.id, second.body.id].sort());
    expect(new Set(seen.map((e) => e.value.id)).size).toBe(2);
  });
});
