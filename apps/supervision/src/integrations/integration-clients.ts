import { OrgUnit } from '@lib/auth';

/** A client of the signed JSON endpoint: its secret and the one org unit it is bound to. */
export interface IntegrationClient {
  secret: string;
  unit: string;
}

/**
 * Integration clients of the signed JSON endpoint, from INTEGRATION_SECRETS
 * ("clientA:secretA@621299101201,clientB:secretB@621299101"), until the gateway's integration keys
 * replace it. Each client is bound to one org unit (county, town or village code): records it pushes
 * for members outside that unit are kept aside as unmatched, never counted.
 */
export function parseSecrets(spec: string): Map<string, IntegrationClient> {
  const out = new Map<string, IntegrationClient>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.indexOf(':');
    const at = part.lastIndexOf('@');
    const unit = at > i ? part.slice(at + 1) : '';
    if (i <= 0 || at <= i + 1 || !OrgUnit.safeParse(unit).success)
      throw new RangeError(`"${part}" is not clientId:secret@orgUnit`);
    out.set(part.slice(0, i), { secret: part.slice(i + 1, at), unit });
  }
  return out;
}
