import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export interface FundSource {
  source: string;
  amount: number;
  note: string | null;
}
export interface Milestone {
  milestoneId: string;
  title: string;
  dueOn: string;
  /** null until done. */
  completedOn: string | null;
}
export interface ResponsiblePerson {
  name: string;
  role: string;
}

/** 产业帮扶项目: one industry assistance project (or one phase of one, e.g. 冷水鱼二期). */
@Schema({ collection: 'projects', versionKey: false })
export class Project {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ required: true, index: true }) type!: string;
  @Prop({ type: String, default: null }) phase!: string | null;
  @Prop({ type: String, default: null }) description!: string | null;
  @Prop({ required: true, index: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true, index: true }) villageCode!: string;
  @Prop({ type: Object, required: true }) owner!: { kind: string; name: string };
  @Prop({ required: true, index: true }) status!: string;
  @Prop({ required: true }) startsOn!: string;
  @Prop({ type: String, default: null }) endsOn!: string | null;
  @Prop({ required: true }) budget!: number;
  @Prop({ type: [Object], default: [] }) fundSources!: FundSource[];
  @Prop({ type: [Object], default: [] }) milestones!: Milestone[];
  @Prop({ type: [Object], default: [] }) responsiblePeople!: ResponsiblePerson[];
  @Prop({ required: true }) createdBy!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) updatedAt!: Date;
}
export const ProjectSchema = SchemaFactory.createForClass(Project);
