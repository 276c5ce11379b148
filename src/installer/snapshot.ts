/**
 * What the installer knows about a project before it decides anything: the project, its workflow
 * scheme, the workflows its request types use (and ours, if an earlier run created it), and the
 * statuses around them. Reading only; every request here is a read.
 */
import type { JiraClient } from '../jira/client';
import type {
  DocumentVersion,
  JiraProject,
  JiraWorkflow,
  JiraWorkflowTransition,
  TransitionType,
  WorkflowSchemeRead,
  WorkflowsResponse,
} from '../jira/workflow-types';
import { AppError } from '../shared/errors';
import type { StatusCategory } from '../workflow';
import { workflowNameFor } from './model';
import { projectIdsOfScheme } from './usage';

export interface ServiceProject {
  id: string;
  key: string;
  name: string;
  /** Team-managed projects keep their workflows and statuses to themselves (PROJECT scope). */
  teamManaged: boolean;
  issueTypes: { id: string; name: string }[];
}

export interface StatusInfo {
  id: string;
  name: string;
  category: StatusCategory;
  description: string;
}

export interface TransitionInfo {
  id: string;
  name: string;
  type: TransitionType;
  toStatusId: string;
  fromStatusIds: string[];
  properties: Record<string, string>;
  /** As Jira sent it, so an update can send back everything the installer does not change. */
  raw: JiraWorkflowTransition;
}

export interface WorkflowInfo {
  id: string;
  name: string;
  version: DocumentVersion;
  isEditable: boolean;
  statusIds: string[];
  transitions: TransitionInfo[];
  raw: JiraWorkflow;
  /** The reference this response used for each status id (references are per response). */
  referenceOf: Map<string, string>;
}

export interface SchemeInfo {
  id: string;
  name: string;
  description: string;
  version: DocumentVersion;
  teamManaged: boolean;
  defaultWorkflowId: string | undefined;
  /** Every explicit issue type → workflow id mapping of the scheme. */
  mappings: Record<string, string>;
  taskId: string | undefined;
}

export interface ProjectSnapshot {
  project: ServiceProject;
  scheme: SchemeInfo;
  /** The workflows the project's issue types use, and ours (by name) when an earlier run made it. */
  workflows: WorkflowInfo[];
  /** Every status those workflows use, by id. */
  statuses: Map<string, StatusInfo>;
  /** The statuses of the scope a new workflow would live in; only read for a preview or an install. */
  statusesInScope: StatusInfo[];
  /** Every project that uses the scheme, this one included. */
  schemeProjectIds: string[];
  /** Other projects sharing the scheme. */
  otherProjectsOnScheme: number;
}

// --- parsing (pure) -------------------------------------------------------------------------------

export function toServiceProject(project: JiraProject): ServiceProject {
  return {
    id: project.id,
    key: project.key,
    name: project.name,
    teamManaged: project.style === 'next-gen' || project.simplified === true,
    issueTypes: (project.issueTypes ?? [])
      .filter((t): t is { id: string; name?: string } => typeof t.id === 'string')
      .map((t) => ({ id: t.id, name: t.name ?? t.id })),
  };
}

export function toSchemeInfo(scheme: WorkflowSchemeRead): SchemeInfo {
  const mappings: Record<string, string> = {};
  for (const entry of scheme.workflowsForIssueTypes)
    for (const issueTypeId of entry.issueTypeIds) mappings[issueTypeId] = entry.workflow.id;
  return {
    id: scheme.id,
    name: scheme.name,
    description: scheme.description ?? '',
    version: scheme.version,
    teamManaged: scheme.scope.type === 'PROJECT',
    defaultWorkflowId: scheme.defaultWorkflow?.id,
    mappings,
    taskId: scheme.taskId ?? undefined,
  };
}

/** The workflow an issue type of the project follows: its mapping, else the scheme's default. */
export function workflowIdFor(scheme: SchemeInfo, issueTypeId: string): string | undefined {
  return scheme.mappings[issueTypeId] ?? scheme.defaultWorkflowId;
}

/**
 * Workflows and statuses out of one response. Workflows name statuses by references that only mean
 * something within the same response, so they are turned into status ids here, once.
 */
export function parseWorkflows(
  response: WorkflowsResponse,
  /** References the caller itself gave existing statuses in the request this answers. */
  knownReferences: ReadonlyMap<string, string> = new Map(),
): {
  workflows: WorkflowInfo[];
  statuses: StatusInfo[];
} {
  const idOf = new Map<string, string>(knownReferences);
  const statuses: StatusInfo[] = [];
  for (const s of response.statuses ?? []) {
    if (s.id === undefined) continue;
    if (s.statusReference !== undefined) idOf.set(s.statusReference, s.id);
    statuses.push({
      id: s.id,
      name: s.name ?? s.id,
      category: s.statusCategory ?? 'TODO',
      description: s.description ?? '',
    });
  }
  const resolve = (reference: string | null | undefined): string | undefined =>
    reference == null ? undefined : (idOf.get(reference) ?? reference);
  const workflows = (response.workflows ?? [])
    .filter((w): w is JiraWorkflow & { id: string } => typeof w.id === 'string')
    .map((w): WorkflowInfo => {
      const statusIds = (w.statuses ?? [])
        .map((s) => resolve(s.statusReference))
        .filter((id): id is string => id !== undefined);
      const referenceOf = new Map<string, string>();
      for (const s of w.statuses ?? []) {
        const id = resolve(s.statusReference);
        if (id !== undefined && s.statusReference !== undefined) referenceOf.set(id, s.statusReference);
      }
      return {
        id: w.id,
        name: w.name ?? w.id,
        version: w.version ?? {},
        isEditable: w.isEditable !== false,
        statusIds,
        transitions: (w.transitions ?? []).map((t) => ({
          id: t.id ?? '',
          name: t.name ?? '',
          type: t.type ?? 'DIRECTED',
          toStatusId: resolve(t.toStatusReference) ?? '',
          fromStatusIds: (t.links ?? [])
            .map((l) => resolve(l.fromStatusReference))
            .filter((id): id is string => id !== undefined),
          properties: t.properties ?? {},
          raw: t,
        })),
        raw: w,
        referenceOf,
      };
    });
  return { workflows, statuses };
}

