import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { assertCovers, Scope } from '@lib/auth';
import { ScopedRepository } from '@lib/persistence';
import { Milestone, Project } from './projects.schema';

/** Every read and write of projects, within the caller's scope. */
@Injectable()
export class ProjectsStore extends ScopedRepository<Project> {
  constructor(@InjectModel(Project.name) model: Model<Project>) {
    super(model);
  }

  async create(scope: Scope, project: Project): Promise<void> {
    assertCovers(scope, project.villageCode);
    await this.store.insert(project);
  }

  /** Applies a change to a project in scope; the updated project, or null when not found. */
  async update(scope: Scope, id: string, set: Partial<Project>): Promise<Project | null> {
    return this.model
      .findOneAndUpdate(
        this.scoped(scope, { _id: id }),
        { $set: { ...set, updatedAt: new Date() } },
        { returnDocument: 'after' },
      )
      .lean<Project>()
      .exec();
  }

  async addMilestone(scope: Scope, id: string, m: Milestone): Promise<Project | null> {
    return this.model
      .findOneAndUpdate(
        this.scoped(scope, { _id: id }),
        { $push: { milestones: m }, $set: { updatedAt: new Date() } },
        { returnDocument: 'after' },
      )
      .lean<Project>()
      .exec();
  }

  /** Rewrites the milestone list as read (a single-document write; no arrayFilters in FerretDB 1.x). */
  async replaceMilestones(scope: Scope, id: string, expected: Milestone[], next: Milestone[]) {
    const res = await this.model
      .updateOne(this.scoped(scope, { _id: id, milestones: expected }), {
        $set: { milestones: next, updatedAt: new Date() },
      })
      .exec();
    return res.matchedCount === 1;
  }

  list(
    scope: Scope,
    filter: { townCode?: string; villageCode?: string; type?: string; status?: string },
    page: number,
    pageSize: number,
  ) {
    return this.page(scope, filter, { startsOn: -1, _id: 1 }, page, pageSize);
  }

  /** Projects of the scope with the given statuses (the progress check; a county has dozens to hundreds). */
  async allOf(scope: Scope, statuses: string[], villageCode?: string): Promise<Project[]> {
    const out: Project[] = [];
    for (const status of statuses)
      out.push(
        ...(await this.model.find(this.scoped(scope, { status, villageCode })).lean<Project[]>().exec()),
      );
    return out;
  }
}
