/**
 * 电子围栏: a team's geofence (the village's centre and radius, or its outline) and whether a
 * position lies inside it. Pure functions: no framework, no I/O.
 */

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Geofence extends GeoPoint {
  radiusM: number;
  /**
   * The village's outline (村界), vertices in order (not closed: the last joins the first). When
   * given (3 or more vertices) it decides inside/outside instead of the centre and radius.
   */
  polygon?: GeoPoint[] | null;
}

/** Where something was seen: coordinates, or a verdict known without them. */
export interface Position {
  latitude?: number | null;
  longitude?: number | null;
  /** Known without coordinates (a visit recorded in the team's own village). */
  inside?: boolean | null;
  /** The source's own verdict when there are no coordinates (DingTalk Normal / Outside). */
  locationResult?: string | null;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Point in polygon (ray casting on longitude/latitude as plane coordinates — exact enough for a
 * village a few km across). A point on an edge or vertex counts as inside.
 */
export function pointInPolygon(p: GeoPoint, polygon: GeoPoint[]): boolean {
  const n = polygon.length;
  if (n < 3) return false;
  const x = p.longitude;
  const y = p.latitude;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = polygon[i].longitude;
    const yi = polygon[i].latitude;
    const xj = polygon[j].longitude;
    const yj = polygon[j].latitude;
    // on the edge j→i: collinear and within its bounding box
    const cross = (x - xj) * (yi - yj) - (y - yj) * (xi - xj);
    if (
      Math.abs(cross) <= 1e-12 &&
      x >= Math.min(xi, xj) &&
      x <= Math.max(xi, xj) &&
      y >= Math.min(yi, yj) &&
      y <= Math.max(yi, yj)
    )
      return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the fence by coordinates (polygon when given, else radius); without them by the source's verdict; null when unknown. */
export function isInside(s: Position, fence: Geofence): boolean | null {
  if (typeof s.inside === 'boolean') return s.inside;
  if (typeof s.latitude === 'number' && typeof s.longitude === 'number') {
    const at = { latitude: s.latitude, longitude: s.longitude };
    if (fence.polygon && fence.polygon.length >= 3) return pointInPolygon(at, fence.polygon);
    return haversineMeters(at, fence) <= fence.radiusM;
  }
  if (s.locationResult === 'Normal') return true;
  if (s.locationResult === 'Outside') return false;
  return null;
}
