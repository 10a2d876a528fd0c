import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';
import type { IncomeComponentName } from '@lib/contracts';

export interface SurveyGpsValue {
  lat: number;
  lng: number;
}
export interface SurveyRigidSpendingValue {
  medicalOutOfPocket?: number;
  schooling?: number;
}
export interface SurveyGuaranteesValue {
  foodAndClothing?: boolean;
  compulsoryEducation?: boolean;
  basicMedicalInsurance?: boolean;
  housingSafety?: 'A' | 'B' | 'C' | 'D';
  drinkingWater?: boolean;
}
export interface SurveyEmploymentChangeValue {
  kind: 'found_work' | 'lost_work' | 'changed_work' | 'went_out_to_work' | 'returned_home';
  detail?: string;
}

/** What a survey says (the part a correction may change, plus the figures computed from it). */
export interface SurveyContent {
  visitedAt: Date;
  visitor: string;
  income: { wage: number; business: number; property: number; transfer: number; businessCosts: number };
  /** Components the visitor left out; each counted as 0. */
  missingIncomeComponents: IncomeComponentName[];
  /** Equality-filterable flag (FerretDB scans for $size/$ne). */
  hasMissingIncomeComponents: boolean;
  residentMembers: number;
  netIncome: number;
  perCapitaNetIncome: number | null;
  gps?: SurveyGpsValue | null;
  rigidSpending?: SurveyRigidSpendingValue | null;
  guarantees?: SurveyGuaranteesValue | null;
  employmentChanges?: SurveyEmploymentChangeValue[];
  riskTypes?: string[];
  notes?: string | null;
  photos?: string[];
}

/** The fields of SurveyContent, in the order they are shown and diffed. */
export const SURVEY_CONTENT_FIELDS = [
  'visitedAt',
  'visitor',
  'income',
  'missingIncomeComponents',
  'hasMissingIncomeComponents',
  'residentMembers',
  'netIncome',
  'perCapitaNetIncome',
  'gps',
  'rigidSpending',
  'guarantees',
  'employmentChanges',
  'riskTypes',
  'notes',
  'photos',
] as const satisfies ReadonlyArray<keyof SurveyContent>;

/**
 * 每月入户走访: one household's monthly monitoring survey, as its latest revision stands
 * (corrections are kept insert-only in survey_revisions; `revision` 1 is the original record).
 */
@Schema({ collection: 'surveys', versionKey: false })
export class Survey implements SurveyContent {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) householdId!: string;
  @Prop({ required: true }) month!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) visitedAt!: Date;
  @Prop({ required: true }) visitor!: string;
  @Prop({ type: Object, required: true })
  income!: { wage: number; business: number; property: number; transfer: number; businessCosts: number };
  @Prop({ type: [String], default: undefined }) missingIncomeComponents!: IncomeComponentName[];
  @Prop({ type: Boolean, default: false }) hasMissingIncomeComponents!: boolean;
  @Prop({ required: true }) residentMembers!: number;
  @Prop({ required: true }) netIncome!: number;
  @Prop({ type: Number, default: null }) perCapitaNetIncome!: number | null;
  @Prop({ type: Object }) gps?: SurveyGpsValue | null;
  @Prop({ type: Object }) rigidSpending?: SurveyRigidSpendingValue | null;
  @Prop({ type: Object }) guarantees?: SurveyGuaranteesValue | null;
  @Prop({ type: [Object], default: undefined }) employmentChanges?: SurveyEmploymentChangeValue[];
  @Prop({ type: [String], default: undefined }) riskTypes?: string[];
  @Prop({ type: String }) notes?: string | null;
  @Prop({ type: [String], default: undefined }) photos?: string[];
  /** Who recorded it (the caller's account), when known. */
  @Prop({ type: String }) recordedBy?: string;
  @Prop({ required: true }) recordedAt!: Date;
  /** 1 = as recorded; each correction adds one. Absent on surveys recorded before corrections existed. */
  @Prop({ type: Number, default: 1 }) revision!: number;
  @Prop({ type: Date }) correctedAt?: Date;
}
export const SurveySchema = SchemaFactory.createForClass(Survey);
SurveySchema.add(outboxSchemaFields);
SurveySchema.index({ householdId: 1, month: 1 }, { unique: true });
SurveySchema.index({ villageCode: 1, month: 1 });

/**
 * 更正记录: one correction of a survey, insert-only. `_id` = `<surveyId>:<revision>`, so two
 * corrections racing for the same revision cannot both land (the second gets a duplicate key). It is
 * the record of truth for the revision and carries its events (outbox); the survey document is then
 * brought up to it (and brought up again on the next read if the app died in between).
 */
@Schema({ collection: 'survey_revisions', versionKey: false })
export class SurveyRevision {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) surveyId!: string;
  @Prop({ required: true }) householdId!: string;
  @Prop({ required: true }) revision!: number;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) correctedBy!: string;
  @Prop({ required: true }) correctedByName!: string;
  @Prop({ required: true }) correctedAt!: Date;
  @Prop({ required: true }) reason!: string;
  /** Dotted paths, e.g. income.wage, residentMembers. */
  @Prop({ type: [String], required: true }) changedFields!: string[];
  /** The value each changed path had before (null when it had none); a list, as stored keys may not contain dots. */
  @Prop({ type: [Object], required: true }) previousValues!: Array<{ field: string; value: unknown }>;
  /** The survey's content as this revision left it. */
  @Prop({ type: Object, required: true }) snapshot!: SurveyContent;
}
export const SurveyRevisionSchema = SchemaFactory.createForClass(SurveyRevision);
SurveyRevisionSchema.add(outboxSchemaFields);
