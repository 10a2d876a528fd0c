/**
 * 一张图 of the demo: made-up but plausible outlines (GeoJSON, [lng, lat]) for the demo town and its five
 * villages, around the village centres the demo's work teams use (seed-supervision.ts: 34.58 + i·0.03 N,
 * 105.72 E, stacked north to south a few km apart) and the town seat to the east. Neighbouring villages
 * share their border line, so the map has no gaps or overlaps. Synthetic: no real place is drawn.
 */
import { DEMO_TOWN, DEMO_VILLAGES } from './demo-town';

type Position = [number, number];
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;
const WEST = 105.665;
const EAST = 105.79;
const TOWN_EAST = 105.885;
/** A wobbly west–east border at latitude `lat` (deterministic jitter so the outlines look drawn). */
function border(lat: number, seed: number, from = WEST, to = EAST): Position[] {
  const n = 6;
  return Array.from({ length: n + 1 }, (_, k) => {
    const lng = from + ((to - from) * k) / n;
    const wobble = k === 0 || k === n ? 0 : Math.sin(seed * 1.7 + k * 2.3) * 0.004;
    return [r5(lng), r5(lat + wobble)] as Position;
  });
}
const SOUTH = 34.58 - 0.017;
const northOf = (i: number) => 34.58 + i * 0.03 + 0.015;
const lineBelow = (i: number): Position[] => (i === 0 ? border(SOUTH, 0) : border(northOf(i - 1), i));

/** Village i's outline: its southern border west→east, up the east side, its northern border east→west, closed. */
function villageRing(i: number): Position[] {
  const south = lineBelow(i);
  const north = border(northOf(i), i + 1).reverse();
  const ring = [...south, [r5(EAST + 0.006), r5((south[6][1] + north[0][1]) / 2)] as Position, ...north];
  ring.push([r5(WEST - 0.005), r5((north[6][1] + south[0][1]) / 2)], south[0]);
  return ring;
}

export const demoVillageCentre = (i: number) => ({ lat: r5(34.58 + i * 0.03), lng: 105.72 });

/** Boundary and centre of each demo unit that has one (the town, the villages). */
export function demoGeometry(): Map<
  string,
  { boundary: { type: 'Polygon'; coordinates: Position[][] }; centre: { lat: number; lng: number } }
> {
  const out = new Map<
    string,
    { boundary: { type: 'Polygon'; coordinates: Position[][] }; centre: { lat: number; lng: number } }
  >();
  DEMO_VILLAGES.forEach((v, i) =>
    out.set(v.code, {
      boundary: { type: 'Polygon', coordinates: [villageRing(i)] },
      centre: demoVillageCentre(i),
    }),
  );
  const top = northOf(DEMO_VILLAGES.length - 1);
  const town: Position[] = [
    [WEST - 0.005, SOUTH],
    [TOWN_EAST, r5(SOUTH + 0.01)],
    [r5(TOWN_EAST + 0.01), r5((SOUTH + top) / 2)],
    [TOWN_EAST, r5(top - 0.01)],
    [WEST - 0.005, top],
    [WEST - 0.005, SOUTH],
  ].map(([a, b]) => [r5(a), r5(b)] as Position);
  out.set(DEMO_TOWN.code, {
    boundary: { type: 'Polygon', coordinates: [town] },
    centre: { lat: 34.6, lng: 105.853 },
  });
  return out;
}

/** The demo's units with their outline and centre where the demo has one. */
export function withDemoGeometry<T extends { code: string }>(
  units: T[],
): Array<T & { boundary?: unknown; centre?: unknown }> {
  const g = demoGeometry();
  return units.map((u) => ({ ...u, ...(g.get(u.code) ?? {}) }));
}
