import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OPENAPI_JSON_PATH } from '@lib/service-kit';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { ApiDescription, Resolution, RouteTable, Upstream, UPSTREAMS } from './domain/routes';

/** A request's route, or why there is none; 'unavailable': an app whose description is unknown may own it. */
export type Lookup = Resolution | { kind: 'unavailable'; missing: Upstream[] };

/**
 * The gateway's route table, read from every app's /api/docs/openapi.json: at start, every
 * GATEWAY_ROUTES_REFRESH_MS, and when a request matches nothing (at most once per
 * MISS_REFRESH_MS), so an app deployed with a new endpoint is routed without touching the gateway.
 * An app that does not answer keeps its last description; one never read makes unmatched requests
 * answer 503 (it may own them) rather than 404.
 */
@Injectable()
export class RouteTableService implements OnApplicationBootstrap, OnApplicationShutdown {
  static readonly MISS_REFRESH_MS = 5_000;
  private readonly logger = new Logger(RouteTableService.name);
  private readonly descriptions: Partial<Record<Upstream, { text: string; doc: ApiDescription }>> = {};
  private table = new RouteTable({});
  private refreshing: Promise<void> | null = null;
  private lastRefresh = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  onApplicationBootstrap() {
    void this.refresh();
    if (this.config.GATEWAY_ROUTES_REFRESH_MS > 0) {
      this.timer = setInterval(() => void this.refresh(), this.config.GATEWAY_ROUTES_REFRESH_MS);
      this.timer.unref();
    }
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  current(): RouteTable {
    return this.table;
  }

  async lookup(method: string, pathWithQuery: string): Promise<Lookup> {
    const found = this.table.resolve(method, pathWithQuery);
    if (found.kind !== 'none') return found;
    if (Date.now() - this.lastRefresh >= RouteTableService.MISS_REFRESH_MS || this.missing().length) {
      await this.refresh();
      const again = this.table.resolve(method, pathWithQuery);
      if (again.kind !== 'none') return again;
    }
    const missing = this.missing();
    return missing.length ? { kind: 'unavailable', missing } : found;
  }

  private missing(): Upstream[] {
    return UPSTREAMS.filter((u) => !this.descriptions[u]);
  }

  /** Re-reads every app's description (one refresh at a time; callers meanwhile wait for it). */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => {
      this.lastRefresh = Date.now();
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async load() {
    let changed = false;
    await Promise.all(
      UPSTREAMS.map(async (upstream) => {
        try {
          const res = await fetch(`${this.config[upstream]}/${OPENAPI_JSON_PATH}`, {
            signal: AbortSignal.timeout(3_000),
          });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          const text = await res.text();
          if (this.descriptions[upstream]?.text === text) return;
          this.descriptions[upstream] = { text, doc: JSON.parse(text) as ApiDescription };
          changed = true;
        } catch (e) {
          if (!this.descriptions[upstream])
            this.logger.warn(`no API description from ${upstream} yet: ${(e as Error).message}`);
        }
      }),
    );
    if (!changed) return;
    const docs = Object.fromEntries(Object.entries(this.descriptions).map(([u, d]) => [u, d.doc]));
    const table = new RouteTable(docs);
    for (const c of table.conflicts) this.logger.error(`route declared twice, kept the first: ${c}`);
    this.table = table;
    this.logger.log(
      `routes: ${table.operations().length} operations from ${Object.keys(docs).length} apps` +
        (this.missing().length ? ` (not yet: ${this.missing().join(', ')})` : ''),
    );
  }
}
