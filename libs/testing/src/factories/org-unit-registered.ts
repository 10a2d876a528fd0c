import { OrgUnitRegisteredV1 } from '@lib/contracts';
import { eventFactory, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid org-unit-registered.v1 (see libs/contracts), with overrides. */
export const orgUnitRegistered = eventFactory<typeof OrgUnitRegisteredV1>(
  OrgUnitRegisteredV1,
  'households',
  () => ({
    code: TEST_VILLAGE,
    level: 'village',
    name: '测试村',
    parentCode: placeOf().townCode,
    registeredAt: TEST_AT,
  }),
  (d) => d.code,
);
