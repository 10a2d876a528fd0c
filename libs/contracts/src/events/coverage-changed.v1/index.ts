import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { CountyCode, Month, TownCode, VillageCode } from '../../domain';
import { Topics } from '../../topics';

/**
 * A village's survey coverage (走访覆盖) for a month changed: a batch of surveys raised its surveyed
 * count. Counts as of `computedAt`: due and overdue also move with the calendar (day SURVEY_DUE_DAY of
 * the month, see apps/monitoring/README), which is not announced. Announcements of one village and
 * month may arrive out of order: `surveyed` only grows, so keep the one with the highest `surveyed`.
 * Subject: `<villageCode>:<month>`.
 */
export const CoverageChangedV1 = defineEvent({
  type: 'coverage.changed.v1',
  topic: Topics.monitoring,
  key: 'subject',
  schema: z.object({
    countyCode: CountyCode,
    townCode: TownCode,
    villageCode: VillageCode,
    month: Month,
    /** households expected to be visited that month */
    households: z.number().int().nonnegative(),
    surveyed: z.number().int().nonnegative(),
    /** not yet surveyed, deadline not passed */
    due: z.number().int().nonnegative(),
    /** not surveyed and the deadline has passed */
    overdue: z.number().int().nonnegative(),
    /** day SURVEY_DUE_DAY of the month (China time), YYYY-MM-DD */
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    computedAt: z.iso.datetime({ offset: true }),
  }),
});
export type CoverageChangedV1 = EventOf<typeof CoverageChangedV1>;
