import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * Structured CloudEvents 1.0 JSON, carried as the Kafka record value.
 * `townid` / `villageid` are our tenancy extension attributes (lower-case, as CloudEvents requires).
 */
export const cloudEventEnvelopeSchema = z
  .object({
    specversion: z.literal('1.0'),
    id: z.string().min(1).max(128),
    source: z.string().min(1).max(256),
    type: z.string().regex(/^[a-z][a-z-]*(\.[a-z-]+)+\.v\d+$/, 'must look like "household.registered.v1"'),
    time: z.iso.datetime({ offset: true }),
    subject: z.string().min(1).max(128),
    datacontenttype: z.literal('application/json').optional(),
    townid: z.string().min(1).max(32).optional(),
    villageid: z.string().min(1).max(32).optional(),
    traceparent: z.string().max(128).optional(),
    data: z.unknown(),
  })
  .passthrough();

export interface CloudEvent<TType extends string = string, TData = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: TType;
  time: string;
  subject: string;
  datacontenttype?: 'application/json';
  townid?: string;
  villageid?: string;
  traceparent?: string;
  data: TData;
}

export interface NewEvent<TType extends string, TData> {
  type: TType;
  source: string;
  subject: string;
  data: TData;
  townId?: string;
  villageId?: string;
  traceparent?: string;
  /** Supply to make the id deterministic (e.g. derived from a command id); random otherwise. */
  id?: string;
  time?: Date;
}

export function createEvent<TType extends string, TData>(
  e: NewEvent<TType, TData>,
): CloudEvent<TType, TData> {
  return {
    specversion: '1.0',
    id: e.id ?? randomUUID(),
    source: e.source,
    type: e.type,
    time: (e.time ?? new Date()).toISOString(),
    subject: e.subject,
    datacontenttype: 'application/json',
    ...(e.townId ? { townid: e.townId } : {}),
    ...(e.villageId ? { villageid: e.villageId } : {}),
    ...(e.traceparent ? { traceparent: e.traceparent } : {}),
    data: e.data,
  };
}
