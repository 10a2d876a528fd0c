import { CloudEvent, Topics } from '@lib/contracts';
import { MongoClient } from 'mongodb';
import { infra, waitFor } from '@lib/testing';
import { MonitoringHarness } from './coverage-harness';

interface Problem {
  field: string;
  reason: string;
}
interface SurveyView {
  id: string;
  householdId: string;
  revision: number;
  netIncome: number;
  perCapitaNetIncome: number | null;
  missingIncomeComponents: string[];
  income: Record<string, number>;
  residentMembers: number;
  riskTypes?: string[];
  visitedAt: string;
  [k: string]: unknown;
}
interface Page<T> {
  items: T[];
  total: number;
}
type Data = Record<string, unknown> & { surveyId?: string; householdId?: string };

const VILLAGE_A = '621299101201';
const VILLAGE_B = '621299101202';

/**
 * The monthly survey (每月入户走访) through monitoring's API, with its events on the monitoring topic:
 * full fields, the income arithmetic (hand-computed), missing components, corrections (更正) with
 * their history, filters and paging. Real Kafka and FerretDB, the app as its own process.
 */
describe('monitoring surveys', () => {
  const h = new MonitoringHarness();
  let hhLoss: string; // village A
  let hhMissing: string; // village A
  let hhEmpty: string; // village B
  const surveys: Record<string, SurveyView> = {};

  beforeAll(async () => {
    await h.start();
    [hhLoss, hhMissing, hhEmpty] = await h.registerHouseholds([
      { villageCode: VILLAGE_A, householdNumber: '0001', registeredAt: '2026-01-05T00:00:00Z' },
      { villageCode: VILLAGE_A, householdNumber: '0002', registeredAt: '2026-01-05T00:00:00Z' },
      { villageCode: VILLAGE_B, householdNumber: '0003', registeredAt: '2026-01-05T00:00:00Z' },
    ]);
    for (const id of [hhLoss, hhMissing, hhEmpty])
      await waitFor(
        'monitoring to know the household',
        async () => (await h.app.get(`/api/v1/monitored-households/${id}`)).status === 200,
      );
  }, 120_000);

  afterAll(() => h.stop(), 60_000);

  /** The monitoring topic's events of one type, by their data. */
  async function eventsOf(type: string, min: number): Promise<Array<CloudEvent<string, Data>>> {
    return waitFor(`${min} ${type}`, async () => {
      const all = (await h.kafka.readAll(h.topic(Topics.monitoring))).map(
        (m) => JSON.parse(m.value!.toString()) as CloudEvent<string, Data>,
      );
      const found = all.filter((e) => e.type === type);
      return found.length >= min ? found : undefined;
    });
  }

  it('records a full survey with a business loss: (8000 − 5000 + 600 + 2400 − 1000) / 2 = 2500', async () => {
    const res = await h.app.post<SurveyView>('/api/v1/surveys', {
      householdId: hhLoss,
      month: '2026-10',
      visitedAt: '2026-10-12T02:30:00Z',
      visitor: '驻村工作队 张明',
      gps: { lat: 25.0406, lng: 102.7123 },
      income: { wage: 8000, business: -5000, property: 600, transfer: 2400, businessCosts: 1000 },
      residentMembers: 2,
      rigidSpending: { medicalOutOfPocket: 6200.5, schooling: 1800 },
      guarantees: {
        foodAndClothing: true,
        compulsoryEducation: true,
        basicMedicalInsurance: true,
        housingSafety: 'B',
        drinkingWater: false,
      },
      employmentChanges: [{ kind: 'returned_home', detail: '户主返乡' }],
      riskTypes: ['illness', 'drinking_water'],
      notes: '户主慢性病，饮水不稳定',
      photos: ['https://files.example.cn/p/1.jpg', 'photo-2026-10-12-001'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      netIncome: 5000,
      perCapitaNetIncome: 2500,
      missingIncomeComponents: [],
      revision: 1,
      gps: { lat: 25.0406, lng: 102.7123 },
      guarantees: { housingSafety: 'B', drinkingWater: false },
      riskTypes: ['illness', 'drinking_water'],
    });
    surveys.loss = res.body;

    const got = await h.app.get<SurveyView>(`/api/v1/surveys/${res.body.id}`);
    expect(got.body).toMatchObject({
      perCapitaNetIncome: 2500,
      rigidSpending: { medicalOutOfPocket: 6200.5, schooling: 1800 },
      employmentChanges: [{ kind: 'returned_home', detail: '户主返乡' }],
      photos: ['https://files.example.cn/p/1.jpg', 'photo-2026-10-12-001'],
      notes: '户主慢性病，饮水不稳定',
    });

    const recorded = (await eventsOf('survey.recorded.v1', 1)).find((e) => e.data.surveyId === res.body.id)!;
    expect(recorded.data).toMatchObject({
      income: { wage: 8000, business: -5000, property: 600, transfer: 2400, businessCosts: 1000 },
      netIncome: 5000,
      perCapitaNetIncome: 2500,
      missingIncomeComponents: [],
      gps: { lat: 25.0406, lng: 102.7123 },
      riskTypes: ['illness', 'drinking_water'],
      rigidSpending: { medicalOutOfPocket: 6200.5 },
    });
    const income = (await eventsOf('household-income.changed.v1', 1)).find((e) => e.subject === hhLoss)!;
    expect(income.data).toMatchObject({
      householdId: hhLoss,
      month: '2026-10',
      netIncome: 5000,
      perCapitaNetIncome: 2500,
      previousPerCapitaNetIncome: null,
      monthOverMonthChange: null,
      yearOverYearChange: null,
      cause: { kind: 'survey', id: res.body.id },
      lastSurveyId: res.body.id,
    });
  });

  it('counts missing components as 0 and lists them: (9000 + 1200) / 3 = 3400', async () => {
    const res = await h.app.post<SurveyView>('/api/v1/surveys', {
      householdId: hhMissing,
      month: '2026-10',
      visitedAt: '2026-10-13T02:00:00Z',
      visitor: '村委 李华',
      income: { wage: 9000, transfer: 1200, property: null },
      residentMembers: 3,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      income: { wage: 9000, business: 0, property: 0, transfer: 1200, businessCosts: 0 },
      missingIncomeComponents: ['business', 'property', 'businessCosts'],
      netIncome: 10200,
      perCapitaNetIncome: 3400,
    });
    surveys.missing = res.body;
    const recorded = (await eventsOf('survey.recorded.v1', 2)).find((e) => e.data.surveyId === res.body.id)!;
    expect(recorded.data).toMatchObject({
      missingIncomeComponents: ['business', 'property', 'businessCosts'],
      perCapitaNetIncome: 3400,
    });
    const income = (await eventsOf('household-income.changed.v1', 2)).find((e) => e.subject === hhMissing)!;
    expect(income.data).toMatchObject({ netIncome: 10200, perCapitaNetIncome: 3400 });
  });

  it('has no per-capita figure when no member is resident', async () => {
    const res = await h.app.post<SurveyView>('/api/v1/surveys', {
      householdId: hhEmpty,
      month: '2026-10',
      visitedAt: '2026-10-14T02:00:00Z',
      visitor: '村委 王强',
      income: { wage: 0, business: 0, property: 0, transfer: 3600, businessCosts: 0 },
      residentMembers: 0,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ netIncome: 3600, perCapitaNetIncome: null });
    surveys.empty = res.body;
    const income = (await eventsOf('household-income.changed.v1', 3)).find((e) => e.subject === hhEmpty)!;
    expect(income.data).toMatchObject({ netIncome: 3600, perCapitaNetIncome: null, residentMembers: 0 });
  });

  it.each<[string, string, Record<string, unknown>]>([
    [
      'six risk types',
      'riskTypes',
      { riskTypes: ['illness', 'disability', 'schooling', 'disaster', 'accident', 'other'] },
    ],
    ['an unknown risk type', 'riskTypes.0', { riskTypes: ['bad_luck'] }],
    ['a repeated risk type', 'riskTypes', { riskTypes: ['illness', 'illness'] }],
    ['a latitude off the globe', 'gps.lat', { gps: { lat: 95, lng: 102 } }],
    ['an unknown housing grade', 'guarantees.housingSafety', { guarantees: { housingSafety: 'E' } }],
    ['a photo that is neither URL nor id', 'photos.0', { photos: ['<img src=x>'] }],
    ['negative schooling spending', 'rigidSpending.schooling', { rigidSpending: { schooling: -1 } }],
    ['a fractional resident count', 'residentMembers', { residentMembers: 1.5 }],
  ])('rejects %s with a 400 naming %s, and stores nothing', async (_label, field, overrides) => {
    const res = await h.app.post<{ problems: Problem[] }>('/api/v1/surveys', {
      householdId: hhLoss,
      month: '2026-09',
      visitor: '张明',
      income: { wage: 1000 },
      residentMembers: 2,
      ...overrides,
    });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p) => p.field)).toContain(field);
    const list = await h.app.get<Page<SurveyView>>(`/api/v1/surveys?householdId=${hhLoss}&month=2026-09`);
    expect(list.body.total).toBe(0);
  });

  describe('a correction (更正)', () => {
    it('makes a new revision, keeps the history and announces the new figure', async () => {
      const id = surveys.missing.id;
      const cadre = await h.tokenOf('village-cadre', VILLAGE_A, 'user:li-hua');
      const res = await h.app.post<SurveyView & { correction: { changedFields: string[] } }>(
        `/api/v1/surveys/${id}/corrections`,
        {
          reason: '漏报务工收入，补录',
          changes: { income: { wage: 12000, business: 0 }, residentMembers: 4 },
        },
        { token: cadre },
      );
      expect(res.status).toBe(201);
      // (12000 + 0 + 0 + 1200 − 0) / 4 = 3300
      expect(res.body).toMatchObject({ revision: 2, netIncome: 13200, perCapitaNetIncome: 3300 });
      expect(res.body.missingIncomeComponents).toEqual(['property', 'businessCosts']);
      expect(res.body.correction.changedFields.sort()).toEqual([
        'income.business',
        'income.wage',
        'residentMembers',
      ]);

      const current = await h.app.get<SurveyView>(`/api/v1/surveys/${id}`);
      expect(current.body).toMatchObject({ revision: 2, perCapitaNetIncome: 3300, residentMembers: 4 });

      const history = await h.app.get<{ currentRevision: number; items: Array<Record<string, unknown>> }>(
        `/api/v1/surveys/${id}/revisions`,
      );
      expect(history.body.currentRevision).toBe(2);
      expect(history.body.items).toHaveLength(2);
      expect(history.body.items[1]).toMatchObject({
        revision: 2,
        correctedBy: 'user:li-hua',
        reason: '漏报务工收入，补录',
        previousValues: { 'income.wage': 9000, 'income.business': null, residentMembers: 3 },
      });

      const corrected = (await eventsOf('survey.corrected.v1', 1)).find((e) => e.data.surveyId === id)!;
      expect(corrected.data).toMatchObject({
        perCapitaNetIncome: 3300,
        residentMembers: 4,
        correction: { revision: 2, correctedBy: 'user:li-hua', previousPerCapitaNetIncome: 3400 },
      });
      const income = await waitFor('the corrected figure', async () =>
        (await eventsOf('household-income.changed.v1', 4)).find(
          (e) => e.subject === hhMissing && (e.data.cause as { kind: string }).kind === 'survey-correction',
        ),
      );
      expect(income.data).toMatchObject({
        netIncome: 13200,
        perCapitaNetIncome: 3300,
        previousPerCapitaNetIncome: 3400,
        residentMembers: 4,
        cause: { kind: 'survey-correction', id },
      });

      // the household's income shows the corrected figure
      const hh = await h.app.get<{ currentIncome: { perCapitaNetIncome: number } }>(
        `/api/v1/monitored-households/${hhMissing}`,
      );
      expect(hh.body.currentIncome.perCapitaNetIncome).toBe(3300);
    });

    it('a second correction makes revision 3; a figure left alone announces no income change', async () => {
      const id = surveys.missing.id;
      const res = await h.app.post<SurveyView>(`/api/v1/surveys/${id}/corrections`, {
        reason: '补充风险类型',
        changes: { riskTypes: ['unstable_employment'], guarantees: { housingSafety: 'C' } },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        revision: 3,
        perCapitaNetIncome: 3300,
        riskTypes: ['unstable_employment'],
      });
      const corrected = await eventsOf('survey.corrected.v1', 2);
      expect(corrected.map((e) => (e.data.correction as { revision: number }).revision)).toEqual([2, 3]);
      const incomeEvents = (await eventsOf('household-income.changed.v1', 4)).filter(
        (e) => e.subject === hhMissing,
      );
      expect(incomeEvents).toHaveLength(2); // the survey and the first correction only
    });

    it.each<[string, string, unknown]>([
      ['no reason', 'reason', { reason: ' ', changes: { visitor: '李华' } }],
      ['no change named', 'changes', { reason: '更正', changes: {} }],
      [
        'a negative resident count',
        'changes.residentMembers',
        { reason: '更正', changes: { residentMembers: -1 } },
      ],
      ['a field that cannot change', 'changes', { reason: '更正', changes: { householdId: hhLoss } }],
      ['values the survey already has', 'changes', { reason: '更正', changes: { visitor: '村委 李华' } }],
    ])('rejects %s with a 400 naming %s, changing nothing', async (_label, field, body) => {
      const id = surveys.missing.id;
      const res = await h.app.post<{ problems: Problem[] }>(`/api/v1/surveys/${id}/corrections`, body);
      expect(res.status).toBe(400);
      expect(res.body.problems.map((p) => p.field)).toContain(field);
      const current = await h.app.get<SurveyView>(`/api/v1/surveys/${id}`);
      expect(current.body.revision).toBe(3);
    });

    it('a correction stored just before the app died is shown on the next read', async () => {
      // the correction's record (insert-only, the record of truth) exists; the survey was not yet brought up to it
      const id = surveys.empty.id;
      const before = (await h.app.get<SurveyView>(`/api/v1/surveys/${id}`)).body;
      const client = await MongoClient.connect(infra.mongoUrl);
      try {
        await client
          .db(h.database)
          .collection('survey_revisions')
          .insertOne({
            _id: `${id}:2` as never,
            surveyId: id,
            householdId: hhEmpty,
            revision: 2,
            countyCode: VILLAGE_B.slice(0, 6),
            townCode: VILLAGE_B.slice(0, 9),
            villageCode: VILLAGE_B,
            correctedBy: 'user:wang',
            correctedByName: '村委 王强',
            correctedAt: new Date(),
            reason: '常住人口更正',
            changedFields: ['residentMembers'],
            previousValues: [{ field: 'residentMembers', value: 0 }],
            snapshot: {
              visitedAt: new Date(before.visitedAt),
              visitor: before.visitor,
              income: before.income,
              missingIncomeComponents: [],
              hasMissingIncomeComponents: false,
              residentMembers: 1,
              netIncome: 3600,
              perCapitaNetIncome: 3600,
            },
          });
      } finally {
        await client.close();
      }
      const after = await h.app.get<SurveyView>(`/api/v1/surveys/${id}`);
      expect(after.body).toMatchObject({ revision: 2, residentMembers: 1, perCapitaNetIncome: 3600 });
      const history = await h.app.get<{ currentRevision: number }>(`/api/v1/surveys/${id}/revisions`);
      expect(history.body.currentRevision).toBe(2);
      // and the next correction builds on it (revision 3), not on the stale copy
      const next = await h.app.post<SurveyView>(`/api/v1/surveys/${id}/corrections`, {
        reason: '补录照片',
        changes: { photos: ['photo-2026-10-14-007'] },
      });
      expect(next.status).toBe(201);
      expect(next.body).toMatchObject({ revision: 3, residentMembers: 1, perCapitaNetIncome: 3600 });
    });

    it('is 404 outside the caller’s villages and 403 for a read-only role', async () => {
      const otherVillage = await h.tokenOf('village-cadre', VILLAGE_B);
      const res = await h.app.post(
        `/api/v1/surveys/${surveys.loss.id}/corrections`,
        { reason: '更正', changes: { residentMembers: 3 } },
        { token: otherVillage },
      );
      expect(res.status).toBe(404);
      expect(
        (await h.app.get(`/api/v1/surveys/${surveys.loss.id}/revisions`, { token: otherVillage })).status,
      ).toBe(404);
      const auditor = await h.tokenOf('auditor', VILLAGE_A);
      const denied = await h.app.post(
        `/api/v1/surveys/${surveys.loss.id}/corrections`,
        { reason: '更正', changes: { residentMembers: 3 } },
        { token: auditor },
      );
      expect(denied.status).toBe(403);
      expect((await h.app.get<SurveyView>(`/api/v1/surveys/${surveys.loss.id}`)).body.revision).toBe(1);
    });
  });

  describe('listing', () => {
    const ids = (p: Page<SurveyView>) => p.items.map((s) => s.id);

    it('filters by risk type, missing components, town, village, month and visitor', async () => {
      const byRisk = await h.app.get<Page<SurveyView>>('/api/v1/surveys?riskType=illness');
      expect(ids(byRisk.body)).toEqual([surveys.loss.id]);
      const missing = await h.app.get<Page<SurveyView>>('/api/v1/surveys?hasMissingComponents=true');
      expect(ids(missing.body)).toEqual([surveys.missing.id]);
      const complete = await h.app.get<Page<SurveyView>>(
        '/api/v1/surveys?hasMissingComponents=false&sort=visitedAt',
      );
      expect(ids(complete.body)).toEqual([surveys.loss.id, surveys.empty.id]);
      const village = await h.app.get<Page<SurveyView>>(`/api/v1/surveys?villageCode=${VILLAGE_B}`);
      expect(ids(village.body)).toEqual([surveys.empty.id]);
      // a town official's whole town at once, and no other town's
      const town = await h.app.get<Page<SurveyView>>(`/api/v1/surveys?townCode=${VILLAGE_A.slice(0, 9)}`);
      expect(town.body.total).toBe(3);
      expect((await h.app.get<Page<SurveyView>>('/api/v1/surveys?townCode=621299102')).body.total).toBe(0);
      const badTown = await h.app.get<{ problems: Problem[] }>('/api/v1/surveys?townCode=6212991');
      expect(badTown.status).toBe(400);
      expect(badTown.body.problems.map((p) => p.field)).toEqual(['townCode']);
      const visitor = await h.app.get<Page<SurveyView>>(
        `/api/v1/surveys?visitor=${encodeURIComponent('村委 王强')}`,
      );
      expect(ids(visitor.body)).toEqual([surveys.empty.id]);
      const otherMonth = await h.app.get<Page<SurveyView>>('/api/v1/surveys?month=2026-11');
      expect(otherMonth.body.total).toBe(0);
      const bad = await h.app.get<{ problems: Problem[] }>('/api/v1/surveys?riskType=bad_luck&sort=up');
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p) => p.field).sort()).toEqual(['riskType', 'sort']);
    });

    it('sorts by visit time and pages', async () => {
      const newest = await h.app.get<Page<SurveyView>>('/api/v1/surveys?sort=-visitedAt&pageSize=2');
      expect(newest.body.total).toBe(3);
      expect(ids(newest.body)).toEqual([surveys.empty.id, surveys.missing.id]);
      const page2 = await h.app.get<Page<SurveyView>>('/api/v1/surveys?sort=-visitedAt&pageSize=2&page=2');
      expect(ids(page2.body)).toEqual([surveys.loss.id]);
    });

    it('lists only the caller’s villages', async () => {
      const cadreB = await h.tokenOf('village-cadre', VILLAGE_B);
      const res = await h.app.get<Page<SurveyView>>('/api/v1/surveys?sort=visitedAt', { token: cadreB });
      expect(ids(res.body)).toEqual([surveys.empty.id]);
    });
  });
});
