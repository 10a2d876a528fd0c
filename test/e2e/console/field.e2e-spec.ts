import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from '@lib/testing';
import { problemsOf } from './checks';
import { ConsolePage, ConsoleSuite } from './harness';
import { aHousehold, aWorkTeam } from '../platform';

/** This month and today in China Standard Time (the console's and the API's calendar). */
const cst = new Date(Date.now() + 8 * 3600_000);
const MONTH = cst.toISOString().slice(0, 7);
const TODAY = cst.toISOString().slice(0, 10);
/** The demo village's centre (its work team's geofence, scripts/demo/demo-geometry.ts). */
const CENTRE = { latitude: 34.58, longitude: 105.72 };

/**
 * Marks every entry of the phone's upload queue as not yet sent (as if the answers had been lost on
 * the way), presses 立即同步 and waits until the server has answered `expected` uploads to `apiPath`.
 * Waiting on the answers, not on the page's counter, keeps the next step (a reload) from cutting an
 * upload that is still on the wire. Returns what the server answered.
 */
async function resendQueue(
  page: ConsolePage['page'],
  apiPath: string,
  expected: number,
): Promise<Array<{ status: number; replayed?: boolean }>> {
  const answers: Array<{ status: number; replayed?: boolean }> = [];
  const onResponse = (r: import('playwright-core').Response) => {
    if (r.request().method() === 'POST' && new URL(r.url()).pathname === apiPath)
      void r
        .json()
        .then((b: { replayed?: boolean }) => answers.push({ status: r.status(), replayed: b.replayed }))
        .catch(() => answers.push({ status: r.status() }));
  };
  page.on('response', onResponse);
  try {
    await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('ffp-field');
      open.onsuccess = () => {
        const tx = open.result.transaction('queue', 'readwrite');
        const store = tx.objectStore('queue');
        store.openCursor().onsuccess = (e) => {
          const c = e.target.result;
          if (!c) return;
          c.update({ ...c.value, status: 'pending' });
          c.continue();
        };
        tx.oncomplete = () => { open.result.close(); resolve(true); };
        tx.onerror = () => reject(tx.error);
      };
    })`);
    await page.getByRole('button', { name: '立即同步' }).click();
    await waitFor(`${expected} answered uploads to ${apiPath}`, async () => answers.length >= expected, {
      timeoutMs: 60_000,
    });
    return answers;
  } finally {
    page.off('response', onResponse);
  }
}

interface SurveyView {
  id: string;
  householdId: string;
  month: string;
  revision: number;
  visitor: string;
  income: Record<string, number>;
  perCapitaNetIncome: number | null;
  gps?: { lat: number; lng: number; accuracyM?: number };
}
interface Series {
  type: string;
  name: string;
  data: Array<Record<string, unknown>>;
}

/**
 * Issue #20 in Chromium at 390×844 as the village cadre: the console installed as a web app (service
 * worker) opens with no network; the month is downloaded to the phone; surveys recorded offline
 * upload by themselves once the network returns, exactly once whatever the retries; a survey someone
 * else recorded meanwhile comes back as a conflict and goes as a correction; an invalid survey is
 * refused with the API's field names; the map (一张图) draws villages, households, the geofence and
 * the day's check-ins; sign-out leaves no database in the browser.
 */
describe('field work offline and the village map (#20)', () => {
  const suite = new ConsoleSuite();
  /** F001–F005: the five offline surveys (F003 below the line); F006: the conflict; F007: the invalid one. */
  const households = Array.from({ length: 7 }, (_, i) => ({
    number: `621299101201F00${i + 1}`,
    head: ['赵德福', '钱有田', '孙满仓', '李春生', '周秋实', '吴冬梅', '郑夏荷'][i],
    id: '',
  }));
  let cp: ConsolePage;
  /** The village work team's member (王芳): the work log's author. */
  let memberId = '';
  const admin = () => ({ token: suite.adminToken });
  const gw = () => suite.platform.apps.gateway;

  beforeAll(async () => {
    await suite.start();
    for (const h of households) {
      const created = await gw().post<{ id: string }>(
        '/api/v1/households',
        aHousehold(h.number, {
          members: [
            { name: h.head, relation: 'head', sex: 'male', birthDate: '1966-05-02', labourSkill: 'ordinary' },
            {
              name: '张桂兰',
              relation: 'spouse',
              sex: 'female',
              birthDate: '1969-11-20',
              labourSkill: 'weak',
            },
          ],
        }),
        admin(),
      );
      expect(created.status).toBe(201);
      h.id = created.body.id;
    }
    for (const h of households)
      await waitFor(
        'monitoring to know the household',
        async () => (await gw().get(`/api/v1/monitored-households/${h.id}`, admin())).status === 200,
        { timeoutMs: 120_000 },
      );
    // the village's work team and two of today's check-ins from its GPS terminal
    const team = await aWorkTeam(gw(), suite.adminToken, {
      name: '王芳',
      role: 'member',
      postedFrom: '2026-09-01',
    });
    const at = (hhmm: string, dLat: number) => ({
      source: 'gps-terminal',
      sourceRecordId: `${team.memberId}-${TODAY}-${hhmm}`,
      memberId: team.memberId,
      checkTime: `${TODAY}T${hhmm}:00+08:00`,
      latitude: CENTRE.latitude + dLat,
      longitude: CENTRE.longitude,
    });
    memberId = team.memberId;
    expect(await team.pushCheckIns([at('08:50', 0.0005), at('12:10', -0.0005)])).toMatchObject({
      status: 200,
      body: { accepted: 2 },
    });
  }, 900_000);

  afterAll(async () => {
    await cp?.close();
    await suite.stop();
  });

  const surveysOf = async (householdId: string) =>
    (
      await gw().get<{ items: SurveyView[] }>(
        `/api/v1/surveys?householdId=${householdId}&month=${MONTH}`,
        admin(),
      )
    ).body.items;
  const pendingText = () => cp.page.getByTestId('pending-count').innerText();
  const databases = () =>
    cp.page.evaluate<string[]>('indexedDB.databases().then((d) => d.map((x) => x.name))');

  /** Fills the offline survey form of a household (from the list of those due) and saves it to the phone. */
  async function recordOffline(h: (typeof households)[number], wage: string, opts: { save?: boolean } = {}) {
    const page = cp.page;
    await page.locator('button.household', { hasText: `${h.number}号` }).click();
    await page.getByRole('heading', { name: '离线录入走访' }).waitFor();
    const box = (name: string) => page.getByRole('textbox', { name, exact: true });
    await box('工资性收入').fill(wage);
    await box('生产经营性收入').fill('1500');
    await box('财产性收入').fill('0');
    await box('转移性收入').fill('2400');
    await box('生产经营性支出').fill('500');
    await box('常住人口').fill(opts.save === false ? '3' : '2');
    // the phone's position (granted, emulated) fills the location by itself
    await waitFor('the position', async () => (await box('纬度').inputValue()) !== '', { timeoutMs: 30_000 });
    await page.getByRole('button', { name: '保存到本机' }).click();
    if (opts.save !== false) await page.waitForURL((u) => u.pathname === '/field');
  }

  it('downloads the month, records five surveys with no network (the app reloaded by its service worker), and they upload by themselves exactly once', async () => {
    cp = await suite.signIn('village-cadre', 'phone');
    const { page, context } = cp;
    await context.grantPermissions(['geolocation'], { origin: suite.baseUrl });
    await cp.go('/field');
    // the service worker is installed and controls the page
    await waitFor(
      'the service worker',
      () => page.evaluate<boolean>('navigator.serviceWorker.controller !== null'),
      {
        timeoutMs: 120_000,
      },
    );
    const manifest = await (await fetch(`${suite.baseUrl}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({
      name: '防返贫动态监测平台',
      display: 'standalone',
      start_url: '/field',
    });

    await page.getByRole('button', { name: '下载本月走访' }).click();
    await page.getByText('待走访农户（7）').waitFor();
    // personal data stays masked on the phone
    await page.getByText('赵*福 · 621299101201F001号').waitFor();
    expect(await page.getByText('赵德福').count()).toBe(0);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: '离线走访' }).waitFor();
    await page.getByText('待走访农户（7）').waitFor();
    expect(await page.locator('.status .el-tag').innerText()).toBe('离线');

    // F003 below the line: (6000 + 1500 + 0 + 2400 − 500) / 2 = 4,700 per person; the others 7,700
    for (const [i, h] of households.slice(0, 5).entries()) {
      await context.setGeolocation({
        latitude: CENTRE.latitude + 0.004 * (i - 2),
        longitude: CENTRE.longitude + 0.006,
        accuracy: 12,
      });
      await recordOffline(h, i === 2 ? '6000' : '12000');
    }
    expect(await pendingText()).toBe('5 待上传');
    expect(await page.locator('.status .muted').first().innerText()).toBe('上次同步：尚未同步');
    for (const h of households.slice(0, 5)) expect(await surveysOf(h.id)).toHaveLength(0);

    // back online: they go by themselves
    await context.setOffline(false);
    await waitFor('the queue to empty', async () => (await pendingText()) === '0 待上传', {
      timeoutMs: 120_000,
    });
    expect(await page.locator('.status .muted').first().innerText()).toMatch(
      /^上次同步：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    const stored = await Promise.all(households.slice(0, 5).map((h) => surveysOf(h.id)));
    expect(stored.map((s) => s.length)).toEqual([1, 1, 1, 1, 1]);
    expect(stored[2][0].perCapitaNetIncome).toBe(4700);
    expect(stored[0][0].gps).toMatchObject({ accuracyM: 12 });
    // (what failed while the network was away is expected: from here on nothing may)
    cp.takeProblems();

    // the answers were lost on the way (as on a bad line): the phone sends all five again, twice
    const resent: Array<{ status: number; replayed?: boolean }> = [];
    for (let round = 1; round <= 2; round++) {
      resent.push(...(await resendQueue(page, '/api/v1/surveys', 5)));
      await waitFor('the forced sync', async () => (await pendingText()) === '0 待上传', {
        timeoutMs: 60_000,
      });
    }
    expect(resent).toEqual(Array.from({ length: 10 }, () => ({ status: 201, replayed: true })));
    const again = await Promise.all(households.slice(0, 5).map((h) => surveysOf(h.id)));
    expect(again.map((s) => s.map((x) => x.id))).toEqual(stored.map((s) => s.map((x) => x.id)));

    // the one below the line raises exactly one alert; the others none
    const alertsOf = async (id: string) =>
      (await gw().get<{ items: Array<{ status: string }> }>(`/api/v1/alerts?subjectId=${id}`, admin())).body
        .items;
    await waitFor('the income alert', async () => (await alertsOf(households[2].id)).length === 1, {
      timeoutMs: 120_000,
    });
    await suite.platform.kafka.waitForNoLag(
      suite.platform.group('rules'),
      suite.platform.topic('monitoring.events.v1'),
      60_000,
    );
    const counts = await Promise.all(households.slice(0, 5).map(async (h) => (await alertsOf(h.id)).length));
    expect(counts).toEqual([0, 0, 1, 0, 0]);
    expect(await problemsOf(cp)).toEqual([]);
  }, 600_000);

  it('an invalid survey cannot be queued: the negative income and the residents above members are named as the API names them', async () => {
    const page = cp.page;
    const f007 = households[6];
    await recordOffline(f007, '-100', { save: false });
    const errorOf = async (label: string) =>
      page
        .locator('.el-form-item.is-error', { has: page.getByRole('textbox', { name: label, exact: true }) })
        .locator('.el-form-item__error')
        .innerText();
    expect(await errorOf('工资性收入')).toBe('不能为负数');
    expect(await errorOf('常住人口')).toBe('不能多于登记人口（2 人）');
    expect(await page.locator('.el-alert--error').innerText()).toContain(
      '请修改标红的项：工资性收入、常住人口',
    );
    // the API names the income the same way
    const refused = await gw().post<{ problems: Array<{ field: string; reason: string }> }>(
      '/api/v1/surveys',
      { householdId: f007.id, month: MONTH, visitor: '王德明', income: { wage: -100 }, residentMembers: 2 },
      admin(),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.problems.map((p) => p.field)).toEqual(['income.wage']);
    await cp.go('/field');
    expect(await pendingText()).toBe('0 待上传');
    expect(await surveysOf(f007.id)).toHaveLength(0);
  }, 300_000);

  it('a survey recorded by someone else meanwhile comes back as a conflict, overwrites nothing, and goes as a correction', async () => {
    const { page, context } = cp;
    const f006 = households[5];
    await context.setOffline(true);
    await context.setGeolocation({
      latitude: CENTRE.latitude - 0.006,
      longitude: CENTRE.longitude - 0.008,
      accuracy: 20,
    });
    await recordOffline(f006, '9000');
    expect(await pendingText()).toBe('1 待上传');
    // the town official records the same household and month online
    const theirs = await gw().post<SurveyView>(
      '/api/v1/surveys',
      {
        householdId: f006.id,
        month: MONTH,
        visitor: '镇干部 李娜',
        income: { wage: 12000, business: 1500, property: 0, transfer: 2400, businessCosts: 500 },
        residentMembers: 2,
      },
      admin(),
    );
    expect(theirs.status).toBe(201);

    await context.setOffline(false);
    const conflict = page.locator('.item.problem[data-status="conflict"]');
    await conflict.waitFor({ timeout: 120_000 });
    expect(await pendingText()).toBe('0 待上传');
    const rows = await conflict.locator('table.compare tbody tr').allInnerTexts();
    expect(rows[0].split('\t')).toEqual(['工资性收入', '9,000.00 元', '12,000.00 元']);
    // nothing was overwritten and nothing doubled
    const before = await surveysOf(f006.id);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({
      id: theirs.body.id,
      visitor: '镇干部 李娜',
      revision: 1,
      income: { wage: 12000 },
    });

    await conflict.getByRole('button', { name: '作为更正提交' }).click();
    await cp.confirmDialog('提交更正');
    await page.getByText('已作为更正提交').waitFor();
    const after = await surveysOf(f006.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: theirs.body.id,
      revision: 2,
      income: { wage: 9000 },
      perCapitaNetIncome: 6200,
    });
    const revisions = await gw().get<{ items: Array<{ kind: string; reason?: string }> }>(
      `/api/v1/surveys/${theirs.body.id}/revisions`,
      admin(),
    );
    expect(revisions.body.items.map((r) => r.kind)).toEqual(['recorded', 'correction']);
    // the only refusal on the way was the conflict itself
    expect(cp.takeProblems().sort()).toEqual([
      expect.stringMatching(/^HTTP 409: POST .*\/api\/v1\/surveys$/),
      'console error: Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
    expect(await problemsOf(cp)).toEqual([]);
  }, 300_000);

  it('the map draws the villages with their open alerts, the households where visited, the geofence and the day’s check-ins', async () => {
    // the town official sees the town's five villages (the cadre sees their own village only)
    const town = await suite.signIn('town-official', 'phone');
    const page = town.page;
    await town.go(`/map?day=${TODAY}`);
    const option = await waitFor(
      'the map',
      () => page.evaluate<{ series: Series[] } | undefined>('window.__ffpMap() ?? undefined'),
      {
        timeoutMs: 60_000,
      },
    );
    const [villages, points, fences, checkIns] = option.series;
    expect(villages).toMatchObject({ type: 'map', name: '开放预警' });
    expect(Object.fromEntries(villages.data.map((d) => [d.name, d.value]))).toEqual({
      '621299101201': 1,
      '621299101202': 0,
      '621299101203': 0,
      '621299101204': 0,
      '621299101205': 0,
    });
    expect(points.name).toBe('农户');
    expect(points.data.map((d) => d.householdId).sort()).toEqual(
      households
        .slice(0, 6)
        .map((h) => h.id)
        .sort(),
    );
    expect(fences).toMatchObject({ type: 'lines', name: '工作队围栏' });
    expect(fences.data).toHaveLength(1);
    expect((fences.data[0].coords as unknown[]).length).toBe(49);
    expect(checkIns.name).toBe('当日打卡');
    expect(checkIns.data.map((d) => d.value as number[]).sort((a, b) => b[1] - a[1])).toEqual([
      [CENTRE.longitude, CENTRE.latitude + 0.0005],
      [CENTRE.longitude, CENTRE.latitude - 0.0005],
    ]);
    await page.screenshot({ path: path.join(os.tmpdir(), 'ffp-field-map-phone.png'), fullPage: true });
    expect(await problemsOf(town)).toEqual([]);

    // a village lists its alerts and households
    await page.locator('button.village', { hasText: '三联村' }).click();
    const detail = page.getByLabel('村详情');
    await detail.getByText('开放预警（1）').waitFor();
    await detail.getByText('农户（7）').waitFor();

    // a household's point opens its page (the page of a household drawn at that position)
    const f001 = points.data.find((d) => d.householdId === households[0].id)!;
    const [lng, lat] = f001.value as [number, number];
    const there = points.data.filter((d) => JSON.stringify(d.value) === JSON.stringify(f001.value));
    await page.locator('.map').scrollIntoViewIfNeeded();
    const xy = await page.evaluate<[number, number]>(`window.__ffpMapPixel(${lng}, ${lat})`);
    const box = (await page.locator('.map canvas').first().boundingBox())!;
    await page.mouse.click(box.x + xy[0], box.y + xy[1]);
    await page.waitForURL((u) => there.some((d) => u.pathname === `/households/${String(d.householdId)}`), {
      waitUntil: 'commit',
    });
    await town.close();

    // the cadre's map: their village only
    await cp.go(`/map?day=${TODAY}`);
    const own = await waitFor(
      'the cadre’s map',
      () => cp.page.evaluate<{ series: Series[] } | undefined>('window.__ffpMap() ?? undefined'),
      {
        timeoutMs: 60_000,
      },
    );
    expect(own.series[0].data.map((d) => [d.name, d.value])).toEqual([['621299101201', 1]]);
    expect(own.series[1].data).toHaveLength(6);
    expect(await problemsOf(cp)).toEqual([]);
  }, 300_000);

  it('a work-team member writes a 驻村工作日志 with no network: queued, back online it uploads, and stays one entry after repeated syncs; the county’s 1-day setting expires the copy', async () => {
    // the county sets the phones' copy to one day (离线走访设置), read at download
    const set = await gw().request('PUT', '/api/v1/field-settings/621299', { offlineCopyDays: 1 }, admin());
    expect(set.status).toBe(200);
    const bad = await gw().request<{ problems: Array<{ field: string }> }>(
      'PUT',
      '/api/v1/field-settings/621299',
      { offlineCopyDays: 0 },
      admin(),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.field)).toEqual(['offlineCopyDays']);

    const wt = await suite.signIn('work-team-member', 'phone');
    try {
      const { page, context } = wt;
      const pending = () => page.getByTestId('pending-count').innerText();
      await context.grantPermissions(['geolocation'], { origin: suite.baseUrl });
      await context.setGeolocation({ ...CENTRE, accuracy: 20 });
      await wt.go('/field');
      await page.getByRole('button', { name: '下载本月走访' }).click();
      await page.getByText(/有效至/).waitFor();
      const facts = await page.evaluate<{
        downloadedAt: string;
        expiryDays: number;
      }>(`new Promise((resolve) => {
        const open = indexedDB.open('ffp-field');
        open.onsuccess = () => {
          const all = open.result.transaction('meta').objectStore('meta').getAll();
          all.onsuccess = () => { open.result.close(); resolve(Object.fromEntries(all.result.map((r) => [r.key, r.value]))); };
        };
      })`);
      expect(facts.expiryDays).toBe(1);

      await context.setOffline(true);
      await page.getByRole('button', { name: '写工作日志' }).click();
      await page.getByRole('heading', { name: '离线写工作日志' }).waitFor();
      // the content is required: refused on the phone with the API's field
      await page.getByRole('button', { name: '保存到本机' }).click();
      await page.locator('.el-form-item__error').first().waitFor();
      const memberSelect = page.getByRole('combobox', { name: '队员' });
      if ((await page.locator('.el-select__selected-item', { hasText: '王芳' }).count()) === 0) {
        await memberSelect.click();
        await page.getByRole('option', { name: /王芳/ }).click();
      }
      await page
        .getByRole('textbox', { name: '工作内容' })
        .fill('入户走访赵德福家，核实务工收入，宣传防返贫政策。');
      await page.getByRole('textbox', { name: '地点' }).fill('三联村村委会');
      await waitFor(
        'the position',
        async () => (await page.getByRole('textbox', { name: '纬度' }).inputValue()) !== '',
        {
          timeoutMs: 30_000,
        },
      );
      await page.getByRole('button', { name: '保存到本机' }).click();
      await page.waitForURL((u) => u.pathname === '/field');
      expect(await pending()).toBe('1 待上传');
      const logsOf = async () =>
        (
          await gw().get<{ items: Array<{ id: string; content: string }> }>(
            `/api/v1/worklogs?memberId=${memberId}`,
            admin(),
          )
        ).body.items;
      expect(await logsOf()).toEqual([]);

      await context.setOffline(false);
      await waitFor('the queue to empty', async () => (await pending()) === '0 待上传', {
        timeoutMs: 120_000,
      });
      const first = await logsOf();
      expect(first.map((l) => l.content)).toEqual(['入户走访赵德福家，核实务工收入，宣传防返贫政策。']);
      wt.takeProblems();
      // the sync forced twice more (the answer lost on the way): still one entry
      for (let round = 1; round <= 2; round++) {
        expect(await resendQueue(page, '/api/v1/worklogs', 1)).toEqual([{ status: 201, replayed: true }]);
        await waitFor('the forced sync', async () => (await pending()) === '0 待上传', { timeoutMs: 60_000 });
      }
      expect((await logsOf()).map((l) => l.id)).toEqual(first.map((l) => l.id));

      // two days later the one-day copy is refused and deleted (the uploaded queue is the user's own record)
      await page.evaluate(`new Promise((resolve) => {
        const open = indexedDB.open('ffp-field');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put({ key: 'downloadedAt', value: new Date(Date.now() - 2 * 86400000).toISOString() });
          tx.oncomplete = () => { open.result.close(); resolve(true); };
        };
      })`);
      await page.reload();
      await page.getByText('离线数据已超过 1 天，已从本机清除，请联网后重新下载').waitFor();
      const left = await page.evaluate<number>(`new Promise((resolve) => {
        const open = indexedDB.open('ffp-field');
        open.onsuccess = () => {
          const n = open.result.transaction('households').objectStore('households').count();
          n.onsuccess = () => { open.result.close(); resolve(n.result); };
        };
      })`);
      expect(left).toBe(0);
      expect(await problemsOf(wt)).toEqual([]);
    } finally {
      await wt.close();
      await gw().request('PUT', '/api/v1/field-settings/621299', { offlineCopyDays: 7 }, admin());
    }
  }, 600_000);

  it('a cadre disabled meanwhile gets a clear refusal; the queued survey stays on the phone until a permitted user takes it over', async () => {
    const { page, context } = cp;
    const f007 = households[6];
    await cp.go('/field');
    await context.setOffline(true);
    await recordOffline(f007, '12000');
    expect(await pendingText()).toBe('1 待上传');
    const users = await gw().get<{ items: Array<{ id: string; username: string }> }>(
      '/api/v1/users?pageSize=100',
      admin(),
    );
    const cadre = users.body.items.find((u) => u.username === cp.account.username)!;
    expect(
      (await gw().request('PATCH', `/api/v1/users/${cadre.id}`, { disabled: true }, admin())).status,
    ).toBe(200);

    await context.setOffline(false);
    await page
      .locator('.el-message--error', { hasText: '登录已失效或账号已停用' })
      .waitFor({ timeout: 120_000 });
    expect(await surveysOf(f007.id)).toHaveLength(0);
    const kept = await page.evaluate<Array<{ status: string; label: string }>>(`new Promise((resolve) => {
      const open = indexedDB.open('ffp-field');
      open.onsuccess = () => {
        const all = open.result.transaction('queue').objectStore('queue').getAll();
        all.onsuccess = () => { open.result.close(); resolve(all.result.filter((q) => q.status !== 'done').map((q) => ({ status: q.status, label: q.label }))); };
      };
    })`);
    expect(kept).toEqual([{ status: 'refused', label: '郑*荷 · 621299101201F007号 · 三联村' }]);
    cp.takeProblems();

    // the county administrator signs in on the same phone and takes it over
    await page.goto(`${suite.baseUrl}/login`);
    await page.getByLabel('用户名').fill(suite.account('county-admin').username);
    await page.getByLabel('密码').fill(suite.account('county-admin').password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname !== '/login');
    await cp.settled();
    await cp.go('/field');
    const left = page.locator('.el-alert', { hasText: '1 条记录由其他账号录入，未能上传' });
    await left.waitFor();
    await left.getByRole('button', { name: '接手' }).click();
    await waitFor('the survey taken over', async () => (await surveysOf(f007.id)).length === 1, {
      timeoutMs: 60_000,
    });
    expect((await surveysOf(f007.id))[0]).toMatchObject({
      visitor: expect.stringContaining('王德明'),
      perCapitaNetIncome: 7700,
    });
    expect(await page.locator('.el-alert', { hasText: '由其他账号录入' }).count()).toBe(0);
  }, 300_000);

  it('sign-out wipes the phone’s copy: no database is left in the browser', async () => {
    const page = cp.page;
    expect(await databases()).toContain('ffp-field');
    await page.getByRole('button', { name: /^当前用户/ }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await databases()).toEqual([]);
  }, 120_000);
});
