import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { Project } from '../projects.schema';
import { ProjectsStore } from '../projects.store';

export interface ProjectsFilter {
  townCode?: string;
  villageCode?: string;
  type?: string;
  status?: string;
}

/** Projects in the caller's scope: a page for the list, or all of some statuses (exported: the progress check). */
@Injectable()
export class ListProjects {
  constructor(private readonly projects: ProjectsStore) {}

  page(scope: Scope, filter: ProjectsFilter, page: number, pageSize: number) {
    return this.projects.list(scope, filter, page, pageSize);
  }

  /** Projects of the scope with the given statuses (a county has dozens to hundreds). */
  withStatus(scope: Scope, statuses: string[], villageCode?: string): Promise<Project[]> {
    return this.projects.allOf(scope, statuses, villageCode);
  }
}
