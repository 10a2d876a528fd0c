import { Injectable } from '@nestjs/common';
import { UsersStore } from '../../users/users.store';
import { AuditStore } from '../audit.store';
import { auditEntryOf, FinishedRequest } from '../domain/audit-entry';

/** A finished request of the gateway's own API, with the username a sign-in tried (no caller yet). */
export type OwnApiRequest = Omit<FinishedRequest, 'actorName' | 'actorGrants'> & {
  triedUsername: string | null;
};

/**
 * One audit entry per request of the gateway's own API. A sign-in names who tried (never the password)
 * and is seen by the auditors of that user's units. Shutdown waits for the entries being written.
 */
@Injectable()
export class RecordRequest {
  constructor(
    private readonly audit: AuditStore,
    private readonly users: UsersStore,
  ) {}

  execute(r: OwnApiRequest): Promise<void> {
    return this.audit.whileWriting(this.write(r));
  }

  private async write({ triedUsername, ...r }: OwnApiRequest) {
    const user = triedUsername ? await this.users.byUsername(triedUsername) : null;
    await this.audit.append(auditEntryOf({ ...r, actorName: triedUsername, actorGrants: user?.roles }));
  }
}
