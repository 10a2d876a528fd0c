import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/**
 * A revocation of access tokens before they expire: one token at sign-out (`_id` = its `jti`), or all
 * of a user's tokens issued before `revokedAt` (user disabled or roles changed). Written with its
 * session.revoked.v1 event in the outbox (one document), so every app learns of it even if Kafka
 * was down at the time.
 */
@Schema({ collection: 'revoked_tokens', versionKey: false })
export class RevokedToken {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, default: null }) jti!: string | null;
  @Prop({ required: true, index: true }) userId!: string;
  @Prop({ type: String, default: null }) sessionId!: string | null;
  @Prop({ type: String, required: true }) reason!: 'logout' | 'user-disabled' | 'roles-changed';
  @Prop({ required: true }) expiresAt!: Date;
  @Prop({ required: true }) revokedAt!: Date;
}
export const RevokedTokenSchema = SchemaFactory.createForClass(RevokedToken);
RevokedTokenSchema.add(outboxSchemaFields);
