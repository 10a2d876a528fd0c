import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { orgUnitsOfVillage, ResidentRequestCategory, ResidentRequestChannel } from '@lib/contracts';
import { REQUESTS_CONFIG, RequestsConfig } from '../../config';
import { CountyDeadlines } from '../../deadlines/county-deadlines';
import { deadlineOf } from '../domain/resident-request';
import { PhoneCipher } from '../phone-cipher';
import { receivedEvent } from '../request-events';
import { ResidentRequest } from '../resident-request.schema';
import { ResidentRequestsStore } from '../resident-requests.store';

export interface NewRequest {
  name: string;
  phone: string;
  villageCode: string;
  category: ResidentRequestCategory;
  content: string;
}

/** 受理: a request taken in (by a cadre, or through the public form), its deadline set by its county. */
@Injectable()
export class ReceiveRequest {
  constructor(
    @Inject(REQUESTS_CONFIG) private readonly config: RequestsConfig,
    private readonly store: ResidentRequestsStore,
    private readonly deadlines: CountyDeadlines,
    private readonly phones: PhoneCipher,
  ) {}

  /** How many requests one phone filed since `since` (the public form's daily limit). */
  filedFromPhoneSince(phone: string, since: Date): Promise<number> {
    return this.store.countByPhoneSince(this.phones.hash(phone), since);
  }

  async execute(input: NewRequest, channel: ResidentRequestChannel, by: string): Promise<ResidentRequest> {
    const units = orgUnitsOfVillage(input.villageCode);
    const now = new Date();
    const policy = await this.deadlines.of(units.countyCode);
    const { dueAt, warnAt } = deadlineOf(policy, input.category, now, this.config.REQUESTS_DAY_MS);
    const id = randomUUID();
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    const doc: ResidentRequest = {
      _id: id,
      number: `MS${day}-${id.slice(0, 6).toUpperCase()}`,
      countyCode: units.countyCode,
      townCode: units.townCode,
      villageCode: input.villageCode,
      category: input.category,
      channel,
      content: input.content,
      requesterName: input.name,
      ...this.phones.seal(input.phone),
      status: 'accepted',
      open: true,
      round: 1,
      receivedAt: now,
      receivedBy: by,
      dueAt,
      warnAt,
      assignee: null,
      assigneeUserId: null,
      warnedRound: 0,
      overdueRound: 0,
      everConcluded: false,
      lateEver: false,
      answer: null,
      ratings: [],
      ratingCounts: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 },
      history: [{ at: now, by, action: 'received', from: null, to: 'accepted', note: null }],
      updatedAt: now,
    };
    await this.store.insert(doc, [receivedEvent(doc)]);
    return doc;
  }
}
