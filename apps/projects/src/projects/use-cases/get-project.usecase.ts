import { Injectable } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { Project } from '../projects.schema';
import { ProjectsStore } from '../projects.store';

/**
 * A project in the caller's scope, or 404 (one out of scope is as unknown as one that does not exist).
 * Exported: the other features of projects (beneficiaries, records, distributions) act on a project through it.
 */
@Injectable()
export class GetProject {
  constructor(private readonly projects: ProjectsStore) {}

  async execute(scope: Scope, id: string): Promise<Project> {
    const p = await this.projects.findById(scope, id);
    if (!p) throw notFound(`未找到该项目 (no project ${id})`);
    return p;
  }
}
