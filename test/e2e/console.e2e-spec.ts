import * as fs from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { waitFor } from '@lib/testing';
import { aHousehold, aSurvey, aWorkTeam, GATEWAY_ADMIN, Platform } from './platform';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The web console in a real browser (Debian's Chromium, driven by playwright-core): a county
 * administrator signs in, sees the open alert raised for a household below the line, acknowledges
 * it, reads the households ledger with ID numbers masked, and the month's attendance of a work team
 * whose check-in came in through the gateway's signed endpoint.
 */
describe('web console (控制台) in a browser', () => {
  const platform = new Platform();
  let browser: Browser;
  let page: Page;
  let gatewayToken: string;
  const idNumber = '620102199003071234'.slice(0, 17);

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: bash scripts/ensure-browser.sh installs Chromium (npm test does)`,
      );
    await platform.start(['households', 'monitoring', 'rules', 'notifier', 'supervision', 'gateway']);
    const gw = platform.apps.gateway;
    const login = await gw.post<{ accessToken: string }>(
      '/api/v1/auth/login',
      { username: GATEWAY_ADMIN.username, password: GATEWAY_ADMIN.password },
      { token: null },
    );
    gatewayToken = login.body.accessToken;
    const head = {
      name: '王建国',
      relation: 'head',
      sex: 'male',
      birthDate: '1990-03-07',
      idNumber: withCheckDigit(idNumber),
    };
    const created = await gw.post<{ id: string }>(
      '/api/v1/households',
      aHousehold('HH-CONSOLE-1', {
        members: [head, { name: '李秀英', relation: 'spouse', sex: 'female', birthDate: '1991-09-03' }],
      }),
      { token: gatewayToken },
    );
    expect(created.status).toBe(201);
    await waitFor(
      'monitoring to know the household',
      async () =>
        (await gw.get(`/api/v1/monitored-households/${created.body.id}`, { token: gatewayToken })).status ===
        200,
    );
    const survey = await gw.post('/api/v1/surveys', aSurvey(created.body.id), {
      token: gatewayToken,
    });
    expect(survey.status).toBe(201);
    await waitFor('the income alert to be raised', async () => {
      const res = await gw.get<{ items: unknown[] }>('/api/v1/alerts?status=open', { token: gatewayToken });
      return res.body.items.length === 1;
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ locale: 'zh-CN' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it('refuses a wrong password in Chinese, then signs in and shows the open alerts', async () => {
    await page.goto(platform.apps.gateway.url);
    expect(page.url()).toBe(`${platform.apps.gateway.url}/console/`);
    await page.getByLabel('用户名').fill(GATEWAY_ADMIN.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码错误').waitFor();

    await page.getByLabel('密码').fill(GATEWAY_ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expectText(page.getByTestId('open-alerts'), '1');
  });

  it('lists the alert with its explanation and acknowledges it', async () => {
    await page.getByRole('link', { name: '风险预警' }).click();
    await page.getByText('人均纯收入').first().waitFor();
    await expectText(page.getByTestId('alert-status'), '未处理');
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByLabel('状态').selectOption('acknowledged');
    await expectText(page.getByTestId('alert-status'), '已确认');
    const res = await platform.apps.gateway.get<{ items: { status: string }[] }>('/api/v1/alerts', {
      token: gatewayToken,
    });
    expect(res.body.items.map((a) => a.status)).toEqual(['acknowledged']);
  });

  it('shows the households ledger with the ID number masked', async () => {
    await page.getByRole('link', { name: '帮扶对象' }).click();
    await page.getByText('HH-CONSOLE-1').waitFor();
    const shown = await page.getByTestId('id-number').innerText();
    expect(shown).toMatch(/^6201\*+\d{3}[\dX]$/);
    expect(await page.content()).not.toContain(withCheckDigit(idNumber));
  });

  it('shows a work team’s month (驻村考勤) with on-post days against the requirement', async () => {
    const gw = platform.apps.gateway;
    const auth = { token: gatewayToken };
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
    const month = d.toISOString().slice(0, 7);
    const { teamId, memberId, pushCheckIns } = await aWorkTeam(gw, gatewayToken, {
      name: '张明',
      role: 'first_secretary',
      postedFrom: `${month}-01`,
    });
    // a full batch of 500 records (~150 kB, above the default body limit) on one day, signed by
    // a GPS terminal with a gateway integration key bound to the town
    const pushed = await pushCheckIns(
      Array.from({ length: 500 }, (_, i) => ({
        source: 'gps-terminal',
        sourceRecordId: `console-${i}`,
        memberId,
        checkTime: `${month}-15T14:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}+08:00`,
        latitude: 34.5801,
        longitude: 105.7203,
        address: '三联村村委会院内'.repeat(4),
      })),
    );
    expect(pushed).toMatchObject({ status: 200, body: { accepted: 500 } });
    const report = await gw.get<{ members: Array<{ requiredDays: number; onPostDays: number }> }>(
      `/api/v1/attendance/team-summary?teamId=${teamId}&month=${month}`,
      auth,
    );
    expect(report.body.members[0].onPostDays).toBe(1);

    await page.getByRole('link', { name: '驻村考勤' }).click();
    const row = page.locator('tr', { hasText: '张明' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.slice(1, 5)).toEqual([
      '张明',
      '第一书记',
      `1 / ${report.body.members[0].requiredDays}`,
      `差 ${report.body.members[0].requiredDays - 1} 天`,
    ]);
  });
});

async function expectText(locator: ReturnType<Page['getByTestId']>, text: string) {
  await waitFor(`"${text}" on the page`, async () => (await locator.first().innerText()).trim() === text);
}

/** GB 11643 check digit, so the ID number is valid. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
