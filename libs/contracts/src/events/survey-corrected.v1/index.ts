import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { SurveyRecordedV1 } from '../survey-recorded.v1';

/**
 * A recorded survey was corrected (更正). The data is the survey as it now stands (same shape as
 * survey.recorded.v1) plus what the correction changed. Earlier revisions stay in monitoring's
 * history; consumers replace what they hold for this surveyId with this revision.
 */
export const SurveyCorrectedV1 = defineEvent({
  type: 'survey.corrected.v1',
  topic: Topics.monitoring,
  key: 'subject',
  schema: SurveyRecordedV1.schema.extend({
    correction: z.object({
      /** 2 for the first correction, 3 for the next… (revision 1 is the original record). */
      revision: z.number().int().min(2),
      correctedBy: z.string().min(1),
      correctedAt: z.iso.datetime({ offset: true }),
      reason: z.string().min(1),
      /** Dotted paths of the fields that changed, e.g. income.wage, residentMembers. */
      changedFields: z.array(z.string().min(1)),
      previousPerCapitaNetIncome: z.number().nullable(),
    }),
  }),
});
export type SurveyCorrectedV1 = EventOf<typeof SurveyCorrectedV1>;
