import { MongoClient } from 'mongodb';
import { AppProcess, devToken, infra, waitFor } from '@lib/testing';
import { checkCharOf } from '../src/households/domain/id-number';
import { HouseholdsHarness } from './harness';

type Summary = {
  id: string;
  householdNumber: string;
  head: string;
  size: number;
  pairedCadres?: Array<{ userId: string; name: string }>;
  members?: unknown;
};
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

const VILLAGE = '621299101201';
const OTHER_TOWN_VILLAGE = '621299102201';

/**
 * 帮扶对象列表 (issue 15): the list is read from its read model (`household_list`), which every write
 * keeps in step: registration, import, each change; its summaries carry what the console's list shows,
 * the scope and the search hold as on the households themselves, and a database from before the read
 * model is rebuilt at start-up.
 */
describe('the household list read model', () => {
  const h = new HouseholdsHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  let app: AppProcess;
  let townOfficial: string;
  const ids: string[] = [];
  const idNumber = (first17: string) => first17 + checkCharOf(first17);
  const theirId = idNumber('62129919830303244');

  const register = (householdNumber: string, villageCode: string, name: string, extra: object[] = []) =>
    app.post<{ id: string }>('/api/v1/households', {
      householdNumber,
      villageCode,
      householdType: 'ordinary',
      members: [{ name, relation: 'head', sex: 'male', birthDate: '1970-01-01' }, ...extra],
    });
  const summaries = (query: string, token?: string) =>
    app.get<Page<Summary>>(`/api/v1/households?view=summary&${query}`, token ? { token } : {});

  beforeAll(async () => {
    app = (await h.start()).app;
    await mongo.connect();
    for (const [n, name] of [
      ['HL-003', '韩梅梅'],
      ['HL-001', '李雷'],
      ['HL-002', '林涛'],
    ] as const) {
      const res = await register(n, VILLAGE, name);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const other = await register('HL-900', OTHER_TOWN_VILLAGE, '外乡人', [
      { name: '外乡人之子', relation: 'child', sex: 'male', birthDate: '1983-03-03', idNumber: theirId },
    ]);
    expect(other.status).toBe(201);
    ids.push(other.body.id);
    townOfficial = await devToken({
      sub: 'user:town-101',
      kind: 'user',
      name: '乡镇干部',
      grants: [{ role: 'town-official', unit: '621299101' }],
    });
  }, 240_000);
  afterAll(async () => {
    await h.stop();
    await mongo.close();
  });

  it('answers summaries (户主, 人口), sorted and paged with the total, without members', async () => {
    const first = await summaries('sort=householdNumber&pageSize=2&page=1');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(4);
    expect(first.body.items.map((i) => [i.householdNumber, i.head, i.size])).toEqual([
      ['HL-001', '李雷', 1],
      ['HL-002', '林涛', 1],
    ]);
    expect(first.body.items[0].members).toBeUndefined();
    const last = await summaries('sort=-householdNumber&pageSize=2&page=1');
    expect(last.body.items.map((i) => i.householdNumber)).toEqual(['HL-900', 'HL-003']);
    // the whole households, in the same order and count
    const full = await app.get<Page<{ householdNumber: string; members: unknown[] }>>(
      '/api/v1/households?sort=householdNumber&pageSize=3&page=2',
    );
    expect(full.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(full.body.items.map((i) => [i.householdNumber, i.members.length])).toEqual([['HL-900', 2]]);
  });

  it('keeps the caller’s scope and the search (name, 户编号, 证件号码 by its hash)', async () => {
    const town = await summaries('sort=householdNumber', townOfficial);
    expect(town.body.items.map((i) => i.householdNumber)).toEqual(['HL-001', 'HL-002', 'HL-003']);
    expect((await summaries(`q=${encodeURIComponent('林')}`, townOfficial)).body.items).toEqual([
      expect.objectContaining({ householdNumber: 'HL-002' }),
    ]);
    expect((await summaries('q=HL-003', townOfficial)).body.total).toBe(1);
    // another town's person is not found by the town official, is by the county
    expect((await summaries(`q=${theirId}`, townOfficial)).body.total).toBe(0);
    expect((await summaries(`q=${theirId}`)).body.items.map((i) => i.householdNumber)).toEqual(['HL-900']);
  });

  it('shows a change at once: a member added, cadres paired (the paired cadre sees only theirs)', async () => {
    const before = await summaries('q=HL-001');
    expect(before.body.items[0]).toMatchObject({ size: 1 });
    const added = await app.post(`/api/v1/households/${ids[1]}/members`, {
      name: '李小雷',
      relation: 'child',
      sex: 'male',
      birthDate: '2001-01-01',
    });
    expect(added.status).toBe(201);
    const cadre = { userId: 'hl-cadre', name: '王帮扶', orgUnit: VILLAGE };
    const paired = await app.request('PUT', `/api/v1/households/${ids[1]}/paired-cadres`, {
      cadres: [cadre],
    });
    expect(paired.status).toBe(200);
    const after = await summaries('q=HL-001');
    expect(after.body.items[0]).toMatchObject({
      size: 2,
      pairedCadres: [{ userId: 'hl-cadre', name: '王帮扶' }],
    });
    expect((await summaries(`q=${encodeURIComponent('李小')}`)).body.total).toBe(1);
    expect((await summaries('pairedCadre=hl-cadre')).body.items.map((i) => i.householdNumber)).toEqual([
      'HL-001',
    ]);
    const cadreToken = await devToken({
      sub: 'hl-cadre',
      kind: 'user',
      name: '王帮扶',
      grants: [{ role: 'paired-cadre', unit: VILLAGE }],
    });
    const theirs = await summaries('', cadreToken);
    expect(theirs.body.items.map((i) => i.householdNumber)).toEqual(['HL-001']);
  });

  it('rebuilds the read model at start-up when it does not match the households', async () => {
    await mongo.db(h.database).collection('household_list').deleteMany({});
    await app.stop();
    await app.start();
    const rebuilt = await summaries('sort=householdNumber');
    expect(rebuilt.body.total).toBe(4);
    expect(rebuilt.body.items.map((i) => [i.householdNumber, i.size])).toEqual([
      ['HL-001', 2],
      ['HL-002', 1],
      ['HL-003', 1],
      ['HL-900', 2],
    ]);
    await waitFor('the rows rebuilt', async () =>
      (await mongo.db(h.database).collection('household_list').countDocuments({})) === 4 ? true : false,
    );
    // read from the rebuilt rows (the list answered from the households meanwhile)
    expect((await summaries('sort=householdNumber&pageSize=1')).body).toMatchObject({
      total: 4,
      items: [{ householdNumber: 'HL-001', head: '李雷', size: 2 }],
    });
  }, 300_000);

  it('refuses an unknown view naming the field', async () => {
    const res = await app.get<{ problems: Array<{ field: string }> }>('/api/v1/households?view=all');
    expect(res.status).toBe(400);
    expect(res.body.problems[0].field).toBe('view');
  });
});
