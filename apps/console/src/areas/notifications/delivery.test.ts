import { describe, expect, it } from 'vitest';
import { attemptLine, attemptsSummary, lastError, recipientText } from './delivery';

const attempt = (ok: boolean, error: string | null = null) => ({
  at: '2026-12-03T01:30:00.000Z',
  ok,
  status: ok ? 200 : 500,
  error,
  latencyMs: 1203,
});

describe('the delivery log in words (尝试次数 was [object Object] in every cell)', () => {
  it('counts the attempts and says how the last one went', () => {
    expect(attemptsSummary({ status: 'failed', attempts: [attempt(false, 'HTTP 500'), attempt(false, 'timeout')] })).toBe(
      '2 次（最近失败）',
    );
    expect(attemptsSummary({ status: 'delivered', attempts: [attempt(false), attempt(true)] })).toBe('2 次（最近成功）');
    expect(attemptsSummary({ status: 'pending', attempts: [] })).toBe('尚未发送');
  });

  it('one attempt: China time, outcome, HTTP status, latency; the last error of a failed delivery', () => {
    expect(attemptLine(attempt(false, 'HTTP 500'))).toBe('2026-12-03 09:30 · 失败 · HTTP 500 · 1,203 毫秒');
    expect(lastError({ attempts: [attempt(false, 'HTTP 500'), attempt(false, 'fetch failed'), attempt(true)] })).toBe(
      'fetch failed',
    );
    expect(lastError({ attempts: [attempt(true)] })).toBeNull();
  });

  it('names the recipient: person, duty webhook of a unit by name, robot, masked phone', () => {
    const nameOf = (c: string) => ({ '621299101': 'XX镇' })[c] ?? '未登记单位';
    const d = (recipient: string, channel = 'webhook', recipientName: string | null = null) => ({ recipient, channel, recipientName });
    expect(recipientText(d('town-duty:621299101'), '网络回调', nameOf)).toBe('XX镇值班（默认接口）');
    expect(recipientText(d('paired-cadre:u1', 'sms', '李四'), '短信', nameOf)).toBe('李四');
    expect(recipientText(d('dingtalk-robot', 'dingtalk-robot'), '钉钉群机器人', nameOf)).toBe('钉钉群机器人');
    expect(recipientText(d('13800000001', 'sms'), '短信', nameOf)).toBe('138****0001');
  });
});
