import { Injectable, Logger } from '@nestjs/common';
import { noticesDue } from '../domain/resident-request';
import { deadlineReachedEvent } from '../request-events';
import { ResidentRequestsStore } from '../resident-requests.store';

/**
 * 超期检查: open requests whose warning time or deadline has come get their
 * resident-request.deadline-reached.v1, once per stage and round (the store's conditional write),
 * however many instances run the check.
 */
@Injectable()
export class RaiseDeadlineNotices {
  private readonly logger = new Logger(RaiseDeadlineNotices.name);

  constructor(private readonly store: ResidentRequestsStore) {}

  async execute(now = new Date()): Promise<{ raised: number }> {
    let raised = 0;
    for (const r of await this.store.dueForNotice(now)) {
      for (const stage of noticesDue(r, now)) {
        if (await this.store.markNotice(r._id, r.round, stage, deadlineReachedEvent(r, stage, now))) raised++;
      }
    }
    if (raised) this.logger.log(`${raised} deadline notices raised`);
    return { raised };
  }
}
