import { EventPattern } from '@nestjs/microservices';

export interface HandlerExtras {
  /** The handler takes CloudEvent[] (a run of consecutive events of its type, in offset order). */
  batch?: boolean;
}

/**
 * A handler that receives a whole run of events at once, for bulk writes on hot paths.
 * It must be idempotent for every event in the array, as a retry re-delivers the whole run.
 */
export function BatchEventPattern(type: string): MethodDecorator {
  // the plain string-pattern overload (Nest 12 also types patterns by an event map)
  return EventPattern<string>(type, { batch: true } satisfies HandlerExtras);
}
