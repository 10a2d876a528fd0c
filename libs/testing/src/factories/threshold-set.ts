import { ThresholdSetV1 } from '@lib/contracts';
import { eventFactory, placeOf, TEST_AT } from './factory';

/** A valid threshold-set.v1 (see libs/contracts), with overrides. */
export const thresholdSet = eventFactory<typeof ThresholdSetV1>(
  ThresholdSetV1,
  'monitoring',
  () => ({
    scope: 'county',
    provinceCode: null,
    countyCode: placeOf().countyCode,
    year: 2026,
    amount: 7800,
    previousAmount: null,
    source: '测试监测范围',
    setBy: 'user:county',
    setAt: TEST_AT,
  }),
  (d) => `${d.scope}:${d.countyCode ?? d.provinceCode ?? 'national'}:${d.year}`,
);
