import { createHmac } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { Topics } from '@lib/contracts';
import { AppProcess, devToken, infra, waitFor } from '@lib/testing';
import { checkCharOf } from '../src/households/domain/id-number';
import { HouseholdsHarness } from './harness';

const HASH_KEY = 'e2e-pii-hash-key-0123456789';
const idNumber = (first17: string) => first17 + checkCharOf(first17);
const hashOf = (id: string) => createHmac('sha256', HASH_KEY).update(id).digest('hex');

describe('personal data in the households registry (身份证号/电话)', () => {
  const h = new HouseholdsHarness();
  const { prefix, kafka } = h;
  const mongo = new MongoClient(infra.mongoUrl);
  let app: AppProcess;
  let seq = 0;

  beforeAll(async () => {
    await h.start({
      PII_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`,
      PII_ACTIVE_KEY_ID: 'k2',
      PII_HASH_KEY: HASH_KEY,
    });
    app = h.app;
    await mongo.connect();
  }, 90_000);
  afterAll(async () => {
    await h.stop();
    await mongo.close();
  });

  const register = (members: Array<Record<string, unknown>>) =>
    app.post<{ id: string; members: Array<Record<string, unknown>>; problems?: Array<{ field: string }> }>(
      '/api/v1/households',
      {
        householdNumber: `HH-${++seq}`,
        villageCode: '621299101201',
        householdType: 'ordinary',
        members,
      },
    );
  const head = (id: string, extra: Record<string, unknown> = {}) => ({
    name: '王大山',
    relation: 'head',
    sex: 'male',
    birthDate: '1980-01-01',
    idNumber: id,
    ...extra,
  });

  it('stores ID numbers and phones encrypted, shows them masked, and publishes only the keyed hash', async () => {
    const id = idNumber('62129919800101123');
    const res = await register([head(id.toLowerCase(), { phone: '13800000000' })]);
    expect(res.status).toBe(201);
    expect(res.body.members[0]).toMatchObject({
      idNumber: '6212**********' + id.slice(-4),
      phone: '138****0000',
    });

    const raw = await mongo
      .db(h.database)
      .collection('households')
      .findOne({ _id: res.body.id } as never);
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(id);
    expect(stored).not.toContain('13800000000');
    expect(raw?.members[0].idNumberCipher).toMatch(/^k2\./);
    expect(raw?.members[0].idNumberHash).toBe(hashOf(id));

    const read = await app.get<{ members: Array<Record<string, unknown>> }>(
      `/api/v1/households/${res.body.id}`,
    );
    expect(read.body.members[0]).toMatchObject({
      idNumber: '6212**********' + id.slice(-4),
      phone: '138****0000',
    });
    expect(JSON.stringify(read.body)).not.toMatch(/Cipher|idNumberHash/);
    const list = await app.get(`/api/v1/households?villageCode=621299101201`);
    expect(JSON.stringify(list.body)).not.toContain(id);

    const events = await waitFor('the household.registered.v1 event', async () => {
      const all = await kafka.readAll(`${prefix}${Topics.households}`);
      const mine = all.map((m) => String(m.value)).filter((v) => v.includes(res.body.id));
      return mine.length ? mine : undefined;
    });
    expect(events[0]).toContain(hashOf(id));
    expect(events[0]).not.toContain(id);
  });

  it('refuses ID numbers with a wrong check character or a birth date that is not the member’s', async () => {
    const good = idNumber('62129919800101123');
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await register([
      head(badCheck),
      { ...head(good), relation: 'spouse', birthDate: '1981-01-01' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.problems?.map((p) => p.field).sort()).toEqual([
      'members.0.idNumber',
      'members.1.idNumber',
    ]);
  });

  it('answers 409 naming the field when the person is already an active member of another household', async () => {
    const id = idNumber('62129919750505321');
    expect((await register([head(id, { birthDate: '1975-05-05' })])).status).toBe(201);
    const other = idNumber('62129919900303456');
    const dup = await register([
      head(other, { birthDate: '1990-03-03' }),
      { ...head(id, { birthDate: '1975-05-05' }), relation: 'parent' },
    ]);
    expect(dup.status).toBe(409);
    expect(dup.body.problems?.[0].field).toBe('members.1.idNumber');
    // nothing of the refused household stays claimed: its head can still be registered
    expect((await register([head(other, { birthDate: '1990-03-03' })])).status).toBe(201);
  });

  it('reads clear values only for allowed roles, and audits every clear read', async () => {
    const id = idNumber('62129919851111654');
    const res = await register([head(id, { birthDate: '1985-11-11', phone: '13912345678' })]);
    const memberId = res.body.members[0].memberId as string;
    const path = `/api/v1/households/${res.body.id}/members/${memberId}/personal-data`;

    const inspector = await devToken({
      sub: 'user:inspector-1',
      kind: 'user',
      name: '督查员',
      grants: [{ role: 'inspector', unit: '621299' }],
    });
    expect((await app.get(path, { token: inspector })).status).toBe(403);

    const cadre = await devToken({
      sub: 'user:cadre-1',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: '621299101201' }],
    });
    const clear = await app.get(path, { token: cadre });
    expect(clear).toMatchObject({ status: 200, body: { idNumber: id, phone: '13912345678' } });

    const outsider = await devToken({
      sub: 'user:cadre-2',
      kind: 'user',
      name: '外村干部',
      grants: [{ role: 'village-cadre', unit: '621299101202' }],
    });
    expect((await app.get(path, { token: outsider })).status).toBe(404);

    const audit = await mongo
      .db(h.database)
      .collection('personal_data_reads')
      .find({ householdId: res.body.id })
      .toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'user:cadre-1', memberId, fields: ['idNumber', 'phone'] });
    expect(audit[0].at).toBeInstanceOf(Date);
  });
});
