import { Inject, Injectable } from '@nestjs/common';
import { IsoDate, todayIn } from './calendar';
import { PROJECTS_CONFIG, ProjectsConfig } from './config';

/** Today in the projects' time zone (PROJECTS_TIMEZONE): the day records and payments are judged against. */
@Injectable()
export class ProjectsClock {
  constructor(@Inject(PROJECTS_CONFIG) private readonly config: ProjectsConfig) {}

  today(): IsoDate {
    return todayIn(this.config.PROJECTS_TIMEZONE);
  }
}
