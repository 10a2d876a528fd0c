import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ElementPlus from 'element-plus';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { RoleGrant } from '@lib/auth-roles';
import { LEDGERS, bodyOf, ledgerOf, type LedgerRecord } from './ledgers';

// the API as the projects app answers it (the HTTP client is the only thing replaced)
const calls: Array<{ method: string; path: string; body?: unknown; query?: unknown }> = [];
let answer: unknown = { items: [], total: 0 };
vi.mock('@/api/client', async (original) => ({
  ...(await original<typeof import('@/api/client')>()),
  get: vi.fn(async (path: string, query?: unknown) => {
    calls.push({ method: 'GET', path, query });
    return answer;
  }),
  post: vi.fn(async (path: string, body?: unknown) => {
    calls.push({ method: 'POST', path, body });
    return {};
  }),
  download: vi.fn(async (path: string, filename: string) => {
    calls.push({ method: 'DOWNLOAD', path, body: filename });
  }),
}));

const VILLAGE = '621299101201';
const post: LedgerRecord = {
  id: 'post-1',
  ledger: 'public_welfare_job',
  householdId: '0f9d8a52-6a7e-4a8e-9d5b-2d6d2f1f1a11',
  householdNumber: 'HH-001',
  villageCode: VILLAGE,
  title: '村级保洁员',
  details: { memberName: '王建国', postName: '村级保洁员', employer: '三联村村民委员会', monthlyWage: 500, startedOn: '2026-05-01' },
  figures: { paid: 3000, monthsWorked: 6 },
};
const loan: LedgerRecord = {
  id: 'loan-1',
  ledger: 'microcredit',
  householdId: '0f9d8a52-6a7e-4a8e-9d5b-2d6d2f1f1a12',
  householdNumber: 'HH-002',
  villageCode: VILLAGE,
  title: '县农村信用合作联社',
  details: { memberName: '李秀英', bank: '县农村信用合作联社', amount: 50000, termMonths: 12, interestSubsidy: 2175, grantedOn: '2025-11-01', accountMasked: '6228****5678' },
  figures: { paid: 0, outstanding: 50000 },
  schedule: [{ dueOn: '2026-11-01', amount: 50000, paidOn: null, status: 'overdue' }],
};

function as(...roles: RoleGrant[]) {
  sessionStorage.setItem('ffp.session', JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', username: 'u', roles } }));
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

async function page(ledger: string, pinia = as({ role: 'village-cadre', unit: VILLAGE })) {
  const { default: LedgerPage } = await import('./LedgerPage.vue');
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/households/:id', name: 'household', component: { template: '<div />' } },
    ],
  });
  const w = mount(LedgerPage, { props: { ledger }, global: { plugins: [pinia, ElementPlus, router] } });
  await flushPromises();
  return w;
}

describe('帮扶台账 pages', () => {
  beforeEach(() => {
    calls.length = 0;
    sessionStorage.clear();
  });
  afterEach(() => sessionStorage.clear());

  it('one page per ledger under 帮扶台账, each titled in Chinese', async () => {
    const { area } = await import('./area');
    expect(area.title).toBe('帮扶台账');
    expect(area.routes.map((r) => r.meta?.title)).toEqual(['公益岗位', '小额信贷', '雨露计划', '易地搬迁后续扶持', '消费帮扶', '村集体经济']);
  });

  it('公益岗位: lists the posts with wage, months worked and wages paid in Chinese; 新增, 发放工资 and 导出 for a village cadre', async () => {
    answer = { items: [post], total: 1 };
    const w = await page('public_welfare_job');
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/api/v1/assistance/public_welfare_job' });
    const text = w.text();
    for (const s of ['公益岗位', '王建国', '村级保洁员', '6 个月', 'HH-001', '发放工资', '新增', '导出']) expect(text).toContain(s);
    expect(text).toMatch(/3,000\.00/);
    expect(text).not.toMatch(/undefined|NaN|\[object Object\]|public_welfare_job/);
    const exportButton = w.findAll('button').find((b) => b.text() === '导出')!;
    await exportButton.trigger('click');
    await flushPromises();
    expect(calls.at(-1)).toMatchObject({ method: 'DOWNLOAD', path: '/api/v1/assistance/public_welfare_job/export', body: '公益岗位台账.xlsx' });
    w.unmount();
  });

  it('小额信贷: the repayment schedule with its status in Chinese, the account never in clear; an auditor sees no 新增', async () => {
    answer = { items: [loan], total: 1 };
    const w = await page('microcredit', as({ role: 'auditor', unit: '621299' }));
    const text = w.text();
    expect(text).toContain('已逾期');
    expect(text).toMatch(/50,000\.00/);
    expect(text).not.toContain('overdue');
    expect(w.findAll('button').map((b) => b.text())).not.toContain('新增');
    expect(w.findAll('button').map((b) => b.text())).not.toContain('登记还款');
    w.unmount();
  });

  it('every ledger page renders without English enum values or missing values', async () => {
    for (const l of LEDGERS) {
      answer = { items: [], total: 0 };
      const w = await page(l.key);
      expect(w.text()).toContain(l.title);
      expect(w.text()).toContain(l.empty);
      w.unmount();
    }
  });

  it('forms send what the API validates: numbers as numbers, the rate in % as a fraction, empty optional fields left out', () => {
    const body = bodyOf(
      ledgerOf('microcredit').create,
      { householdId: 'h', memberName: ' 李秀英 ', bank: '县农村信用合作联社', accountNumber: '', amount: 50000, termMonths: 12, annualRate: 4.35, interestSubsidy: 2175, grantedOn: '2025-11-01' },
    );
    expect(body).toEqual({ householdId: 'h', memberName: '李秀英', bank: '县农村信用合作联社', amount: 50000, termMonths: 12, annualRate: 0.0435, interestSubsidy: 2175, grantedOn: '2025-11-01' });
    expect(bodyOf(ledgerOf('public_welfare_job').entries[0].fields, { fromMonth: '2026-05', months: 6, paidOn: '2026-11-10' }, { kind: 'wage' })).toEqual({
      kind: 'wage',
      fromMonth: '2026-05',
      months: 6,
      paidOn: '2026-11-10',
    });
  });
});
