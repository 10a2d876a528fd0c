import { randomUUID } from 'node:crypto';
import { createEvent, DataOf, EventDefinition, EventOf, orgUnitsOfVillage } from '@lib/contracts';

/** The village test events are placed in unless told otherwise (county 621299, town 621299101). */
export const TEST_VILLAGE = '621299101201';
/** The instant and day test events happen at unless told otherwise. */
export const TEST_AT = '2026-10-15T02:00:00.000Z';
export const TEST_DAY = '2026-10-15';
export const TEST_MONTH = '2026-10';

/** A fresh id with a readable prefix: `hh-1a2b3c4d`. */
export const testId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The codes of a village and the units above it (province, county, town, village). */
export const placeOf = (villageCode: string = TEST_VILLAGE) => orgUnitsOfVillage(villageCode);

/** Envelope fields a test may set; the rest follow from the data. */
export interface EnvelopeOverrides {
  id?: string;
  subject?: string;
  source?: string;
  time?: Date;
}

export type EventFactory<D extends EventDefinition> = (
  data?: Partial<DataOf<D>>,
  envelope?: EnvelopeOverrides,
) => EventOf<D>;

/**
 * A factory of one contract event: data valid by the contract's schema (fresh ids each call),
 * overridden field by field; the envelope's subject, town and village follow from the data.
 */
export function eventFactory<D extends EventDefinition>(
  definition: D,
  source: string,
  defaults: () => NoInfer<DataOf<D>>,
  subjectOf: (data: NoInfer<DataOf<D>>) => string,
): EventFactory<D> {
  return (over = {}, envelope = {}) => {
    const data = { ...(defaults() as object), ...over } as DataOf<D>;
    const place = data as { townCode?: unknown; villageCode?: unknown };
    return createEvent({
      type: definition.type,
      source: envelope.source ?? source,
      subject: envelope.subject ?? subjectOf(data),
      id: envelope.id,
      time: envelope.time,
      townId: typeof place.townCode === 'string' ? place.townCode : undefined,
      villageId: typeof place.villageCode === 'string' ? place.villageCode : undefined,
      data,
    }) as EventOf<D>;
  };
}
