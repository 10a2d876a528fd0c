import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type {
  ResidentRequestCategory,
  ResidentRequestChannel,
  ResidentRequestRating,
  ResidentRequestStatus,
} from '@lib/contracts';
import { outboxSchemaFields } from '@lib/messaging';
import type { Assignee, HistoryEntry, RatingRecord } from './domain/resident-request';

/**
 * 群众诉求: one resident's request with its whole life (status, rounds, deadline, assignee, answer,
 * ratings, history). The resident's phone is sealed (AES-256-GCM) and kept masked for display; its
 * keyed hash finds the requests of one phone without decrypting.
 */
@Schema({ collection: 'resident_requests', versionKey: false })
export class ResidentRequest {
  @Prop({ type: String, required: true }) _id!: string;
  /** 诉求编号, e.g. MS20261203-4F2A: what a resident quotes on the phone. */
  @Prop({ required: true, unique: true }) number!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true, index: true }) villageCode!: string;
  @Prop({ type: String, required: true }) category!: ResidentRequestCategory;
  @Prop({ type: String, required: true }) channel!: ResidentRequestChannel;
  @Prop({ required: true }) content!: string;
  @Prop({ required: true }) requesterName!: string;
  @Prop({ required: true }) phoneSealed!: string;
  @Prop({ required: true }) phoneMasked!: string;
  @Prop({ required: true, index: true }) phoneHash!: string;
  @Prop({ type: String, required: true }) status!: ResidentRequestStatus;
  /** 受理 or 办理中: the deadline check looks at these only. */
  @Prop({ required: true }) open!: boolean;
  @Prop({ required: true }) round!: number;
  @Prop({ required: true }) receivedAt!: Date;
  @Prop({ required: true }) receivedBy!: string;
  @Prop({ required: true }) dueAt!: Date;
  @Prop({ required: true }) warnAt!: Date;
  @Prop({ type: Object, default: null }) assignee!: Assignee | null;
  @Prop({ type: String, default: null }) assigneeUserId!: string | null;
  @Prop({ required: true }) warnedRound!: number;
  @Prop({ required: true }) overdueRound!: number;
  @Prop({ required: true }) everConcluded!: boolean;
  @Prop({ required: true }) lateEver!: boolean;
  @Prop({ type: String, default: null }) answer!: string | null;
  @Prop({ type: [Object], default: [] }) ratings!: RatingRecord[];
  @Prop({ type: Object, required: true }) ratingCounts!: Record<ResidentRequestRating, number>;
  @Prop({ type: [Object], default: [] }) history!: HistoryEntry[];
  @Prop({ required: true }) updatedAt!: Date;
}
export const ResidentRequestSchema = SchemaFactory.createForClass(ResidentRequest);
ResidentRequestSchema.add(outboxSchemaFields);
// few indexes: each costs seconds at start on FerretDB 1.24 (lists are by village, newest first)
ResidentRequestSchema.index({ receivedAt: -1 });
