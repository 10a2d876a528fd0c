/**
 * Topic names carry the contract version. A breaking change is a new topic/type version;
 * consumers read the old one until no producer sends it.
 */
export const Topics = {
  households: 'households.events.v1',
  monitoring: 'monitoring.events.v1',
  projects: 'projects.events.v1',
  rulesAlerts: 'rules.alerts.v1',
  notifier: 'notifier.events.v1',
  supervision: 'supervision.events.v1',
  /** Raw check-ins that integrations produce to directly (schema: checkin.recorded.v1). */
  supervisionCheckins: 'supervision.checkins.v1',
  /** Raw facts that departments (医保, 教育, 应急, 民政, 残联…) produce to directly; monitoring matches them to households. */
  departmentFacts: 'monitoring.department-facts.v1',
  /** Sign-outs the gateway announces, so every app refuses a revoked access token (session.revoked.v1). */
  sessions: 'gateway.sessions.v1',
  /** Residents' requests (民事直说 / 代办), apps/requests. */
  requests: 'requests.events.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Where a consumer puts a record it cannot process, with the reason in headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Dead-letter headers (all string values). */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;
