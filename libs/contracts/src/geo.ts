import { z } from 'zod';

/**
 * 一张图: where an org unit lies. A boundary is a GeoJSON Polygon or MultiPolygon (WGS-84, [lng, lat]
 * positions, rings closed); a centre is a point. Both optional on an org unit. Pure zod: loaded in the
 * browser, which registers the boundaries with ECharts as a map (no tile server needed).
 */
const Position = z.tuple([
  z.number().min(-180, '经度须在 −180 至 180 之间').max(180, '经度须在 −180 至 180 之间'),
  z.number().min(-90, '纬度须在 −90 至 90 之间').max(90, '纬度须在 −90 至 90 之间'),
]);
const Ring = z
  .array(Position)
  .min(4, '边界至少 4 个点（首尾相同）')
  .max(5000, '边界最多 5000 个点')
  .refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], '边界须首尾闭合');

export const GeoBoundary = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(50) }).strict(),
  z
    .object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(Ring).min(1).max(50)).min(1).max(50),
    })
    .strict(),
]);
export type GeoBoundary = z.infer<typeof GeoBoundary>;

export const GeoCentre = z
  .object({
    lat: z.number().min(-90, '纬度须在 −90 至 90 之间').max(90, '纬度须在 −90 至 90 之间'),
    lng: z.number().min(-180, '经度须在 −180 至 180 之间').max(180, '经度须在 −180 至 180 之间'),
  })
  .strict();
export type GeoCentre = z.infer<typeof GeoCentre>;

/** PUT /api/v1/org-units/:code/geometry (and the optional part of registering a unit). */
export const OrgUnitGeometryBody = z
  .object({ boundary: GeoBoundary.nullable().optional(), centre: GeoCentre.nullable().optional() })
  .strict();
export type OrgUnitGeometryBody = z.infer<typeof OrgUnitGeometryBody>;

/** One unit of GET /api/v1/org-units/geometry: a GeoJSON Feature named by its code. */
export interface OrgUnitFeature {
  type: 'Feature';
  id: string;
  properties: {
    code: string;
    name: string;
    level: string;
    parentCode: string | null;
    centre: GeoCentre | null;
  };
  geometry: GeoBoundary | null;
}
