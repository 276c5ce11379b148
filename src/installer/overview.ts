/**
 * The admin page's list: every service project and where it stands, read in a handful of requests
 * whatever the number of projects (one scheme read per project, one workflow read per ten).
 */
import type { JiraClient } from '../jira/client';
import { getProjectConfig } from '../shared/project-config';
import { assess, type Finding, type InstallState } from './analysis';
import { mapLimited } from './limit';
import {
  listServiceProjects,
  readProjectWorkflows,
  readScheme,
  type ServiceProject,
  type StatusInfo,
  type WorkflowInfo,
} from './snapshot';

export interface ProjectOverview {
  project: ServiceProject;
  state: InstallState;
  findings: Finding[];
}

const PROJECTS_PER_WORKFLOW_READ = 10;
/** Scheme reads in flight at once: enough to stay well inside the 25 s a resolver has. */
const PARALLEL_READS = 4;

export async function overview(jira: JiraClient): Promise<ProjectOverview[]> {
  const projects = await listServiceProjects(jira);
  const schemes = await mapLimited(projects, PARALLEL_READS, (p) => readScheme(jira, p));
  const entries = projects.map((project, i) => ({ project, scheme: schemes[i] as (typeof schemes)[number] }));

  const chunks: (typeof entries)[] = [];
  for (let i = 0; i < entries.length; i += PROJECTS_PER_WORKFLOW_READ)
    chunks.push(entries.slice(i, i + PROJECTS_PER_WORKFLOW_READ));
  const reads = await mapLimited(chunks, PARALLEL_READS, (chunk) => readProjectWorkflows(jira, chunk));
  const workflows: WorkflowInfo[] = reads.flatMap((r) => r.workflows);
  const statuses = new Map<string, StatusInfo>(reads.flatMap((r) => [...r.statuses]));

  const configs = await Promise.all(projects.map((p) => getProjectConfig(p.key)));
  return entries.map(({ project, scheme }, i) => {
    const a = assess({ project, scheme, workflows, statuses }, configs[i] ?? null);
    return { project, state: a.state, findings: a.findings };
  });
}
