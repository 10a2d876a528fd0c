import { Topics } from '@lib/contracts';
import { AppProcess, devToken, waitFor } from '@lib/testing';
import { seedOrgUnits } from '../../../scripts/demo/seed-org-units';
import { HouseholdsHarness } from './harness';

type Node = { code: string; level: string; name: string; children: Node[] };
type Problem = { field: string; reason: string };

describe('org units registry (县 > 乡镇 > 村 > 组)', () => {
  const h = new HouseholdsHarness();
  const { prefix, kafka } = h;
  let app: AppProcess;

  beforeAll(async () => {
    app = (await h.start()).app;
    // the demo owns its town: it registers the units through the API, as `npm run demo` does
    const admin = await devToken({
      sub: 'user:seed',
      kind: 'user',
      name: '县管理员',
      grants: [{ role: 'county-admin', unit: '621299' }],
    });
    await seedOrgUnits(app.url, admin);
  }, 90_000);
  afterAll(async () => {
    await h.stop();
  });

  it('is seeded with the demo town as a tree, announces each unit once, and shows a cadre only their branch', async () => {
    const tree = await app.get<{ items: Node[] }>('/api/v1/org-units');
    expect(tree.status).toBe(200);
    const [county] = tree.body.items;
    expect(county).toMatchObject({ code: '621299', level: 'county', name: '示范县' });
    const town = county.children[0];
    expect(town).toMatchObject({ code: '621299101', level: 'town', name: 'XX镇' });
    expect(town.children.map((v) => `${v.code} ${v.name}`)).toEqual([
      '621299101201 三联村',
      '621299101202 银杏村',
      '621299101203 大山村',
      '621299101204 青山村',
      '621299101205 河湾村',
    ]);
    expect(town.children[0].children[0]).toMatchObject({
      code: '62129910120101',
      level: 'group',
      name: '三联村1组',
    });

    const cadre = await devToken({
      sub: 'user:v',
      kind: 'user',
      name: '村干部',
      grants: [{ role: 'village-cadre', unit: '621299101202' }],
    });
    const mine = await app.get<{ items: Node[] }>('/api/v1/org-units', { token: cadre });
    expect(mine.body.items[0].children[0].children.map((v) => v.code)).toEqual(['621299101202']);

    const admin = await devToken({
      sub: 'user:a',
      kind: 'user',
      name: '县管理员',
      grants: [{ role: 'county-admin', unit: '621299' }],
    });
    const add = (body: Record<string, unknown>, token = admin) =>
      app.post<{ problems?: Problem[] }>('/api/v1/org-units', body, { token });
    expect((await add({ code: '62129910120107', name: '三联村7组' })).status).toBe(201);
    expect((await add({ code: '62129910120107', name: '重复' })).status).toBe(409);
    expect((await add({ code: '621299102201', name: '无上级' })).body.problems?.[0].field).toBe('code');
    expect((await add({ code: '12345', name: 'x' })).status).toBe(400);
    expect((await add({ code: '621299101206', name: '新村' }, cadre)).status).toBe(403);

    const events = await waitFor('org-unit.registered.v1 for the seed and the new group', async () => {
      const all = (await kafka.readAll(`${prefix}${Topics.households}`)).map(
        (m) => JSON.parse(String(m.value)) as { id: string; type: string; subject: string },
      );
      const mine = [
        ...new Map(all.filter((e) => e.type === 'org-unit.registered.v1').map((e) => [e.id, e])).values(),
      ];
      return mine.length >= 38 ? mine : undefined;
    });
    // 1 county + 1 town + 5 villages + 30 groups + the new group, each once
    expect(events).toHaveLength(38);
    expect(new Set(events.map((e) => e.subject)).size).toBe(38);
  });

  it('serves OpenAPI documentation of the registry, with the list filters', async () => {
    const docs = await app.get<{
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    }>('/api/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/households/{id}',
        '/api/v1/household-ledger/imports',
        '/api/v1/household-ledger/export',
        '/api/v1/households/{id}/plan/measures',
        '/api/v1/org-units',
      ]),
    );
    expect(docs.body.paths['/api/v1/households'].get.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'villageCode',
        'monitoringCategory',
        'riskType',
        'pairedCadre',
        'lifecycleState',
        'sort',
      ]),
    );
  });
});
