import {
  createEvent,
  ResidentRequestAssignedV1,
  ResidentRequestDeadlineReachedV1,
  ResidentRequestReceivedV1,
  ResidentRequestStatusChangedV1,
  ResidentRequestRating,
  ResidentRequestStatus,
} from '@lib/contracts';
import { ResidentRequest } from './resident-request.schema';

const envelope = (r: ResidentRequest, at: Date) => ({
  source: 'requests',
  subject: r._id,
  townId: r.townCode,
  villageId: r.villageCode,
  time: at,
});

export function receivedEvent(r: ResidentRequest): ResidentRequestReceivedV1 {
  return createEvent({
    ...envelope(r, r.receivedAt),
    type: ResidentRequestReceivedV1.type,
    id: `resident-request-received-${r._id}`,
    data: {
      requestId: r._id,
      number: r.number,
      townCode: r.townCode,
      villageCode: r.villageCode,
      category: r.category,
      channel: r.channel,
      receivedAt: r.receivedAt.toISOString(),
      dueAt: r.dueAt.toISOString(),
    },
  });
}

export function assignedEvent(r: ResidentRequest, by: string, at: Date): ResidentRequestAssignedV1 {
  return createEvent({
    ...envelope(r, at),
    type: ResidentRequestAssignedV1.type,
    data: {
      requestId: r._id,
      townCode: r.townCode,
      villageCode: r.villageCode,
      assigneeUserId: r.assignee!.userId,
      assigneeName: r.assignee!.name,
      assignedBy: by,
      assignedAt: at.toISOString(),
    },
  });
}

export function statusChangedEvent(
  r: ResidentRequest,
  change: {
    from: ResidentRequestStatus;
    rating: ResidentRequestRating | null;
    reopened: boolean;
    late: boolean;
    by: string;
    at: Date;
  },
): ResidentRequestStatusChangedV1 {
  return createEvent({
    ...envelope(r, change.at),
    type: ResidentRequestStatusChangedV1.type,
    data: {
      requestId: r._id,
      townCode: r.townCode,
      villageCode: r.villageCode,
      from: change.from,
      to: r.status,
      round: r.round,
      rating: change.rating,
      reopened: change.reopened,
      late: change.late,
      dueAt: r.dueAt.toISOString(),
      by: change.by,
      at: change.at.toISOString(),
    },
  });
}

/** Its id names the request, round and stage: the same notice is the same event. */
export function deadlineReachedEvent(
  r: ResidentRequest,
  stage: 'approaching' | 'overdue',
  at: Date,
): ResidentRequestDeadlineReachedV1 {
  return createEvent({
    ...envelope(r, at),
    type: ResidentRequestDeadlineReachedV1.type,
    id: `resident-request-deadline-${r._id}-${r.round}-${stage}`,
    data: {
      requestId: r._id,
      number: r.number,
      townCode: r.townCode,
      villageCode: r.villageCode,
      category: r.category,
      stage,
      round: r.round,
      dueAt: r.dueAt.toISOString(),
      assignee: r.assignee,
      detectedAt: at.toISOString(),
    },
  });
}
