import { randomUUID } from 'node:crypto';
import { unitChain, type Principal, type RoleGrant } from '@lib/auth';
import type { AuditEntry } from '../audit.schema';

/** What the gateway knows of one finished request, whoever answered it (an app through the proxy, or itself). */
export interface FinishedRequest {
  started: number;
  caller: Principal | null;
  /** who acted when no caller was authenticated: an integration's name, the username a sign-in tried */
  actorName?: string | null;
  /** the roles of the user a sign-in named (no caller yet): the entry is in their units' auditors' scope */
  actorGrants?: RoleGrant[];
  method: string;
  url: string;
  resource: string | null;
  recordId: string | null;
  status: number;
  ip: string;
  userAgent: unknown;
}

/** Control characters (a NUL byte in a path, say) are kept visible as \uXXXX, never stored raw. */
export function printable(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const control = /[\u0000-\u001f\u007f]/g;
  return text.replace(control, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, max);
}

export function auditEntryOf(r: FinishedRequest): AuditEntry {
  const grants = r.caller?.grants ?? r.actorGrants ?? [];
  const userAgent = printable(String(r.userAgent ?? ''), 256);
  return {
    _id: randomUUID(),
    at: new Date(r.started),
    actorId: r.caller?.sub ?? null,
    actorName: r.caller?.name ?? (r.actorName ? printable(r.actorName, 128) : null),
    actorKind: r.caller?.kind ?? null,
    roles: grants,
    // every unit from the county down to each of the actor's units: auditors see the entries of their scope
    scopeCodes: [...new Set(grants.filter((g) => g.unit !== '*').flatMap((g) => unitChain(g.unit)))],
    method: r.method,
    path: printable(r.url, 2048),
    resource: r.resource,
    recordId: r.recordId ? printable(r.recordId, 128) : null,
    status: r.status,
    ip: r.ip,
    userAgent: userAgent || null,
    durationMs: Date.now() - r.started,
  };
}
