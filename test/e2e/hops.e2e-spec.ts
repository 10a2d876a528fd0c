import { waitFor } from '@lib/testing';
import { crossesHop } from '../hops/cross';
import { aHousehold, aSurvey, Platform } from './platform';

interface AlertView {
  id: string;
  ruleId: string;
  status: string;
}

/**
 * Issue 22: the event hops from households and monitoring to the apps that read them, crossed by running
 * the producer app, not by hand-built events: each step is a real request to the producer, and each hop is
 * proven by `crossesHop` (the producer's event on the topic, the consumer's group past it) and, where the
 * consumer shows it, by what the consumer did.
 */
describe('event hops across apps, producer to consumer', () => {
  const platform = new Platform();
  let householdId = '';

  beforeAll(
    () => platform.start(['households', 'monitoring', 'rules', 'notifier', 'supervision', 'projects']),
    240_000,
  );
  afterAll(() => platform.stop(), 60_000);

  const ok = (what: string, res: { status: number; body: unknown }) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };

  it('a household registered and changed reaches monitoring and rules', async () => {
    const { households, monitoring } = platform.apps;
    householdId = ok('register', await households.post('/api/v1/households', aHousehold('HOP-1')))
      .id as string;
    await waitFor('monitoring to know the household', async () => {
      return (await monitoring.get(`/api/v1/monitored-households/${householdId}`)).status === 200;
    });
    ok(
      'category',
      await households.request('PATCH', `/api/v1/households/${householdId}`, {
        monitoringCategory: 'sudden_hardship',
      }),
    );
    ok(
      'update',
      await households.request('PATCH', `/api/v1/households/${householdId}`, { groupName: '三组' }),
    );
    const member = ok(
      'add member',
      await households.post(`/api/v1/households/${householdId}/members`, {
        name: '王小明',
        relation: 'child',
        sex: 'male',
        birthDate: '2010-05-01',
      }),
    );
    // the answer is the household: the new member is the one named so
    const members = (member.members ?? []) as Array<{ id?: string; memberId?: string; name: string }>;
    const added = members.find((m) => m.name === '王小明');
    const memberId = (added?.memberId ?? added?.id) as string;
    ok(
      'change member',
      await households.request('PATCH', `/api/v1/households/${householdId}/members/${memberId}`, {
        name: '王晓明',
      }),
    );
    ok(
      'remove member',
      await households.request('DELETE', `/api/v1/households/${householdId}/members/${memberId}`),
    );
    const measure = ok(
      'plan measure',
      await households.post(`/api/v1/households/${householdId}/plan/measures`, {
        type: 'industry',
        content: '冷水鱼养殖合作社入股分红',
        responsible: { name: '王建国' },
        startOn: '2026-03-01',
        dueOn: '2026-12-31',
      }),
    );
    ok(
      'measure completed',
      await households.post(
        `/api/v1/households/${householdId}/plan/measures/${measure.measureId as string}/completion`,
        {
          completedOn: '2026-11-20',
          result: '分红1200元',
        },
      ),
    );
    ok(
      'lifecycle',
      await households.post(`/api/v1/households/${householdId}/lifecycle-transitions`, {
        action: 'identify',
        on: '2026-11-05',
        channel: 'cadre_screening',
      }),
    );
    ok(
      'pairing',
      await households.request('PUT', `/api/v1/households/${householdId}/paired-cadres`, {
        cadres: [{ userId: 'user:hop-cadre', name: '帮扶责任人', orgUnit: '621299101201' }],
      }),
    );

    await crossesHop('households', 'monitoring', 'household.registered.v1', platform);
    await crossesHop('households', 'rules', 'household.registered.v1', platform);
    await crossesHop('households', 'projects', 'household.registered.v1', platform);
    await crossesHop('households', 'rules', 'household.updated.v1', platform);
    await crossesHop('households', 'rules', 'household.category-changed.v1', platform);
    await crossesHop('households', 'monitoring', 'household.member-added.v1', platform);
    await crossesHop('households', 'rules', 'household.member-added.v1', platform);
    await crossesHop('households', 'rules', 'household.member-changed.v1', platform);
    await crossesHop('households', 'monitoring', 'household.member-removed.v1', platform);
    await crossesHop('households', 'rules', 'household.member-removed.v1', platform);
    await crossesHop('households', 'rules', 'household.plan-measure-added.v1', platform);
    await crossesHop('households', 'rules', 'household.plan-measure-completed.v1', platform);
    await crossesHop('households', 'rules', 'household.lifecycle-transitioned.v1', platform);
    await crossesHop('households', 'notifier', 'household.pairing-changed.v1', platform);
  }, 240_000);

  it('a survey, its alert, its acknowledgement, its correction and a new line reach rules, notifier, supervision and households', async () => {
    const { monitoring, rules, sink } = { ...platform.apps, sink: platform.sink };
    const survey = ok('survey', await monitoring.post('/api/v1/surveys', aSurvey(householdId)));
    const alert = await waitFor('the income alert', async () => {
      const r = await rules.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${householdId}`);
      return r.body.items.find((a) => a.ruleId === 'income-below-line');
    });
    await waitFor('the robot message', () => sink.received.length > 0);
    ok('acknowledge', await rules.post(`/api/v1/alerts/${alert.id}/acknowledge`, { note: '已电话联系' }));
    ok(
      'correction',
      await monitoring.post(`/api/v1/surveys/${survey.id as string}/corrections`, {
        reason: '核实后务工收入为14000元',
        changes: { income: { wage: 14000 } },
      }),
    );
    await waitFor('the alert to resolve', async () => {
      const r = await rules.get<{ items: AlertView[] }>(`/api/v1/alerts?subjectId=${householdId}`);
      return r.body.items.find((a) => a.id === alert.id)?.status === 'resolved';
    });
    ok(
      'threshold',
      await monitoring.request('PUT', '/api/v1/thresholds', {
        scope: 'county',
        code: '621299',
        year: 2027,
        amount: 6500,
        source: '县乡村振兴局文件',
        reason: '新年度监测范围',
      }),
    );

    await crossesHop('monitoring', 'rules', 'survey.recorded.v1', platform);
    await crossesHop('monitoring', 'supervision', 'survey.recorded.v1', platform);
    await crossesHop('monitoring', 'rules', 'household-income.changed.v1', platform);
    await crossesHop('monitoring', 'households', 'household-income.changed.v1', platform);
    await crossesHop('monitoring', 'rules', 'survey.corrected.v1', platform);
    await crossesHop('monitoring', 'rules', 'threshold.set.v1', platform);
    await crossesHop('monitoring', 'households', 'threshold.set.v1', platform);
    await crossesHop('rules', 'notifier', 'alert.raised.v1', platform);
    await crossesHop('rules', 'notifier', 'alert.acknowledged.v1', platform);
    await crossesHop('rules', 'notifier', 'alert.resolved.v1', platform);
  }, 240_000);

  it("a department's fact and a project's findings reach rules", async () => {
    const { monitoring, projects } = platform.apps;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    ok(
      'department fact',
      await monitoring.post('/api/v1/department-facts', {
        facts: [
          {
            department: 'education',
            sourceRecordId: 'HOP-JY-1',
            kind: 'school_dropout',
            countyCode: '621299',
            householdId,
            occurredOn: day(-3),
          },
        ],
      }),
    );
    // a project five months old with an overdue milestone, no sales, and a beneficiary never paid
    const project = ok(
      'project',
      await projects.post('/api/v1/projects', {
        name: '三联村白芪中药材',
        type: 'herbs',
        phase: '一期',
        villageCode: '621299101201',
        owner: { kind: 'village_collective', name: '三联村股份经济合作社' },
        startsOn: day(-150),
        fundSources: [{ source: 'central_linkage_fund', amount: 300000 }],
        milestones: [{ title: '种苗移栽', dueOn: day(-100) }],
        responsiblePeople: [{ name: '王建国', role: '第一书记' }],
      }),
    );
    ok(
      'beneficiary',
      await projects.post(`/api/v1/projects/${project.id as string}/beneficiaries`, {
        householdId,
        kind: 'land_lease',
        startsOn: day(-140),
        details: '流转土地3亩',
      }),
    );
    ok('checks', await projects.post('/api/v1/projects/progress/checks', {}));

    await crossesHop('monitoring', 'rules', 'department-fact.received.v1', platform);
    await crossesHop('projects', 'rules', 'project.milestone-overdue.v1', platform);
    await crossesHop('projects', 'rules', 'project.sales-stalled.v1', platform);
    await crossesHop('projects', 'rules', 'project.beneficiary-without-benefit.v1', platform);
  }, 240_000);
});
