import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { CloudEvent, ResidentRequestRating } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { REQUESTS_CONFIG, RequestsConfig } from '../../config';
import { CountyDeadlines } from '../../deadlines/county-deadlines';
import {
  assign,
  Assignee,
  conclude,
  deadlineOf,
  HistoryEntry,
  isOpen,
  rate,
  RequestRefusal,
  start,
} from '../domain/resident-request';
import { assignedEvent, statusChangedEvent } from '../request-events';
import { ResidentRequest } from '../resident-request.schema';
import { ResidentRequestsStore } from '../resident-requests.store';

type Step = (r: ResidentRequest, at: Date) => Promise<{ events: CloudEvent[]; entry: HistoryEntry }>;

/**
 * 办理: the actions on a request after it was taken in — assign (交办), start (开始办理), conclude
 * (办结) and record the resident's rating at the 回访 (不满意 reopens it). Each loads the request in
 * the caller's scope, decides with the domain, and stores it with its events if nobody changed it
 * meanwhile (else tries again on the fresh copy).
 */
@Injectable()
export class WorkRequest {
  constructor(
    @Inject(REQUESTS_CONFIG) private readonly config: RequestsConfig,
    private readonly store: ResidentRequestsStore,
    private readonly deadlines: CountyDeadlines,
  ) {}

  assign(scope: Scope, id: string, to: Assignee, by: string) {
    return this.change(scope, id, async (r, at) => {
      const from = r.status;
      assign(r, to);
      r.assigneeUserId = to.userId;
      return {
        events: [assignedEvent(r, by, at)],
        entry: { at, by, action: 'assigned', from, to: r.status, note: `交办给 ${to.name}` },
      };
    });
  }

  start(scope: Scope, id: string, by: string) {
    return this.change(scope, id, async (r, at) => {
      const from = r.status;
      start(r);
      return {
        events: [statusChangedEvent(r, { from, rating: null, reopened: false, late: false, by, at })],
        entry: { at, by, action: 'started', from, to: r.status, note: null },
      };
    });
  }

  conclude(scope: Scope, id: string, answer: string, by: string) {
    return this.change(scope, id, async (r, at) => {
      const from = r.status;
      const { late } = conclude(r, answer, at);
      return {
        events: [statusChangedEvent(r, { from, rating: null, reopened: false, late, by, at })],
        entry: { at, by, action: 'concluded', from, to: r.status, note: late ? '超过办理时限办结' : null },
      };
    });
  }

  rate(scope: Scope, id: string, rating: ResidentRequestRating, note: string | null, by: string) {
    return this.change(scope, id, async (r, at) => {
      const from = r.status;
      const policy = await this.deadlines.of(r.countyCode);
      const { reopened } = rate(r, { rating, note, at, by }, (t) =>
        deadlineOf(policy, r.category, t, this.config.REQUESTS_DAY_MS),
      );
      return {
        events: [statusChangedEvent(r, { from, rating, reopened, late: false, by, at })],
        entry: {
          at,
          by,
          action: reopened ? 'reopened' : 'rated',
          from,
          to: r.status,
          note: note ?? null,
        },
      };
    });
  }

  private async change(scope: Scope, id: string, step: Step): Promise<ResidentRequest> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await this.store.findById(scope, id);
      if (!before) throw notFound('诉求不存在或不在您的管辖范围内 (request not found)');
      const after: ResidentRequest = structuredClone(before);
      const at = new Date();
      let outcome: Awaited<ReturnType<Step>>;
      try {
        outcome = await step(after, at);
      } catch (e) {
        if (e instanceof RequestRefusal) {
          if (e.kind === 'invalid') throw fieldError(e.field, e.reason);
          throw new ConflictException({
            statusCode: 409,
            error: 'Conflict',
            message: e.reason,
            problems: [{ field: e.field, reason: e.reason }],
          });
        }
        throw e;
      }
      after.open = isOpen(after.status);
      after.history = [...after.history, outcome.entry];
      after.updatedAt = at;
      if (await this.store.replace(before, after, outcome.events)) return after;
    }
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: '诉求正被他人同时修改，请刷新后重试',
    });
  }
}
