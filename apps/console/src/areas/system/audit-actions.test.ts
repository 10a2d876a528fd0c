import { describe, expect, it } from 'vitest';
import { auditAction } from './audit-actions';

describe('auditAction: what an audit entry did, in words', () => {
  it('names the actions people take', () => {
    expect(auditAction('POST', '/api/v1/alerts/0b6f2d1e-5f7a-4a61-9d3e-2a1c7f0e9b11/acknowledge')).toBe('确认预警');
    expect(auditAction('POST', '/api/v1/leaves/0b6f2d1e-5f7a-4a61-9d3e-2a1c7f0e9b11/decision')).toBe('审批请假与公出');
    expect(auditAction('GET', '/api/v1/household-ledger/export?villageCode=621299101201')).toBe('导出台账');
    expect(auditAction('PUT', '/api/v1/rules/income-below-line')).toBe('保存预警规则新版本');
    expect(auditAction('POST', '/api/v1/auth/login')).toBe('登录');
  });
  it('reads any other request as its method and the records it touched', () => {
    expect(auditAction('GET', '/api/v1/households?page=2')).toBe('查询 · 帮扶对象');
    expect(auditAction('DELETE', '/api/v1/channels/c1')).toBe('删除 · 推送渠道');
    // a path the platform does not have: just the method, never a raw segment
    expect(auditAction('GET', '/api/v1/no-such-thing')).toBe('查询');
    expect(auditAction('POST', '/favicon.ico')).toBe('新增');
  });
});
