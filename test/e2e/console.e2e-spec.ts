import * as fs from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { waitFor } from '@lib/testing';
import { aHousehold, aSurvey, GATEWAY_ADMIN, Platform } from './platform';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The web console in a real browser (Debian's Chromium, driven by playwright-core): a county
 * administrator signs in, sees the open alert raised for a household below the line, acknowledges
 * it, and reads the households ledger with ID numbers masked.
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
    await platform.start(['households', 'monitoring', 'rules', 'notifier', 'gateway']);
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
