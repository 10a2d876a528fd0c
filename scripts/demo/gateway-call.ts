/** How the demo loaders call the gateway (as the signed-in demo administrator), and check answers. */
export type Call = (
  method: string,
  url: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>;

/** The answer's body, or an error naming what was asked and what came back. */
export function must(what: string, res: { status: number; body: unknown }, ok: number[] = [200, 201]) {
  if (!ok.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}
