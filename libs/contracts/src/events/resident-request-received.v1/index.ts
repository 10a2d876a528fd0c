import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';
import { ResidentRequestCategory, ResidentRequestChannel } from '../../resident-requests';

/**
 * A resident's request (民事直说 / 代办) was taken in (受理), by a cadre or through the public form.
 * No personal data: the resident's name and phone stay in the requests app. Subject: requestId.
 */
export const ResidentRequestReceivedV1 = defineEvent({
  type: 'resident-request.received.v1',
  topic: Topics.requests,
  key: 'subject',
  schema: z.object({
    requestId: z.string().min(1),
    number: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    category: ResidentRequestCategory,
    channel: ResidentRequestChannel,
    receivedAt: z.iso.datetime({ offset: true }),
    dueAt: z.iso.datetime({ offset: true }),
  }),
});
export type ResidentRequestReceivedV1 = EventOf<typeof ResidentRequestReceivedV1>;
