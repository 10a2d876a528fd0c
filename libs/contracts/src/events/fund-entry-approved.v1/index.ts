import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

/** The town approved a spending of a work team's funds (经费台账); it now counts. Subject: teamId. */
export const FundEntryApprovedV1 = defineEvent({
  type: 'fund-entry.approved.v1',
  topic: Topics.supervision,
  key: 'subject',
  schema: z.object({
    fundEntryId: z.string().min(1),
    teamId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    spentOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Integer fen (分). */
    amountFen: z.number().int().positive(),
    category: z.string().min(1),
    decidedBy: z.string().min(1),
    decidedAt: z.iso.datetime({ offset: true }),
  }),
});
export type FundEntryApprovedV1 = EventOf<typeof FundEntryApprovedV1>;
