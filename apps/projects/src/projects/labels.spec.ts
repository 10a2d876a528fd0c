import { z } from 'zod';
import { labelOf, type LabelKind } from '@lib/contracts/labels';
import { OutputKind, SalesChannel } from '../records/records.dto';
import { FundSourceKind, OwnerKind, ProjectStatus, ProjectType } from './projects.dto';

/** Every value the projects API answers with has a Chinese label for the console and the exports. */
const enums: [LabelKind, z.ZodEnum<Record<string, string>>][] = [
  ['projectType', ProjectType],
  ['projectStatus', ProjectStatus],
  ['projectOwnerKind', OwnerKind],
  ['fundSourceKind', FundSourceKind],
  ['outputKind', OutputKind],
  ['salesChannel', SalesChannel],
  ['milestoneStatus', z.enum(['planned', 'done', 'overdue'])],
];

describe('产业项目 labels', () => {
  it.each(enums)('%s: every value has a Chinese label', (kind, schema) => {
    for (const value of schema.options) expect(labelOf(kind, value)).toMatch(/[\u4e00-\u9fff]/);
  });
});
