import { z } from 'zod';
import { idNumberProblem } from '../personal-data/id-number';
import { HouseholdType, LabourSkill, MonitoringCategory, Relation, Sex, VillageCode } from '@lib/contracts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s),
    'must be a real date',
  );

export const RegisterHouseholdBody = z
  .object({
    householdNumber: z.string().trim().min(1, 'is required').max(32),
    villageCode: VillageCode,
    householdType: HouseholdType,
    monitoringCategory: MonitoringCategory.nullable().default(null),
    members: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, 'is required').max(64),
            relation: Relation,
            sex: Sex,
            birthDate: isoDate,
            labourSkill: LabourSkill.optional(),
            idNumber: z.string().trim().toUpperCase().optional(),
            phone: z
              .string()
              .trim()
              .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'must be a mobile (11 digits) or landline number')
              .optional(),
          })
          .strict()
          .superRefine((m, ctx) => {
            const problem = m.idNumber === undefined ? null : idNumberProblem(m.idNumber, m.birthDate);
            if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
          }),
      )
      .min(1, 'a household has at least one member')
      .max(30)
      .refine(
        (m) => m.filter((x) => x.relation === 'head').length === 1,
        'must have exactly one head (relation "head")',
      )
      .superRefine((members, ctx) => {
        const seen = new Set<string>();
        members.forEach((m, i) => {
          if (!m.idNumber) return;
          if (seen.has(m.idNumber))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'idNumber'],
              message: '同一身份证号在户内重复 (repeated)',
            });
          seen.add(m.idNumber);
        });
      }),
  })
  .strict();
export type RegisterHouseholdBody = z.infer<typeof RegisterHouseholdBody>;

export const ListHouseholdsQuery = z
  .object({
    villageCode: VillageCode.optional(),
    townCode: z
      .string()
      .regex(/^\d{9}$/, 'must be a 9-digit town code')
      .optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
