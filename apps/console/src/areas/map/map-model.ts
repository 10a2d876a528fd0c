import type { EChartsOption } from 'echarts';
import type { OrgUnitFeature } from '@lib/contracts/geo';

/**
 * 一张图 as an ECharts option, from what the APIs answer: the villages' outlines (registered as the map
 * MAP_NAME, each region named by its code), coloured by open alerts; households where a survey gave a
 * position; work-team geofences (their outline, or the circle of their radius); a day's check-ins.
 * Pure, so the figures can be checked without a browser.
 */
export const MAP_NAME = 'ffp-villages';

export interface HouseholdPosition {
  householdId: string;
  villageCode: string;
  lat: number;
  lng: number;
  month: string;
}
export interface TeamFence {
  id: string;
  name: string;
  villageCode: string;
  geofence: {
    latitude: number;
    longitude: number;
    radiusM: number;
    polygon?: Array<{ latitude: number; longitude: number }> | null;
  };
}
export interface DayCheckIn {
  id: string;
  memberId: string;
  villageCode: string;
  latitude: number | null;
  longitude: number | null;
  checkTime: string;
  insideGeofence: boolean | null;
}

/** The villages' outlines as ECharts takes a map: a FeatureCollection whose regions are named by code. */
export function villageMap(features: OrgUnitFeature[]) {
  return {
    type: 'FeatureCollection' as const,
    features: features
      .filter((f) => f.properties.level === 'village' && f.geometry)
      .map((f) => ({
        type: 'Feature' as const,
        properties: { name: f.properties.code },
        geometry: f.geometry!,
      })),
  };
}

/** A circle of `radiusM` metres around a point, as [lng, lat] positions (closed). */
export function circle(lat: number, lng: number, radiusM: number, steps = 48): Array<[number, number]> {
  const dLat = radiusM / 111_320;
  const dLng = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / steps;
    return [lng + dLng * Math.cos(a), lat + dLat * Math.sin(a)] as [number, number];
  });
}

export function fenceOutline(t: TeamFence): Array<[number, number]> {
  const g = t.geofence;
  if (g.polygon && g.polygon.length >= 3) {
    const ring = g.polygon.map((v) => [v.longitude, v.latitude] as [number, number]);
    return [...ring, ring[0]];
  }
  return circle(g.latitude, g.longitude, g.radiusM);
}

export interface MapInputs {
  features: OrgUnitFeature[];
  /** Open alerts per village code. */
  openAlerts: Record<string, number>;
  positions: HouseholdPosition[];
  teams: TeamFence[];
  checkIns: DayCheckIn[];
  nameOf: (code: string) => string;
  day: string;
}

export function mapOption(m: MapInputs): EChartsOption {
  const villages = villageMap(m.features).features.map((f) => f.properties.name);
  const max = Math.max(1, ...villages.map((v) => m.openAlerts[v] ?? 0));
  return {
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const x = p as {
          seriesName?: string;
          seriesType?: string;
          name: string;
          value?: unknown;
          data?: Record<string, unknown>;
        };
        if (x.seriesType === 'map')
          return `${m.nameOf(x.name)}：开放预警 ${typeof x.value === 'number' ? x.value : 0} 条`;
        if (x.seriesName === '农户')
          return `农户（${m.nameOf(String(x.data?.villageCode ?? ''))}），点击查看`;
        if (x.seriesName === '当日打卡')
          return `打卡 ${String(x.data?.checkTime ?? '').slice(11, 16)}${x.data?.insideGeofence === false ? '（围栏外）' : ''}`;
        if (x.seriesName === '工作队围栏') return `${x.name}（围栏）`;
        return x.name ? m.nameOf(x.name) : '';
      },
    },
    legend: { top: 0, left: 0, data: ['农户', '工作队围栏', '当日打卡'] },
    visualMap: {
      seriesIndex: 0,
      min: 0,
      max,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: ['预警多', '无预警'],
      calculable: false,
      inRange: { color: ['#e8f3ea', '#f6c26b', '#d9534f'] },
      itemWidth: 10,
      itemHeight: 100,
    },
    geo: {
      map: MAP_NAME,
      roam: true,
      top: 36,
      bottom: 44,
      label: {
        show: true,
        fontSize: 12,
        color: '#303133',
        formatter: (p: unknown) => m.nameOf((p as { name: string }).name),
      },
      itemStyle: { borderColor: '#5b6b7b', borderWidth: 1 },
      emphasis: { label: { show: true }, itemStyle: { areaColor: '#cfe3f7' } },
      select: { disabled: true },
    },
    series: [
      {
        type: 'map',
        name: '开放预警',
        geoIndex: 0,
        data: villages.map((code) => ({ name: code, value: m.openAlerts[code] ?? 0, label: m.nameOf(code) })),
      },
      {
        type: 'scatter',
        name: '农户',
        coordinateSystem: 'geo',
        symbolSize: 7,
        itemStyle: { color: '#2f6fb5' },
        data: m.positions.map((p) => ({
          name: p.householdId,
          value: [p.lng, p.lat],
          householdId: p.householdId,
          villageCode: p.villageCode,
        })),
      },
      {
        type: 'lines',
        name: '工作队围栏',
        coordinateSystem: 'geo',
        polyline: true,
        lineStyle: { color: '#1f6f43', width: 2, type: 'dashed' },
        data: m.teams.map((t) => ({
          name: t.name,
          teamId: t.id,
          villageCode: t.villageCode,
          coords: fenceOutline(t),
        })),
      },
      {
        type: 'scatter',
        name: '当日打卡',
        coordinateSystem: 'geo',
        symbol: 'triangle',
        symbolSize: 10,
        itemStyle: { color: '#e67e22' },
        data: m.checkIns
          .filter((c) => c.latitude !== null && c.longitude !== null)
          .map((c) => ({
            name: c.id,
            value: [c.longitude!, c.latitude!],
            memberId: c.memberId,
            checkTime: c.checkTime,
            insideGeofence: c.insideGeofence,
          })),
      },
    ],
  } as EChartsOption;
}
