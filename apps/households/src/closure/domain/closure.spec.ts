import { decideClosure, ClosingHousehold } from './closure';

const open: ClosingHousehold = { id: 'hh-1', registeredOn: '2026-01-10' };

describe('注销 (decideClosure)', () => {
  it('closes an open household for 死亡, 迁出 or 自然消亡 on a day after registration', () => {
    for (const reason of ['death', 'moved_out', 'natural_extinction'] as const)
      expect(decideClosure(open, { reason, on: '2026-11-02' })).toEqual({ ok: true });
  });

  it('refuses to close twice with 409 naming the status', () => {
    const closed = { ...open, status: 'closed', closure: { on: '2026-11-02' } };
    expect(decideClosure(closed, { reason: 'death', on: '2026-11-03' })).toMatchObject({
      ok: false,
      status: 409,
      field: 'status',
      reason: expect.stringContaining('不能重复注销'),
    });
  });

  it('refuses a closure dated before registration', () => {
    expect(decideClosure(open, { reason: 'death', on: '2025-12-31' })).toMatchObject({
      ok: false,
      status: 400,
      field: 'on',
    });
  });

  it('合户 needs another open household it merges into', () => {
    const merged = { reason: 'merged' as const, on: '2026-11-02' };
    expect(decideClosure(open, merged)).toMatchObject({ status: 400, field: 'mergedInto' });
    expect(decideClosure(open, { ...merged, mergedInto: 'hh-1' }, { id: 'hh-1' })).toMatchObject({
      field: 'mergedInto',
      reason: expect.stringContaining('本户'),
    });
    expect(decideClosure(open, { ...merged, mergedInto: 'hh-2' }, null)).toMatchObject({
      field: 'mergedInto',
      reason: expect.stringContaining('未找到'),
    });
    expect(
      decideClosure(open, { ...merged, mergedInto: 'hh-2' }, { id: 'hh-2', status: 'closed' }),
    ).toMatchObject({ field: 'mergedInto', reason: expect.stringContaining('已注销') });
    expect(decideClosure(open, { ...merged, mergedInto: 'hh-2' }, { id: 'hh-2' })).toEqual({ ok: true });
  });

  it('names a merged-into household only for 合户', () => {
    expect(decideClosure(open, { reason: 'death', on: '2026-11-02', mergedInto: 'hh-2' })).toMatchObject({
      status: 400,
      field: 'mergedInto',
    });
  });
});
