import type { DataOf, HouseholdRegisteredV1 } from '@lib/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Monitoring's own read model of the registry: just what surveys need (fed by households.events.v1). */
@Schema({ collection: 'known_households', versionKey: false })
export class KnownHousehold {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) householdNumber!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true, index: true }) villageCode!: string;
  /** Members at registration; with the members added and removed since (idempotent sets of ids). */
  @Prop({ required: true }) memberCount!: number;
  @Prop({ type: [String], default: undefined }) addedMemberIds?: string[];
  @Prop({ type: [String], default: undefined }) removedMemberIds?: string[];
  @Prop({ required: true }) registeredAt!: Date;
  /** 注销 (household.closed.v1): the day and reason; a closed household gets no surveys and leaves coverage */
  @Prop() closedOn?: string;
  @Prop() closureReason?: string;
  /** Each member's relation to the head (户主, 配偶, …), so the forecast's reasons name who a fact is about. */
  @Prop({ type: [Object], default: [] }) members!: Array<{ memberId: string; relation: string }>;
}
/** The household's members now, as far as monitoring has heard (for 常住人口 ≤ 家庭人口). */
export function membersNow(
  h: Pick<KnownHousehold, 'memberCount' | 'addedMemberIds' | 'removedMemberIds'>,
): number {
  return Math.max(0, h.memberCount + (h.addedMemberIds?.length ?? 0) - (h.removedMemberIds?.length ?? 0));
}
/** What household.registered.v1 makes of a household in the directory (the live consumer and the replay). */
export function registeredHousehold(
  d: DataOf<typeof HouseholdRegisteredV1>,
): Omit<KnownHousehold, '_id' | 'addedMemberIds' | 'removedMemberIds' | 'closedOn' | 'closureReason'> {
  return {
    householdNumber: d.householdNumber,
    countyCode: d.countyCode,
    townCode: d.townCode,
    villageCode: d.villageCode,
    memberCount: d.memberCount,
    registeredAt: new Date(d.registeredAt),
    members: d.members.map((m) => ({ memberId: m.memberId, relation: m.relation })),
  };
}
export const KnownHouseholdSchema = SchemaFactory.createForClass(KnownHousehold);
