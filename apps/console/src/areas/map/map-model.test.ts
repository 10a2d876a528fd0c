import { describe, expect, it } from 'vitest';
import type { OrgUnitFeature } from '@lib/contracts/geo';
import { circle, fenceOutline, mapOption, villageMap } from './map-model';

const square = (lng: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lng, lat],
      [lng + 0.01, lat],
      [lng + 0.01, lat + 0.01],
      [lng, lat + 0.01],
      [lng, lat],
    ] as Array<[number, number]>,
  ],
});
const feature = (code: string, level: string, geometry: OrgUnitFeature['geometry']): OrgUnitFeature => ({
  type: 'Feature',
  id: code,
  properties: { code, name: `单位${code.slice(-1)}`, level, parentCode: null, centre: null },
  geometry,
});
const features = [
  feature('621299101', 'town', square(105.6, 34.5)),
  feature('621299101201', 'village', square(105.7, 34.58)),
  feature('621299101202', 'village', square(105.7, 34.6)),
  feature('621299101203', 'village', null),
];

describe('一张图 option', () => {
  it('registers the villages that have an outline, named by code', () => {
    expect(villageMap(features).features.map((f) => f.properties.name)).toEqual([
      '621299101201',
      '621299101202',
    ]);
  });

  it('colours each village by its open alerts (0 where none) and draws households, fences and check-ins', () => {
    const option = mapOption({
      features,
      openAlerts: { '621299101201': 2 },
      positions: [
        { householdId: 'h1', villageCode: '621299101201', lat: 34.585, lng: 105.705, month: '2026-12' },
      ],
      teams: [
        {
          id: 't1',
          name: '三联村驻村工作队',
          villageCode: '621299101201',
          geofence: { latitude: 34.58, longitude: 105.72, radiusM: 800 },
        },
      ],
      checkIns: [
        {
          id: 'c1',
          memberId: 'm1',
          villageCode: '621299101201',
          latitude: 34.5801,
          longitude: 105.7201,
          checkTime: '2026-12-03T08:50:00+08:00',
          insideGeofence: true,
        },
        {
          id: 'c2',
          memberId: 'm1',
          villageCode: '621299101201',
          latitude: null,
          longitude: null,
          checkTime: '2026-12-03T18:00:00+08:00',
          insideGeofence: null,
        },
      ],
      nameOf: (c) => `村${c.slice(-1)}`,
      day: '2026-12-03',
    });
    const series = option.series as Array<{ name: string; data: Array<Record<string, unknown>> }>;
    expect(series.map((s) => s.name)).toEqual(['开放预警', '农户', '工作队围栏', '当日打卡']);
    expect(series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['621299101201', 2],
      ['621299101202', 0],
    ]);
    expect(series[1].data[0]).toMatchObject({ householdId: 'h1', value: [105.705, 34.585] });
    expect(series[2].data[0].coords).toHaveLength(49);
    // a check-in without a position is not drawn
    expect(series[3].data.map((d) => d.value)).toEqual([[105.7201, 34.5801]]);
    expect((option.visualMap as { max: number }).max).toBe(2);
  });

  it('a fence is its polygon when drawn, else the circle of its radius', () => {
    const ring = circle(34.58, 105.72, 800, 8);
    expect(ring).toHaveLength(9);
    expect(ring[0][0]).toBeCloseTo(105.72 + 800 / (111_320 * Math.cos((34.58 * Math.PI) / 180)), 6);
    expect(ring[2][1]).toBeCloseTo(34.58 + 800 / 111_320, 6);
    const polygon = fenceOutline({
      id: 't',
      name: 't',
      villageCode: '621299101201',
      geofence: {
        latitude: 0,
        longitude: 0,
        radiusM: 100,
        polygon: [
          { latitude: 1, longitude: 2 },
          { latitude: 3, longitude: 4 },
          { latitude: 5, longitude: 6 },
        ],
      },
    });
    expect(polygon).toEqual([
      [2, 1],
      [4, 3],
      [6, 5],
      [2, 1],
    ]);
  });
});
