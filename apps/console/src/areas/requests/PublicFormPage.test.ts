import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import ElementPlus, { ElFormItem } from 'element-plus';
import PublicFormPage from './PublicFormPage.vue';

type Call = { url: string; body: unknown };

/** The form as a resident opens it from the village's QR code, with the API answering `answers` in turn. */
async function openForm(
  answers: Array<{ status: number; body: unknown }>,
  query = '?village=621299101201&name=三联村',
) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) });
      const a = answers.shift() ?? { status: 500, body: {} };
      return new Response(JSON.stringify(a.body), {
        status: a.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  setActivePinia(createPinia());
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/public/resident-request', component: PublicFormPage }],
  });
  await router.push(`/public/resident-request${query}`);
  const w = mount(PublicFormPage, { global: { plugins: [router, ElementPlus] }, attachTo: document.body });
  return { w, calls };
}
const fill = async (w: ReturnType<typeof mount>, label: string, value: string) => {
  const item = w.findAll('.el-form-item').find((i) => i.find('label').text() === label)!;
  await item.find('input, textarea').setValue(value);
};
/** The reasons shown at the form's fields (el-form-item's error). */
const errorsOf = (w: ReturnType<typeof mount>) =>
  w
    .findAllComponents(ElFormItem)
    .map((c) => c.props('error') as string | undefined)
    .filter(Boolean);

describe('民事直说 public form (no sign-in)', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('asks for a code by SMS, then files the request and shows its number', async () => {
    const { w, calls } = await openForm([
      { status: 202, body: { sent: true, expiresInSeconds: 300 } },
      { status: 201, body: { id: 'r1', number: 'MS20261203-ABC123' } },
    ]);
    expect(w.text()).toContain('三联村');
    await fill(w, '手机号码', '13712345678');
    await w
      .findAll('button')
      .find((b) => b.text() === '获取验证码')!
      .trigger('click');
    await flushPromises();
    expect(calls[0]).toEqual({
      url: '/api/v1/public/resident-requests/sms-codes',
      body: { phone: '13712345678' },
    });
    expect(w.text()).toContain('验证码已发送');
    await fill(w, '姓名', '王大山');
    await fill(w, '短信验证码', '123456');
    await fill(w, '想反映的事情', '村口便桥护栏损坏，老人孩子过桥危险');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(calls[1].body).toMatchObject({
      phone: '13712345678',
      code: '123456',
      villageCode: '621299101201',
      category: 'policy_consultation',
    });
    expect(w.text()).toContain('诉求编号 MS20261203-ABC123');
    w.unmount();
  }, 30_000);

  it('shows the API’s Chinese reasons: a wrong code at its field, a flood as a message; a bad phone before any call', async () => {
    const { w, calls } = await openForm([
      {
        status: 400,
        body: {
          statusCode: 400,
          message: '输入有误',
          problems: [{ field: 'code', reason: '验证码不正确，请核对短信中的 6 位数字' }],
        },
      },
      {
        status: 429,
        body: {
          statusCode: 429,
          message: '该手机号 1 小时内获取验证码已达 5 次，请稍后再试',
          problems: [{ field: 'phone', reason: '该手机号 1 小时内获取验证码已达 5 次，请稍后再试' }],
        },
      },
    ]);
    await fill(w, '手机号码', '12345');
    await w
      .findAll('button')
      .find((b) => b.text() === '获取验证码')!
      .trigger('click');
    await flushPromises();
    expect(calls).toHaveLength(0);
    expect(errorsOf(w)).toContain('须为 11 位手机号码');

    await fill(w, '手机号码', '13712345678');
    await fill(w, '姓名', '王大山');
    await fill(w, '短信验证码', '000000');
    await fill(w, '想反映的事情', '村口便桥护栏损坏');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(errorsOf(w)).toEqual(['验证码不正确，请核对短信中的 6 位数字']);

    await w
      .findAll('button')
      .find((b) => b.text() === '获取验证码')!
      .trigger('click');
    await flushPromises();
    expect(w.find('.el-alert').text()).toContain('该手机号 1 小时内获取验证码已达 5 次');
    w.unmount();
  }, 30_000);

  it('asks for the village’s QR code when opened without one', async () => {
    const { w } = await openForm([], '');
    expect(w.text()).toContain('请扫描村务公开栏上的二维码进入本页面');
    expect(w.find('form').exists()).toBe(false);
    w.unmount();
  });
});
