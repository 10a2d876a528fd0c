import { Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';
import { Alert } from './alert.schema';

/**
 * 已解除的预警: a resolved alert, as it stands resolved, appended once per alert (its _id is the alert's)
 * with alert.resolved.v1 in the same insert (issue #17). `alerts` holds the unresolved alerts; resolving
 * one inserts it here and then removes it from `alerts` — an insert and a delete by _id per run, however
 * many alerts (FerretDB updates a document at a time, about 10 ms each under load; an insertMany and a
 * deleteMany cost well under 1 ms a document). A second resolution of the same alert (a redelivery,
 * another instance, a person at the same moment) is refused by the _id, so the alert is told resolved
 * exactly once. Until the alert has left `alerts` — or for good, if the app dies in between — this record
 * is the truth: every read of unresolved alerts for evaluation leaves such an alert out and removes it,
 * reads for people show this record, and acknowledging it is refused.
 *
 * `openKey` here is the key the alert held and freed, with its id (`subject|rule|period|alertId`).
 */
@Schema({ collection: 'alert_resolutions', versionKey: false })
export class AlertResolution extends Alert {}
export const AlertResolutionSchema = SchemaFactory.createForClass(AlertResolution);
AlertResolutionSchema.add(outboxSchemaFields);
AlertResolutionSchema.index({ raisedAt: -1 });
