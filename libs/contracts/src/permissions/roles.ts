import { z } from 'zod';

/** Roles seen in the field (docs/domain.md), plus the identity services use. */
export const Role = z.enum([
  'county-admin', // 县级管理员
  'town-official', // 乡镇干部
  'village-cadre', // 村"两委"干部
  'work-team-member', // 驻村工作队员
  'first-secretary', // 第一书记
  'paired-cadre', // 帮扶责任人
  'inspector', // 督查 / 镇纪委
  'auditor', // 只读审计
  'integration-client', // 推送数据的外部系统
  'service', // service-to-service identity (scope: everything)
]);
export type Role = z.infer<typeof Role>;

/** People who work the households: they record visits and surveys. */
export const FIELD_STAFF: Role[] = [
  'county-admin',
  'town-official',
  'village-cadre',
  'work-team-member',
  'first-secretary',
  'paired-cadre',
];
/** Every person's role (not integration clients). */
export const EVERYONE: Role[] = [...FIELD_STAFF, 'inspector', 'auditor'];
