import { Injectable } from '@nestjs/common';
import { covers, Scope } from '@lib/auth';
import { buildTree, shownTo } from '../domain/org-unit';
import { OrgUnitsStore } from '../org-units.store';

/** The units a caller is shown: their scope and everything below, plus the units above it. */
@Injectable()
export class ReadOrgUnits {
  constructor(private readonly units: OrgUnitsStore) {}

  /** As a tree. */
  async tree(scope: Scope) {
    const all = await this.units.all();
    const visible = all.filter((u) => shownTo(scope, u.code, covers(scope, u.code)));
    return {
      items: buildTree(
        visible.map(({ code, level, name, parentCode }) => ({ code, level, name, parentCode })),
      ),
    };
  }

  /** 一张图: the visible units with a boundary or centre, as GeoJSON features named by code. */
  async geometry(scope: Scope) {
    const all = await this.units.all();
    const features = all
      .filter((u) => (u.boundaryJson || u.centre) && shownTo(scope, u.code, covers(scope, u.code)))
      .map((u) => ({
        type: 'Feature' as const,
        id: u.code,
        properties: {
          code: u.code,
          name: u.name,
          level: u.level,
          parentCode: u.parentCode,
          centre: u.centre ?? null,
        },
        geometry: OrgUnitsStore.boundaryOf(u),
      }));
    return { type: 'FeatureCollection', features };
  }
}
