import { Injectable } from '@nestjs/common';
import { Member, Team } from './team.schema';
import { TeamsStore } from './teams.store';

interface Snapshot {
  at: number;
  members: Map<string, Member>;
  byUser: Map<string, Member>;
  teams: Map<string, Team>;
}

/** How long the roster read from the database is trusted (changes made by this instance: at once). */
const FRESH_MS = 5_000;

/**
 * The county's teams and members in memory for the check-in pipeline (a county has a few hundred
 * of each): read whole when older than a few seconds, so a batch asks the database nothing about
 * who its records belong to. An id or DingTalk user the roster does not know is looked up at once
 * (a member added a moment ago on another instance is never taken for an unknown user), and a
 * change through this instance (TeamsUseCases) drops it.
 */
@Injectable()
export class Roster {
  private loaded: Promise<Snapshot> | null = null;

  constructor(private readonly repo: TeamsStore) {}

  private async read(): Promise<Snapshot> {
    const [members, teams] = await Promise.all([this.repo.allMembers(), this.repo.allTeams()]);
    return {
      at: Date.now(),
      members: new Map(members.map((m) => [m._id, m])),
      byUser: new Map(members.filter((m) => m.dingtalkUserId).map((m) => [m.dingtalkUserId!, m])),
      teams: new Map(teams.map((t) => [t._id, t])),
    };
  }

  /** The roster, read again when older than FRESH_MS (concurrent batches share one read). */
  private async current(): Promise<Snapshot> {
    const loading = this.loaded;
    if (loading) {
      const r = await loading.catch(() => null);
      if (r && Date.now() - r.at < FRESH_MS) return r;
      if (this.loaded !== loading && this.loaded) return this.loaded;
    }
    const next = this.read();
    this.loaded = next;
    next.catch(() => this.loaded === next && (this.loaded = null));
    return next;
  }

  /** Members by our id or by DingTalk user id (those the roster lacks: from the database). */
  async resolve(memberIds: string[], userIds: string[]): Promise<Member[]> {
    const r = await this.current();
    const found = new Map<string, Member>();
    const missingIds = memberIds.filter((id) => {
      const m = r.members.get(id);
      if (m) found.set(m._id, m);
      return !m;
    });
    const missingUsers = userIds.filter((u) => {
      const m = r.byUser.get(u);
      if (m) found.set(m._id, m);
      return !m;
    });
    if (missingIds.length + missingUsers.length > 0)
      for (const m of await this.repo.resolve(missingIds, missingUsers)) found.set(m._id, m);
    return [...found.values()];
  }

  /** Teams by id (those the roster lacks: from the database). */
  async findTeams(ids: string[]): Promise<Team[]> {
    const r = await this.current();
    const missing = ids.filter((id) => !r.teams.has(id));
    const more = missing.length > 0 ? await this.repo.findTeams(missing) : [];
    return [...ids.flatMap((id) => r.teams.get(id) ?? []), ...more];
  }

  forget() {
    this.loaded = null;
  }
}
