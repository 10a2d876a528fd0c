import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Project, ProjectSchema } from './projects.schema';
import { ProjectsController } from './projects.controller';
import { ProjectsStore } from './projects.store';
import { AddMilestone } from './use-cases/add-milestone.usecase';
import { CompleteMilestone } from './use-cases/complete-milestone.usecase';
import { CreateProject } from './use-cases/create-project.usecase';
import { GetProject } from './use-cases/get-project.usecase';
import { ListProjects } from './use-cases/list-projects.usecase';
import { UpdateProject } from './use-cases/update-project.usecase';

/**
 * 产业帮扶项目: a project's plan, milestones and status. Exports the read-only queries the other features
 * act through: a project in the caller's scope (GetProject) and the projects to check (ListProjects).
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: Project.name, schema: ProjectSchema }])],
  controllers: [ProjectsController],
  providers: [
    ProjectsStore,
    GetProject,
    ListProjects,
    CreateProject,
    UpdateProject,
    AddMilestone,
    CompleteMilestone,
  ],
  exports: [GetProject, ListProjects],
})
export class ProjectsModule {}
