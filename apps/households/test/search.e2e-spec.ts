import { MongoClient } from 'mongodb';
import readXlsxFile from 'read-excel-file/node';
import { AppProcess, devToken, infra } from '@lib/testing';
import { checkCharOf } from '../src/households/domain/id-number';
import { HouseholdsHarness } from './harness';

const idNumber = (first17: string) => first17 + checkCharOf(first17);
type Page = { items: Array<{ id: string; householdNumber: string }>; total: number };

/**
 * 帮扶对象搜索 (issue 18, item 4): by a member's name, the 户编号 or the 证件号码 within the caller's
 * scope, the ID number matched by its keyed hash; and the reason of a clear read kept in its audit entry.
 */
describe('household search and the reason of a clear read', () => {
  const h = new HouseholdsHarness();
  const mongo = new MongoClient(infra.mongoUrl);
  let app: AppProcess;
  let townOfficial: string;
  const ours = idNumber('62129919720202133');
  const theirs = idNumber('62129919830303244');
  let ourId = '';
  let ourMember = '';
  let theirId = '';

  beforeAll(async () => {
    app = (await h.start()).app;
    await mongo.connect();
    const register = (householdNumber: string, villageCode: string, name: string, id: string, born: string) =>
      app.post<{ id: string; members: Array<{ memberId: string }> }>('/api/v1/households', {
        householdNumber,
        villageCode,
        householdType: 'ordinary',
        members: [{ name, relation: 'head', sex: 'male', birthDate: born, idNumber: id }],
      });
    const a = await register('SR-001', '621299101201', '柳成荫', ours, '1972-02-02');
    const b = await register('SR-002', '621299102201', '柳成林', theirs, '1983-03-03');
    expect([a.status, b.status]).toEqual([201, 201]);
    [ourId, ourMember, theirId] = [a.body.id, a.body.members[0].memberId, b.body.id];
    townOfficial = await devToken({
      sub: 'user:town-101',
      kind: 'user',
      name: '乡镇干部',
      grants: [{ role: 'town-official', unit: '621299101' }],
    });
  }, 90_000);
  afterAll(async () => {
    await h.stop();
    await mongo.close();
  });

  const search = (q: string) =>
    app.get<Page>(`/api/v1/households?q=${encodeURIComponent(q)}`, { token: townOfficial });
  const ids = (p: Page) => p.items.map((i) => i.id);

  it('finds a household by a member’s name (or its start) and by 户编号, in the caller’s scope only', async () => {
    expect(ids((await search('柳成荫')).body)).toEqual([ourId]);
    // both share the start of the name; the other town's household stays out of sight
    expect(ids((await search('柳成')).body)).toEqual([ourId]);
    expect(ids((await search('SR-001')).body)).toEqual([ourId]);
    expect((await search('柳成林')).body).toMatchObject({ items: [], total: 0 });
    expect((await search('SR-002')).body.total).toBe(0);
    // the county sees both
    const county = await app.get<Page>(`/api/v1/households?q=${encodeURIComponent('柳成')}`);
    expect(ids(county.body).sort()).toEqual([ourId, theirId].sort());
  });

  it('finds a household by 证件号码 through its keyed hash (any case), not another town’s person', async () => {
    expect(ids((await search(ours)).body)).toEqual([ourId]);
    expect(ids((await search(ours.toLowerCase())).body)).toEqual([ourId]);
    expect((await search(theirs)).body.total).toBe(0);
    // the county administrator finds the other town's person by theirs
    expect(ids((await app.get<Page>(`/api/v1/households?q=${theirs}`)).body)).toEqual([theirId]);
    // a regex character is a plain character, not a pattern
    expect((await search('.*')).body.total).toBe(0);
  });

  it('exports only what the search finds, within the scope, the ID number masked', async () => {
    const res = await fetch(`${app.url}/api/v1/household-ledger/export?q=${encodeURIComponent('柳成')}`, {
      headers: { authorization: `Bearer ${townOfficial}` },
    });
    expect(res.status).toBe(200);
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    const households = sheets.find((s) => s.sheet === '户信息')!.data;
    const members = sheets.find((s) => s.sheet === '家庭成员')!.data;
    const head = households[0] as string[];
    expect(households.slice(1).map((r) => String(r[head.indexOf('户编号')]))).toEqual(['SR-001']);
    const mHead = members[0] as string[];
    expect(members.slice(1).map((r) => String(r[mHead.indexOf('证件号码')]))).toEqual([
      `6212**********${ours.slice(-4)}`,
    ]);
  });

  it('refuses an empty or overlong search naming the field', async () => {
    const res = await app.get<{ problems: Array<{ field: string }> }>(
      `/api/v1/households?q=${'x'.repeat(65)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.problems[0].field).toBe('q');
  });

  it('keeps the reason a reader gives in the audit entry of the clear read, and refuses an overlong one', async () => {
    const path = `/api/v1/households/${ourId}/members/${ourMember}/personal-data`;
    const read = await app.get<{ idNumber: string }>(`${path}?reason=${encodeURIComponent('核实低保申请')}`, {
      token: townOfficial,
    });
    expect(read).toMatchObject({ status: 200, body: { idNumber: ours } });
    const tooLong = await app.get<{ problems: Array<{ field: string }> }>(
      `${path}?reason=${'长'.repeat(201)}`,
      {
        token: townOfficial,
      },
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.problems[0].field).toBe('reason');
    const audit = await mongo
      .db(h.database)
      .collection('personal_data_reads')
      .find({ householdId: ourId })
      .toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'user:town-101', memberId: ourMember, reason: '核实低保申请' });
  });
});
