import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A refresh token, stored only as its SHA-256 (a database leak yields no usable token). Each use
 * rotates it: the old one is revoked and a new one of the same family issued; a revoked token used
 * again means it was stolen, and the whole family is revoked.
 */
@Schema({ collection: 'refresh_tokens', versionKey: false })
export class RefreshToken {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) userId!: string;
  @Prop({ required: true, index: true }) familyId!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) expiresAt!: Date;
  @Prop({ type: Date, default: null }) revokedAt!: Date | null;
}
export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
