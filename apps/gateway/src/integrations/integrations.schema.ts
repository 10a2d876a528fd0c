import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * An integration client's API key, bound to one org unit. The secret signs requests (HMAC-SHA256),
 * so the server must know it: it is kept here and shown to the administrator once, at creation.
 */
@Schema({ collection: 'api_keys', versionKey: false })
export class ApiKey {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ required: true }) unit!: string;
  @Prop({ type: [String], required: true, index: true }) scopeCodes!: string[];
  @Prop({ required: true }) secret!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) createdBy!: string;
  @Prop({ type: Date, default: null }) revokedAt!: Date | null;
}
export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
