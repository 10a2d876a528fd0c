import { Role } from '@lib/auth';
import { devToken } from '@lib/testing';
import { SupervisionHarness } from './harness';

interface Page {
  items: Array<{ id: string; villageCode: string | null }>;
  total: number;
}

/** county 621299: towns 621299101 (village A1) and 621299102 (village B1). */
const A1 = '621299101201';
const B1 = '621299102201';

/**
 * Org-unit tenancy of the supervision records, straight against the app (the gateway matrix is
 * test/e2e/tenancy.e2e-spec.ts): reads outside the scope are 404, lists never include them, writes
 * into another unit are 403, and a signed client's records for members elsewhere are kept aside.
 */
describe('supervision records within the caller’s org-unit scope', () => {
  const h = new SupervisionHarness();
  const ids = {} as Record<'A1' | 'B1', { team: string; member: string }>;
  const as = async (role: Role, unit: string) => ({
    token: await devToken({ sub: `u-${role}`, kind: 'user', name: role, grants: [{ role, unit }] }),
  });

  beforeAll(async () => {
    await h.start();
    for (const [key, villageCode] of [
      ['A1', A1],
      ['B1', B1],
    ] as const) {
      const team = await h.createTeam({ villageCode });
      ids[key] = {
        team,
        member: await h.addMember(team, { name: `队员${key}`, dingtalkUserId: `dt-${key}` }),
      };
    }
  }, 90_000);
  afterAll(() => h.stop());

  it('a town official reads and lists their town only, and cannot write into another town', async () => {
    const official = await as('town-official', '621299101');
    expect((await h.app.get(`/api/v1/teams/${ids.A1.team}`, official)).status).toBe(200);
    expect((await h.app.get(`/api/v1/teams/${ids.B1.team}`, official)).status).toBe(404);
    expect((await h.app.get(`/api/v1/members/${ids.B1.member}`, official)).status).toBe(404);
    expect(
      (await h.app.get(`/api/v1/attendance/summary?memberId=${ids.B1.member}&month=2026-10`, official))
        .status,
    ).toBe(404);
    const teamMonth = (team: string) =>
      h.app.get<{ members: unknown[] }>(
        `/api/v1/attendance/team-summary?teamId=${team}&month=2026-10`,
        official,
      );
    expect((await teamMonth(ids.B1.team)).status).toBe(404);
    expect(await teamMonth(ids.A1.team)).toMatchObject({
      status: 200,
      body: { members: [{ name: '队员A1' }] },
    });
    const list = await h.app.get<Page>('/api/v1/teams?pageSize=500', official);
    expect(list.body.items.map((t) => t.id)).toEqual([ids.A1.team]);

    expect(
      (await h.app.request('PATCH', `/api/v1/teams/${ids.B1.team}`, { name: '改名' }, official)).status,
    ).toBe(404);
    const outside = await h.app.post(
      '/api/v1/teams',
      {
        name: '外镇工作队',
        villageCode: B1,
        sendingUnit: '县民政局',
        geofence: { latitude: 34.5, longitude: 105.7, radiusM: 500 },
      },
      official,
    );
    expect(outside.status).toBe(403);
    const log = await h.app.post(
      '/api/v1/worklogs',
      { memberId: ids.B1.member, at: '2026-10-14T10:00:00+08:00', content: '入户走访' },
      official,
    );
    expect(log.status).toBe(403);
    // the other town's team is unchanged and still alone in its village
    const b = await h.app.get<Page>(`/api/v1/teams?villageCode=${B1}`);
    expect(b.body.total).toBe(1);
  });

  it('the signed client (bound to town 621299101) cannot count check-ins of members elsewhere', async () => {
    const rec = (userId: string, id: string) => ({
      source: 'gps',
      sourceRecordId: id,
      userId,
      checkTime: '2026-10-14T09:00:00+08:00',
      checkByUser: true,
    });
    const res = await h.pushSigned({ records: [rec('dt-A1', 'r-a1'), rec('dt-B1', 'r-b1')] });
    expect(res.body).toMatchObject({ received: 2, accepted: 1, unmatched: 1 });
    const b1 = await h.app.get<Page>(`/api/v1/checkins?memberId=${ids.B1.member}`);
    expect(b1.body.total).toBe(0);
    // kept aside for the client's town to see, not for the other town
    const mine = await h.app.get<Page>('/api/v1/checkins/unmatched', await as('town-official', '621299101'));
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: 'gps:r-b1', memberId: ids.B1.member, townCode: '621299101' }),
    ]);
    const theirs = await h.app.get<Page>(
      '/api/v1/checkins/unmatched',
      await as('town-official', '621299102'),
    );
    expect(theirs.body.total).toBe(0);
  });
});
