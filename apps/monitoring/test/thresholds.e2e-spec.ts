import { Topics, ThresholdSetV1 } from '@lib/contracts';
import { waitFor } from '@lib/testing';
import { MonitoringHarness } from './coverage-harness';

interface Line {
  id: string;
  scope: string;
  provinceCode: string | null;
  countyCode: string | null;
  year: number;
  amount: number;
  source: string;
  version: number;
}
interface Change extends Omit<Line, 'version'> {
  version: number;
  previousAmount: number | null;
  reason: string;
  setBy: string;
  setAt: string;
}

describe('thresholds (监测范围) owned by monitoring', () => {
  const h = new MonitoringHarness();

  beforeAll(async () => {
    await h.start();
  }, 120_000);
  afterAll(async () => {
    await h.stop();
  }, 60_000);

  it('seeds the shared defaults and lets anyone read them, filtered by scope and year', async () => {
    const all = await h.app.get<{ items: Line[] }>('/api/v1/thresholds', {
      token: await h.tokenOf('village-cadre', '621299101201'),
    });
    expect(all.status).toBe(200);
    expect(all.body.items.map((l) => [l.id, l.amount])).toEqual([
      ['national:national:2021', 6000],
      ['province:52:2023', 7300],
      ['county:350102:2023', 10560],
      ['county:530102:2023', 8050],
      ['province:53:2025', 8700],
    ]);
    const counties2023 = await h.app.get<{ items: Line[] }>('/api/v1/thresholds?scope=county&year=2023');
    expect(counties2023.body.items.map((l) => l.countyCode)).toEqual(['350102', '530102']);
    // a province code lists the province's lines and its counties'
    const yunnan = await h.app.get<{ items: Line[] }>('/api/v1/thresholds?code=53');
    expect(yunnan.body.items.map((l) => l.id)).toEqual(['county:530102:2023', 'province:53:2025']);
  });

  it('a county administrator sets their county line; it is kept in the history and announced', async () => {
    const admin = await h.tokenOf('county-admin', '621299', 'user:zhang-admin');
    const put = (body: unknown, token = admin) =>
      h.app.request<Record<string, unknown>>('PUT', '/api/v1/thresholds', body, { token });
    const first = await put({
      scope: 'county',
      code: '621299',
      year: 2026,
      amount: 7600,
      source: '某县2026年监测范围通知',
      reason: '省定标准上调后县里确定',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      changed: true,
      threshold: {
        id: 'county:621299:2026',
        provinceCode: '62',
        countyCode: '621299',
        amount: 7600,
        version: 1,
      },
    });
    const second = await put({
      scope: 'county',
      code: '621299',
      year: 2026,
      amount: 7800,
      source: '某县2026年监测范围通知（修订）',
      reason: '按修订通知更正',
    });
    expect(second.body).toMatchObject({ changed: true, threshold: { amount: 7800, version: 2 } });
    // the same figure and source again changes nothing
    const same = await put({
      scope: 'county',
      code: '621299',
      year: 2026,
      amount: 7800,
      source: '某县2026年监测范围通知（修订）',
      reason: '重复提交',
    });
    expect(same.body).toMatchObject({ changed: false, threshold: { version: 2 } });

    const history = await h.app.get<{ items: Change[]; total: number }>(
      '/api/v1/thresholds/history?scope=county&code=621299&year=2026',
    );
    expect(history.body.total).toBe(2);
    expect(history.body.items.map((c) => [c.version, c.previousAmount, c.amount, c.setBy, c.reason])).toEqual(
      [
        [2, 7600, 7800, 'user:zhang-admin', '按修订通知更正'],
        [1, null, 7600, 'user:zhang-admin', '省定标准上调后县里确定'],
      ],
    );
    const line = await h.app.get<{ items: Line[] }>('/api/v1/thresholds?code=621299');
    expect(line.body.items.map((l) => l.amount)).toEqual([7800]);

    const announced = await waitFor('threshold.set.v1 for both changes', async () => {
      const events = (await h.kafka.readAll(h.topic(Topics.monitoring)))
        .map((m) => JSON.parse(m.value!.toString()) as ThresholdSetV1)
        .filter((e) => e.type === ThresholdSetV1.type && e.subject === 'county:621299:2026');
      return events.length === 2 ? events : undefined;
    });
    expect(announced.map((e) => [e.data.previousAmount, e.data.amount, e.data.setBy])).toEqual([
      [null, 7600, 'user:zhang-admin'],
      [7600, 7800, 'user:zhang-admin'],
    ]);
  });

  it('refuses other counties, national and province lines for people, and bad input, changing nothing', async () => {
    const admin = await h.tokenOf('county-admin', '621299');
    const put = (body: unknown, token = admin) =>
      h.app.request<{ problems?: Array<{ field: string }> }>('PUT', '/api/v1/thresholds', body, { token });
    const base = { year: 2026, amount: 9000, source: '通知', reason: '测试原因' };
    expect((await put({ ...base, scope: 'county', code: '530102' })).status).toBe(403);
    expect((await put({ ...base, scope: 'province', code: '62' })).status).toBe(403);
    expect((await put({ ...base, scope: 'national' })).status).toBe(403);
    const townOfficial = await h.tokenOf('town-official', '621299101');
    expect((await put({ ...base, scope: 'county', code: '621299' }, townOfficial)).status).toBe(403);

    const bad = await put({ ...base, scope: 'county', code: '6212', amount: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.problems!.map((p) => p.field).sort()).toEqual(['amount', 'code']);
    const noReason = await put({ scope: 'county', code: '621299', year: 2026, amount: 9000, source: '通知' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.problems!.map((p) => p.field)).toEqual(['reason']);

    // the service identity may set a province line
    const province = await h.app.request('PUT', '/api/v1/thresholds', {
      ...base,
      scope: 'province',
      code: '62',
      amount: 7100,
    });
    expect(province.status).toBe(200);
    const lines = await h.app.get<{ items: Line[] }>('/api/v1/thresholds?year=2026');
    expect(lines.body.items.map((l) => [l.id, l.amount])).toEqual([
      ['province:62:2026', 7100],
      ['county:621299:2026', 7800],
    ]);
  });
});
