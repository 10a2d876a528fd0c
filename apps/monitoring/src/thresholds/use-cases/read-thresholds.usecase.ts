import { Injectable } from '@nestjs/common';
import { ListThresholdsQuery, ThresholdHistoryQuery } from '../thresholds.dto';
import { ThresholdsStore } from '../thresholds.store';

export function present<T extends { _id: string }>(doc: T) {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

/** Filter of list and history queries (equality only). */
function filterOf(q: ListThresholdsQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (q.scope) f.scope = q.scope;
  if (q.year !== undefined) f.year = q.year;
  if (q.code) f[q.code.length === 2 ? 'provinceCode' : 'countyCode'] = q.code;
  return f;
}

/** The current lines (reference data: every line) and the history of changes. */
@Injectable()
export class ReadThresholds {
  constructor(private readonly store: ThresholdsStore) {}

  async list(q: ListThresholdsQuery) {
    const rank = { national: 0, province: 1, county: 2 } as const;
    const items = await this.store.currentLines(filterOf(q));
    return items
      .sort(
        (a, b) =>
          a.year - b.year ||
          rank[a.scope] - rank[b.scope] ||
          (a.provinceCode ?? '').localeCompare(b.provinceCode ?? '') ||
          (a.countyCode ?? '').localeCompare(b.countyCode ?? ''),
      )
      .map(present);
  }

  async history(q: ThresholdHistoryQuery) {
    const { page, pageSize, ...rest } = q;
    const { items, total } = await this.store.history(filterOf(rest), page, pageSize);
    return { items: items.map(present), total, page, pageSize };
  }
}