// --- reading ----------------------------------------------------------------------------------------

/** Every service project the caller can see, company-managed and team-managed. */
export async function listServiceProjects(jira: JiraClient): Promise<ServiceProject[]> {
  const projects: ServiceProject[] = [];
  for (let startAt = 0; ;) {
    const page = await jira.searchServiceProjects(startAt);
    const values = page.values ?? [];
    projects.push(...values.map(toServiceProject));
    startAt += values.length;
    // 100 pages of 50 is far beyond a real site; the bound keeps a misbehaving answer from looping.
    if (page.isLast !== false || values.length === 0 || startAt >= 5000) break;
  }
  return projects;
}

/** The service project with this key; an unknown key or another kind of project is refused. */
export async function findServiceProject(jira: JiraClient, key: string): Promise<ServiceProject> {
  const page = await jira.searchServiceProjects(0, [key]);
  // The search already asks for service projects only; the key must match exactly.
  const project = (page.values ?? []).find((p) => p.key === key);
  if (!project) throw new AppError('INVALID_INPUT', 'admin.error.unknownProject', { project: key });
  return toServiceProject(project);
}

export async function readScheme(jira: JiraClient, project: ServiceProject): Promise<SchemeInfo> {
  const schemes = await jira.readWorkflowSchemes([project.id]);
  const scheme = schemes[0];
  // Every project has a workflow scheme (the default one at least); none means Jira hid it from us.
  if (!scheme) throw new AppError('NOT_ALLOWED', 'admin.error.notAdmin');
  return toSchemeInfo(scheme);
}

/** The workflow ids the project's issue types use, in issue type order, without repeats. */
export function workflowIdsInUse(project: ServiceProject, scheme: SchemeInfo): string[] {
  const ids = project.issueTypes
    .map((t) => workflowIdFor(scheme, t.id))
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

/**
 * The workflows and statuses for several projects in one request: those their issue types use and
 * those named after them (left by an interrupted run).
 */
export async function readProjectWorkflows(
  jira: JiraClient,
  entries: readonly { project: ServiceProject; scheme: SchemeInfo }[],
): Promise<{ workflows: WorkflowInfo[]; statuses: Map<string, StatusInfo> }> {
  const workflowIds = [...new Set(entries.flatMap((e) => workflowIdsInUse(e.project, e.scheme)))];
  const workflowNames = entries.map((e) => workflowNameFor(e.project.key));
  if (workflowIds.length === 0 && workflowNames.length === 0) return { workflows: [], statuses: new Map() };
  const parsed = parseWorkflows(await jira.readWorkflows({ workflowIds, workflowNames }));
  return { workflows: parsed.workflows, statuses: new Map(parsed.statuses.map((s) => [s.id, s])) };
}

/** The statuses of a scope, every page: global ones for company-managed projects. */
export async function readStatusesInScope(jira: JiraClient, project: ServiceProject): Promise<StatusInfo[]> {
  const statuses: StatusInfo[] = [];
  for (let startAt = 0; ;) {
    const page = await jira.searchStatuses(project.teamManaged ? project.id : undefined, startAt);
    const values = page.values ?? [];
    for (const s of values)
      if (s.id !== undefined && s.name !== undefined)
        statuses.push({
          id: s.id,
          name: s.name,
          category: s.statusCategory ?? 'TODO',
          description: s.description ?? '',
        });
    startAt += values.length;
    if (page.isLast !== false || values.length === 0 || startAt >= 10_000) break;
  }
  return statuses;
}

/** Everything a preview, an install or a check of one project needs, read in five or six requests. */
export async function readSnapshot(jira: JiraClient, project: ServiceProject): Promise<ProjectSnapshot> {
  const scheme = await readScheme(jira, project);
  const [{ workflows, statuses }, statusesInScope, schemeProjectIds] = await Promise.all([
    readProjectWorkflows(jira, [{ project, scheme }]),
    readStatusesInScope(jira, project),
    // A team-managed project's scheme is its own by construction.
    scheme.teamManaged ? [project.id] : projectIdsOfScheme(jira, scheme.id),
  ]);
  const others = schemeProjectIds.filter((id) => id !== project.id).length;
  return {
    project,
    scheme,
    workflows,
    statuses,
    statusesInScope,
    schemeProjectIds,
    otherProjectsOnScheme: others,
  };
}
