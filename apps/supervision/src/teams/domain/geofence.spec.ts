import { isInside, pointInPolygon } from './geofence';

/** A village outline (村界) shaped like a U: the notch between the arms is outside the village. */
const u = [
  { latitude: 34.57, longitude: 105.71 },
  { latitude: 34.57, longitude: 105.74 },
  { latitude: 34.6, longitude: 105.74 },
  { latitude: 34.6, longitude: 105.73 },
  { latitude: 34.58, longitude: 105.73 },
  { latitude: 34.58, longitude: 105.72 },
  { latitude: 34.6, longitude: 105.72 },
  { latitude: 34.6, longitude: 105.71 },
];

describe('polygon geofence (村界多边形)', () => {
  it('puts a point inside the outline inside and one beyond it outside', () => {
    expect(pointInPolygon({ latitude: 34.575, longitude: 105.725 }, u)).toBe(true); // the base
    expect(pointInPolygon({ latitude: 34.59, longitude: 105.715 }, u)).toBe(true); // the left arm
    expect(pointInPolygon({ latitude: 34.61, longitude: 105.725 }, u)).toBe(false); // north of it
    expect(pointInPolygon({ latitude: 34.575, longitude: 105.75 }, u)).toBe(false); // east of it
  });

  it('puts the notch of a concave outline outside (a radius would count it in)', () => {
    expect(pointInPolygon({ latitude: 34.59, longitude: 105.725 }, u)).toBe(false);
  });

  it('counts a point on an edge or a vertex as inside', () => {
    expect(pointInPolygon({ latitude: 34.57, longitude: 105.72 }, u)).toBe(true); // south edge
    expect(pointInPolygon({ latitude: 34.6, longitude: 105.74 }, u)).toBe(true); // a vertex
    expect(pointInPolygon({ latitude: 34.585, longitude: 105.72 }, u)).toBe(true); // notch's west edge
  });

  it('is false for fewer than 3 vertices', () => {
    expect(pointInPolygon({ latitude: 34.57, longitude: 105.71 }, u.slice(0, 2))).toBe(false);
  });

  it('decides inside instead of the radius when the fence has an outline', () => {
    const centre = { latitude: 34.585, longitude: 105.725, radiusM: 3_000 };
    const inNotch = { latitude: 34.59, longitude: 105.725 };
    expect(isInside(inNotch, centre)).toBe(true); // within 3 km of the centre
    expect(isInside(inNotch, { ...centre, polygon: u })).toBe(false);
    expect(isInside({ latitude: 34.575, longitude: 105.735 }, { ...centre, polygon: u })).toBe(true);
    // without coordinates the source's verdict still applies
    expect(isInside({ locationResult: 'Normal' }, { ...centre, polygon: u })).toBe(true);
    // a null outline falls back to the radius
    expect(isInside(inNotch, { ...centre, polygon: null })).toBe(true);
  });
});
