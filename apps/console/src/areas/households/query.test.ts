import { describe, expect, it } from 'vitest';
import {
  emptyFilters,
  exportQuery,
  filtersFromRoute,
  filtersToRoute,
  listQuery,
  normalizeSearch,
  searchKind,
} from './query';

describe('帮扶对象 list query', () => {
  it('sends only the filters that are set, with paging', () => {
    const f = { ...emptyFilters(), q: '  王德明 ', monitoringCategory: 'unstable_lifted' };
    expect(listQuery(f, null)).toEqual({
      q: '王德明',
      monitoringCategory: 'unstable_lifted',
      riskType: undefined,
      lifecycleState: undefined,
      pairedCadre: undefined,
      page: 1,
      pageSize: 20,
    });
  });

  it('narrows by the village filter first, else by the unit picked at the top; a county adds nothing', () => {
    expect(listQuery({ ...emptyFilters(), villageCode: '621299101203' }, '621299101')).toMatchObject({
      villageCode: '621299101203',
    });
    expect(listQuery(emptyFilters(), '621299101')).toMatchObject({ townCode: '621299101' });
    expect(listQuery(emptyFilters(), '621299101203004')).toMatchObject({ villageCode: '621299101203' });
    const county = listQuery(emptyFilters(), '621299');
    expect(county).not.toHaveProperty('townCode');
    expect(county).not.toHaveProperty('villageCode');
  });

  it('recognises an ID number (any case) and sends it upper-case; other text as typed', () => {
    expect(searchKind('62129919720202133x')).toBe('idNumber');
    expect(normalizeSearch(' 62129919720202133x ')).toBe('62129919720202133X');
    expect(searchKind('03004')).toBe('text');
    expect(searchKind('  ')).toBe('none');
    expect(normalizeSearch('x'.repeat(80))).toHaveLength(64);
  });

  it('exports with the same filters, without paging', () => {
    const q = exportQuery({ ...emptyFilters(), riskType: 'illness', page: 3 }, '621299101');
    expect(q).toMatchObject({ riskType: 'illness', townCode: '621299101' });
    expect(q).not.toHaveProperty('page');
    expect(q).not.toHaveProperty('pageSize');
  });

  it('round-trips the filters through the address bar and ignores nonsense there', () => {
    const f = {
      ...emptyFilters(),
      q: '柳',
      villageCode: '621299101201',
      lifecycleState: 'assisted',
      page: 2,
      pageSize: 50,
    };
    expect(filtersFromRoute(filtersToRoute(f))).toEqual(f);
    expect(filtersToRoute(emptyFilters())).toEqual({});
    expect(filtersFromRoute({ page: '-1', size: '7', village: '6212' })).toEqual(emptyFilters());
  });

  it('filters by 户状态 (在册 / 已注销) and keeps it in the address bar', () => {
    const f = { ...emptyFilters(), status: 'closed' };
    expect(listQuery(f, null)).toMatchObject({ status: 'closed' });
    expect(filtersToRoute(f)).toEqual({ status: 'closed' });
    expect(filtersFromRoute({ status: 'closed' }).status).toBe('closed');
    expect(filtersFromRoute({ status: 'gone' }).status).toBe('');
  });
});
