import ExcelJS from 'exceljs';
import { waitFor } from '@lib/testing';
import { generateLedger, type LedgerFixture } from '../../../bench/households/ledger-fixture';
import { problemsOf } from './checks';
import { ConsolePage, ConsoleSuite, type Size } from './harness';
import { aHousehold, aWorkTeam } from '../platform';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** thousands grouped as the console shows them */
const n = (v: number) => v.toLocaleString('en-US');

/**
 * Journeys through the console, as its users do their work: through the UI only, against the whole
 * platform, in the order the work happens: the village cadre's survey raises an alert, the town
 * official acknowledges it (and approves a leave, imports the town's ledger, exports it), the county
 * administrator changes a rule, the county line and the users and resolves the alert, and the auditor
 * finds all of it in the audit log without being able to change anything.
 */
describe('console journeys', () => {
  const suite = new ConsoleSuite();
  /** one household per screen size, so each journey records its own month's survey */
  const households = {
    desktop: { number: '621299101201J001', head: '马德福', id: '' },
    phone: { number: '621299101201J002', head: '马德旺', id: '' },
  };
  /** the work-team member whose leave the town official approves, one per screen size */
  const leaves = { desktop: { member: '周婷', id: '' }, phone: { member: '吴海燕', id: '' } };
  let ledger: LedgerFixture;

  beforeAll(async () => {
    await suite.start();
    // the registry already holds the household (as after a ledger import); monitoring must know it
    const gw = suite.platform.apps.gateway;
    for (const h of Object.values(households)) {
      const created = await gw.post<{ id: string }>(
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
        { token: suite.adminToken },
      );
      expect(created.status).toBe(201);
      h.id = created.body.id;
      await waitFor(
        'monitoring to know the household',
        async () =>
          (await gw.get(`/api/v1/monitored-households/${h.id}`, { token: suite.adminToken })).status === 200,
      );
    }
    // a work team whose members ask for leave (as they would on their phones)
    const team = await aWorkTeam(gw, suite.adminToken, {
      name: leaves.desktop.member,
      role: 'member',
      postedFrom: '2026-09-01',
    });
    const second = await gw.post<{ id: string }>(
      `/api/v1/teams/${team.teamId}/members`,
      { name: leaves.phone.member, role: 'member', sendingUnit: '县农业农村局', postedFrom: '2026-09-01' },
      { token: suite.adminToken },
    );
    expect(second.status).toBe(201);
    for (const [l, memberId] of [
      [leaves.desktop, team.memberId],
      [leaves.phone, second.body.id],
    ] as const) {
      const asked = await gw.post<{ id: string }>(
        '/api/v1/leaves',
        { memberId, kind: 'leave', from: '2026-12-14', to: '2026-12-15', reason: '家中老人住院陪护' },
        { token: suite.adminToken },
      );
      expect(asked.status).toBe(201);
      l.id = asked.body.id;
    }
    ledger = await generateLedger();
  }, 900_000);
  afterAll(() => suite.stop());

  it.each(['desktop', 'phone'] as const)(
    'village cadre (%s): finds a household by name, records a survey below the line, sees the alert in the inbox',
    async (size) => {
      const { number, head, id } = households[size];
      const cp = await suite.signIn('village-cadre', size);
      const page = cp.page;
      try {
        await cp.openMenu('帮扶对象');
        await page.getByLabel('搜索姓名、户编号或证件号码').fill(head);
        await page.getByRole('button', { name: '搜索' }).click();
        await cp.settled();
        await page.getByRole('link', { name: number }).first().click();
        await cp.settled();
        expect(cp.path()).toBe(`/households/${id}`);
        await page.getByText(head).first().waitFor();

        await cp.openMenu('录入走访');
        await page.getByRole('combobox', { name: '选择农户' }).click();
        await page.keyboard.type(head);
        await page.locator('.el-select-dropdown__item:visible', { hasText: head }).first().click();
        await page.getByLabel('工资性收入').fill('3600');
        await page.getByLabel('转移性收入').fill('1200');
        await page.getByLabel('常住人口').fill('2');
        await page.getByLabel('走访人').fill('三联村 村干部');
        // live arithmetic: (3600 + 1200) / 2 = 2,400 元 a person, below the year's line
        await page.getByText('2,400.00 元').first().waitFor();
        await page.getByRole('button', { name: '保存走访' }).click();
        await page.waitForURL((u) => /^\/surveys\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 90_000 });
        await cp.settled();

        await cp.openMenu('预警处置');
        await waitFor(
          'the income alert in the inbox',
          async () => {
            await cp.go('/alerts');
            // the suite's only households are these two: desktop's alert first, then the phone's
            const shown = await page.getByRole('link', { name: '人均纯收入低于监测范围' }).count();
            return shown >= (size === 'desktop' ? 1 : 2);
          },
          { timeoutMs: 180_000, intervalMs: 2_000 },
        );
        expect(await problemsOf(cp)).toEqual([]);
      } finally {
        await cp.close();
      }
    },
    240_000,
  );

  /** The row (desktop) or card (phone) of a list that shows `text`. */
  const rowOf = (cp: ConsolePage, text: string) =>
    cp.page.locator('.el-table__row, .row-card').filter({ hasText: text });

  it.each(['desktop', 'phone'] as const)(
    'town official (%s): acknowledges the alert with a note, approves a leave, imports the ledger and reads its report, exports it',
    async (size: Size) => {
      const cp = await suite.signIn('town-official', size);
      const page = cp.page;
      try {
        // the village cadre's alert, from the inbox to its page, acknowledged with a note
        await cp.openMenu('预警处置');
        await rowOf(cp, households[size].number)
          .getByRole('link', { name: '人均纯收入低于监测范围' })
          .click();
        await cp.settled();
        await page.getByRole('button', { name: '确认', exact: true }).click();
        const ack = page.getByRole('dialog', { name: '确认预警' });
        await ack.getByLabel('处理说明').fill('已电话联系帮扶责任人，明日入户核实收入');
        await ack.getByRole('button', { name: '确认', exact: true }).click();
        await cp.settled();
        await page.locator('.el-tag', { hasText: '已确认' }).first().waitFor();
        await page.getByText('已电话联系帮扶责任人，明日入户核实收入').waitFor();

        // a work-team member's leave, approved with a note
        await cp.openMenu('请假与公出');
        const leave = rowOf(cp, leaves[size].member);
        await leave.getByRole('button', { name: '批准' }).click();
        await page.locator('.el-message-box input').fill('同意，请安排好村里值守');
        await cp.confirmDialog('批准');
        await leave.waitFor({ state: 'detached' }); // no longer waiting for a decision
        await cp.choose('状态', '已批准');
        await rowOf(cp, leaves[size].member).getByText('同意，请安排好村里值守').waitFor();

        // the town's ledger (1,144 households, a few bad rows): the per-row report
        await cp.openMenu('台账导入导出');
        await page.locator('input[type=file]').setInputFiles({
          name: '户信息台账.xlsx',
          mimeType: XLSX,
          buffer: ledger.file,
        });
        await page.getByText('导入结果：户信息台账.xlsx').waitFor({ timeout: 240_000 });
        await cp.settled();
        const statistic = (title: string) => page.locator('.el-statistic').filter({ hasText: title });
        // the desktop imports it; the phone, later, sends the same file again and nothing is doubled
        const first = size === 'desktop';
        const households_ = first ? ledger.expected.importedHouseholds : 0;
        await statistic('户（已导入 / 共）')
          .getByText(`${n(households_)} / ${n(ledger.households)}`)
          .waitFor();
        if (first) {
          await statistic('成员（已导入 / 共）')
            .getByText(`${n(ledger.expected.importedMembers)} / ${n(ledger.members)}`)
            .waitFor();
          // each refused household is listed (by its number) with the row and reason of its problem
          for (const row of ledger.expected.rejectedHouseholdRows)
            expect(await rowOf(cp, ledger.householdNumbers[row - 2]).count()).toBeGreaterThan(0);
        } else {
          // every household refused, each listed with its reason
          expect(await rowOf(cp, ledger.householdNumbers[0]).count()).toBeGreaterThan(0);
        }

        // the export of the town's ledger: every imported household, personal data masked
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: '导出 .xlsx' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('帮扶对象台账.xlsx');
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(await download.path());
        const cells = new Set<string>();
        for (const sheet of book.worksheets)
          sheet.eachRow((r) => r.eachCell((c) => cells.add(String(c.value))));
        const imported = ledger.householdNumbers.filter(
          (_, i) => !ledger.expected.rejectedHouseholdRows.includes(i + 2),
        );
        for (const number of imported) expect(cells).toContain(number);
        const ids = [...cells].filter((c) => /^\d{4}\*{10}\d{3}[\dX]$/.test(c));
        expect(ids.length).toBeGreaterThan(0); // ID numbers masked
        expect([...cells].some((c) => /^\d{17}[\dX]$/.test(c))).toBe(false); // none in clear
        await cp.settled();
        expect(await problemsOf(cp)).toEqual([]);
      } finally {
        await cp.close();
      }
    },
    480_000,
  );

  const newTownUser = { username: 'town-wanghai', name: '王海', password: 'town-wanghai-2026' };
  const countyLine = { amount: '7200', text: '7,200', source: '示范县乡村振兴局〔2026〕12号' };

  it('county administrator: a bad rule edit shows at its node; dry run, save and enable; the county line; a town user; resolves the alert', async () => {
    const cp = await suite.signIn('county-admin', 'desktop');
    const page = cp.page;
    try {
      await cp.openMenu('规则目录');
      await page.getByRole('link', { name: '人均纯收入低于监测范围' }).click();
      await cp.settled();
      // a bad edit: the comparison's value becomes a parameter the rule does not define
      await cp.choose('比较值：类型', '参数');
      await page.getByRole('button', { name: '试运行', exact: true }).click();
      await page.getByText('规则有误，已在出错处标出').waitFor();
      await page.locator('.cond-node.has-error').getByText('请选择参数').waitFor();
      await page.getByRole('button', { name: '放弃修改' }).click();
      await cp.settled();
      expect(await page.locator('.cond-node.has-error').count()).toBe(0);

      // the county's own version: medium severity; the dry run lists the two households below the line
      await page.locator('label.el-radio-button', { hasText: /^中$/ }).click();
      await page.getByRole('button', { name: '试运行', exact: true }).click();
      await cp.settled();
      const dry = page.locator('.dry-run');
      for (const h of Object.values(households)) await dry.getByText(h.number).first().waitFor();
      // saved switched off first, then enabled after its dry run
      await page.locator('.el-form-item', { hasText: '保存后' }).locator('.el-switch').click();
      await page.getByRole('button', { name: '保存为新版本' }).click();
      await cp.settled();
      await page.getByText(/已保存为.*第 \d+ 版/).waitFor();
      await page.getByRole('button', { name: '试运行并启用' }).click();
      const enable = page.getByRole('dialog', { name: '启用前试运行' });
      await enable.locator('.dry-run').getByText(households.desktop.number).first().waitFor();
      await enable.getByRole('button', { name: '确认启用' }).click();
      await cp.settled();
      await page.getByText('已启用', { exact: true }).first().waitFor();

      // the county's 监测范围 for this year
      await cp.openMenu('监测范围');
      await page.getByRole('button', { name: '调整本县监测范围' }).click();
      const line = page.getByRole('dialog', { name: '调整本县监测范围' });
      await line.getByLabel('监测范围金额').fill(countyLine.amount);
      await line.getByLabel('依据（发布文件）').fill(countyLine.source);
      await line.getByLabel('调整原因').fill('物价上涨，县级监测范围随之提高');
      await line.getByRole('button', { name: '保存' }).click();
      await cp.settled();
      await line.waitFor({ state: 'hidden' });
      await page.getByText(countyLine.text).first().waitFor();

      // a user for the town
      await cp.openMenu('用户与角色');
      await page.getByRole('button', { name: '新建用户' }).click();
      const create = page.getByRole('dialog', { name: '新建用户' });
      await create.getByLabel('用户名').fill(newTownUser.username);
      await create.getByLabel('姓名').fill(newTownUser.name);
      await create.getByLabel('初始密码').fill(newTownUser.password);
      await cp.fillForm(
        { 第1项角色: { select: '乡镇干部' }, 第1项角色的单位: { tree: 'XX镇' } },
        '.el-dialog:visible',
      );
      await create.getByRole('button', { name: '创建' }).click();
      await cp.settled();
      await rowOf(cp, newTownUser.username).waitFor();

      // the alert the town official acknowledged: resolved with a note
      await cp.openMenu('预警处置');
      await cp.choose('状态', '已确认');
      const alert = rowOf(cp, households.desktop.number);
      await alert.getByRole('button', { name: '办结' }).click();
      const resolve = page.getByRole('dialog', { name: '办结预警' });
      await resolve
        .getByLabel('办结说明')
        .fill('已落实公益岗位，2027 年 1 月起月收入 800 元，人均纯收入回到监测范围以上');
      await resolve.getByRole('button', { name: '办结', exact: true }).click();
      await cp.settled();
      await alert.waitFor({ state: 'detached' });
      expect(await problemsOf(cp)).toEqual([]);
    } finally {
      await cp.close();
    }
  }, 300_000);

  it.each(['desktop', 'phone'] as const)(
    'auditor (%s): finds everyone’s work in the audit log and can change nothing',
    async (size: Size) => {
      const cp = await suite.signIn('auditor', size);
      const page = cp.page;
      try {
        await cp.openMenu('审计日志');
        /** The audit log's lines for one person (and method), as the auditor filters them. */
        const linesOf = async (actor: string, method: string) => {
          await page.getByLabel('操作人', { exact: true }).fill(actor);
          await cp.choose('操作', method);
          await page.getByRole('button', { name: '查询' }).click();
          await cp.settled();
          return (await page.locator('.data-table').innerText()).replace(/\s+/g, ' ');
        };
        const admin = suite.account('county-admin').username;
        const official = suite.account('town-official').username;
        const cadre = suite.account('village-cadre').username;
        expect(await linesOf(cadre, '新增')).toMatch(/\/api\/v1\/surveys .*201 已创建/);
        const officialWrites = await linesOf(official, '新增');
        expect(officialWrites).toMatch(/\/api\/v1\/alerts\/[0-9a-f-]{32,36}\/acknowledge/);
        expect(officialWrites).toMatch(/\/api\/v1\/leaves\/[0-9a-f-]{36}\/decision/);
        expect(officialWrites).toContain('/api/v1/household-ledger/imports');
        expect(await linesOf(official, '查询')).toContain('/api/v1/household-ledger/export');
        const adminChanges = await linesOf(admin, '修改');
        expect(adminChanges).toContain('/api/v1/rules/income-below-line');
        expect(adminChanges).toContain('/api/v1/thresholds');
        const adminWrites = await linesOf(admin, '新增');
        expect(adminWrites).toMatch(/\/api\/v1\/users .*201 已创建/);
        expect(adminWrites).toMatch(/\/api\/v1\/alerts\/[0-9a-f-]{32,36}\/resolve/);
        expect(await problemsOf(cp)).toEqual([]);

        // nothing to change: no user administration, no alert actions, the rule editor read-only
        if (cp.isPhone) await page.getByRole('button', { name: '打开菜单' }).click();
        expect(await page.getByRole('navigation', { name: '主菜单' }).getByText('用户与角色').count()).toBe(
          0,
        );
        if (cp.isPhone) await page.keyboard.press('Escape');
        await cp.go('/alerts');
        await cp.choose('状态', '已确认'); // the alert the town official acknowledged on the phone
        await page.locator('.el-table__row, .row-card').first().waitFor();
        for (const name of ['确认', '办结', '批量确认'])
          expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
        await cp.go('/rules/income-below-line');
        await page.getByText('编辑新版本').or(page.getByText('各级版本')).first().waitFor();
        for (const name of ['保存为新版本', '试运行并启用', '停用'])
          expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
        expect(await problemsOf(cp)).toEqual([]);
      } finally {
        await cp.close();
      }
    },
    240_000,
  );
});
