import { z } from 'zod';
import { CloudEvent } from './envelope';

/** One event type and version: its topic and the schema of its `data`. */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodTypeAny = z.ZodTypeAny> {
  type: TType;
  topic: string;
  /** How the Kafka key is chosen: the subject whose events must stay in order. */
  key: 'subject';
  schema: TSchema;
}

export function defineEvent<TType extends string, TSchema extends z.ZodTypeAny>(
  def: EventDefinition<TType, TSchema>,
): EventDefinition<TType, TSchema> {
  return def;
}

export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? CloudEvent<T, z.infer<S>> : never;
export type DataOf<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;
