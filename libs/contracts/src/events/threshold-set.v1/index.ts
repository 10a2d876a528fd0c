import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { CountyCode, ProvinceCode, yuan } from '../../domain';
import { Topics } from '../../topics';

/**
 * A monitoring income line (监测范围) was set or changed for a scope and year. Owned by monitoring
 * (audited there); rules keep their copy from this event and decide what to re-evaluate.
 * Subject: `<scope>:<code|national>:<year>`.
 */
export const ThresholdSetV1 = defineEvent({
  type: 'threshold.set.v1',
  topic: Topics.monitoring,
  key: 'subject',
  schema: z.object({
    scope: z.enum(['national', 'province', 'county']),
    provinceCode: ProvinceCode.nullable(),
    countyCode: CountyCode.nullable(),
    year: z.number().int().min(2000).max(2100),
    amount: yuan({ above: 0 }),
    previousAmount: z.number().nullable(),
    source: z.string().min(1),
    setBy: z.string().min(1),
    setAt: z.iso.datetime({ offset: true }),
  }),
});
export type ThresholdSetV1 = EventOf<typeof ThresholdSetV1>;
