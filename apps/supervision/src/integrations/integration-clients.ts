/**
 * Integration clients of the signed JSON endpoint and their secrets, from INTEGRATION_SECRETS
 * ("clientA:secretA,clientB:secretB"), until the gateway's integration keys replace it.
 */
export function parseSecrets(spec: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.indexOf(':');
    if (i <= 0 || i === part.length - 1) throw new RangeError(`"${part}" is not clientId:secret`);
    out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}
