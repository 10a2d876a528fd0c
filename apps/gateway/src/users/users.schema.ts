import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RoleGrant } from '@lib/auth';

/** A person who signs in. Their scope is the org units of their roles and everything below. */
@Schema({ collection: 'users', versionKey: false })
export class User {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, unique: true }) username!: string;
  @Prop({ required: true }) displayName!: string;
  @Prop({ required: true }) passwordHash!: string;
  @Prop({ type: [Object], required: true }) roles!: RoleGrant[];
  /** Every unit from the county down to each role's unit: lets admins find users within their scope. */
  @Prop({ type: [String], required: true, index: true }) scopeCodes!: string[];
  @Prop({ required: true }) disabled!: boolean;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ type: String, default: null }) createdBy!: string | null;
}
export const UserSchema = SchemaFactory.createForClass(User);
