import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { CountyCode, Yuan } from '../../domain';
import { Topics } from '../../topics';
import { Department, DepartmentFactKind } from '../department-fact-received.v1';

/**
 * One fact a department pushes (部门筛查预警): the same record is accepted on the raw topic
 * `monitoring.department-facts.v1` (produced by the department's system directly) and by
 * `POST /api/v1/department-facts` (in batches). Documented for integrators in apps/monitoring/src/department-facts/README.md.
 *
 * The person is named by ID number (公民身份号码), or by its keyed hash if the department holds the
 * hash key, or by our household id. Monitoring hashes a clear ID number at once (HMAC-SHA256 with
 * PII_HASH_KEY, as the registry does) and never stores it. (department, sourceRecordId) identifies a
 * fact: a repeat is a duplicate and is ignored. Unknown fields are dropped, not refused.
 */
export const DepartmentFactRecord = z
  .object({
    department: Department,
    /** The record's id in the department's system. */
    sourceRecordId: z.string().min(1).max(128),
    kind: DepartmentFactKind,
    /** The county whose department reports it; facts are matched to households of this county. */
    countyCode: CountyCode,
    /** 18-character ID number (upper- or lower-case x); hashed on arrival, never stored. */
    idNumber: z
      .string()
      .trim()
      .regex(/^\d{17}[\dXx]$/, '须为 18 位身份证号码')
      .optional(),
    /** hex HMAC-SHA256 (PII_HASH_KEY) of the upper-case ID number, instead of idNumber. */
    idNumberHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters')
      .optional(),
    /** Our household id, when the department knows it. */
    householdId: z.string().min(1).max(64).optional(),
    /** Yuan, when the fact is an amount (medical out-of-pocket, schooling cost). */
    amount: Yuan.nullable().optional(),
    /** When it happened, YYYY-MM-DD. */
    occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD'),
    /** The period an amount covers, e.g. 2026 or 2026-03. */
    period: z.string().min(4).max(32).nullable().optional(),
    /** Kind-specific details (flat): e.g. { basis: 'single_stay' } or { subType: 'flood' }. */
    detail: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).optional(),
  })
  .refine((r) => r.idNumber !== undefined || r.idNumberHash !== undefined || r.householdId !== undefined, {
    message: 'idNumber, idNumberHash or householdId is required',
    path: ['idNumber'],
  });
export type DepartmentFactRecord = z.infer<typeof DepartmentFactRecord>;

/**
 * A raw department fact on `monitoring.department-facts.v1`. Subject: `<department>:<sourceRecordId>`
 * (any stable key works; it only keeps a record's retries in order). Id: unique per record.
 */
export const DepartmentFactSubmittedV1 = defineEvent({
  type: 'department-fact.submitted.v1',
  topic: Topics.departmentFacts,
  key: 'subject',
  schema: DepartmentFactRecord,
});
export type DepartmentFactSubmittedV1 = EventOf<typeof DepartmentFactSubmittedV1>;
