/**
 * Carries out a plan against Jira, resumably: every run first looks at what Jira already has, so an
 * install that stopped anywhere (a 500, a timeout, a closed page) is finished by the next one, and
 * an install of a project already set up writes nothing.
 *
 * Writes, at most: create the workflow (or update it), then update the scheme. Validation and reads
 * come first; the issue migration the scheme update starts is then followed by polling its task.
 */
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import type { TaskProgress, WorkflowValidationError, WorkflowsResponse } from '../jira/workflow-types';
import { AppError } from '../shared/errors';
import { getProjectConfig, saveProjectConfig, type ProjectWorkflowConfig } from '../shared/project-config';
import { configFrom, matchWorkflow, sameConfig } from './analysis';
import { statusReference } from './model';
import { buildCopyPayload, buildCreatePayload, buildSchemeUpdate, buildUpdatePayload } from './payloads';
import { planInstall, workflowsToCheck, type Blocker, type InstallPlan } from './plan';
import {
  findServiceProject,
  parseWorkflows,
  readSnapshot,
  type ProjectSnapshot,
  type StatusInfo,
  type WorkflowInfo,
} from './snapshot';
import { projectsUsingWorkflow } from './usage';

export type InstallOutcome =
  | { state: 'installed'; plan: InstallPlan; config: ProjectWorkflowConfig }
  | { state: 'migrating'; plan: InstallPlan; taskId: string; progress: number }
  | { state: 'blocked'; plan: InstallPlan; blockers: Blocker[] };

export type ProgressOutcome =
  | { state: 'migrating'; taskId: string; progress: number }
  | { state: 'failed'; taskId: string }
  | InstallOutcome;

/**
 * Reads the project and decides, without writing. Before planning to change an existing workflow,
 * it reads every project that uses it; the usual paths (create, nothing to change) need no such read.
 */
export async function prepare(
  jira: JiraClient,
  projectKey: string,
): Promise<{ snapshot: ProjectSnapshot; plan: InstallPlan }> {
  const project = await findServiceProject(jira, projectKey);
  const [snapshot, config] = await Promise.all([readSnapshot(jira, project), getProjectConfig(project.key)]);
  // What the snapshot already holds (this project, its scheme's projects) is not read again.
  const known = {
    schemes: new Map([[snapshot.scheme.id, snapshot.schemeProjectIds]]),
    projects: [{ id: project.id, key: project.key, name: project.name }],
  };
  const usage = new Map(
    await Promise.all(
      workflowsToCheck(snapshot, config).map(
        async (id) => [id, await projectsUsingWorkflow(jira, id, known)] as const,
      ),
    ),
  );
  return { snapshot, plan: planInstall(snapshot, config, usage) };
}

/** The preview: the plan, with how many requests each status mapping moves. */
export async function preview(jira: JiraClient, projectKey: string): Promise<InstallPlan> {
  const { plan } = await prepare(jira, projectKey);
  if (plan.scheme.action === 'none' || plan.mappings.length === 0) return plan;
  // Statuses go by id, so nothing needs quoting in the JQL. One count for them all first: a project
  // whose requests are all in statuses that stay needs no count per status.
  const project = `project = ${plan.project.id}`;
  const total = await jira.countIssues(
    `${project} AND status in (${plan.mappings.map((m) => m.fromStatusId).join(', ')})`,
  );
  const counts =
    total === 0
      ? plan.mappings.map(() => 0)
      : await Promise.all(
          plan.mappings.map((m) => jira.countIssues(`${project} AND status = ${m.fromStatusId}`)),
        );
  return { ...plan, mappings: plan.mappings.map((m, i) => ({ ...m, requests: counts[i] ?? null })) };
}

/** The check: where the project stands and every difference from the model. Reads only. */
export async function check(jira: JiraClient, projectKey: string): Promise<InstallPlan> {
  return (await prepare(jira, projectKey)).plan;
}

function refuseInvalid(errors: readonly WorkflowValidationError[]): void {
  const blocking = errors.filter((e) => e.level !== 'WARNING');
  if (blocking.length > 0)
    throw new AppError('NOT_AVAILABLE', 'admin.error.rejected', {
      details: blocking.map((e) => e.message ?? e.code ?? '?').join(' ; '),
    });
}

interface Written {
  workflow: WorkflowInfo;
  /** Every status the workflow uses, by id, with its name. */
  statuses: Map<string, StatusInfo>;
}

/**
 * The workflow a create or update answer describes. The answer lists the statuses it created; the
 * existing ones the request named are resolved through the references the request gave them.
 */
function writtenFrom(
  response: WorkflowsResponse,
  name: string,
  requestReferences: ReadonlyMap<string, string>,
  known: ReadonlyMap<string, StatusInfo>,
): Written {
  const parsed = parseWorkflows(response, requestReferences);
  const workflow = parsed.workflows.find((w) => w.name === name) ?? parsed.workflows[0];
  if (!workflow)
    throw new JiraError('server', 200, 'POST', '/rest/api/3/workflows', ['no workflow in the answer']);
  const statuses = new Map(known);
  for (const s of parsed.statuses) statuses.set(s.id, s);
  return { workflow, statuses };
}

/** Writes the workflow part of the plan (one request, or none); returns our workflow as Jira has it. */
async function writeWorkflow(
  jira: JiraClient,
  plan: InstallPlan,
  snapshot: ProjectSnapshot,
): Promise<Written> {
  const known = new Map(snapshot.statuses);
  for (const s of snapshot.statusesInScope) known.set(s.id, s);
  // References this app gave existing statuses in its payload (the model's, for reused statuses).
  const references = new Map(
    plan.statuses.flatMap((s) => (s.existing ? [[statusReference(s.key), s.existing.id] as const] : [])),
  );

  if (plan.workflow.action === 'create') {
    const payload = buildCreatePayload(plan);
    refuseInvalid(await jira.validateCreateWorkflows(payload));
    return writtenFrom(await jira.createWorkflows(payload), plan.workflow.name, references, known);
  }
  if (plan.workflow.action === 'copy') {
    // A new workflow for this project only; the shared one it copies is not written to.
    const source = snapshot.workflows.find((w) => w.id === plan.workflow.copyOf?.id);
    if (!source)
      throw new Error(`The plan copies workflow ${plan.workflow.copyOf?.id ?? '?'}, which was not read`);
    const payload = buildCopyPayload(
      plan,
      source,
      matchWorkflow(source, snapshot.statuses),
      snapshot.statuses,
    );
    for (const [id, reference] of source.referenceOf) references.set(reference, id);
    refuseInvalid(await jira.validateCreateWorkflows(payload));
    return writtenFrom(await jira.createWorkflows(payload), plan.workflow.name, references, known);
  }
  const ours = snapshot.workflows.find((w) => w.id === plan.workflow.id);
  if (!ours) throw new Error(`The plan keeps workflow ${plan.workflow.id ?? '?'}, which was not read`);
  if (plan.workflow.action === 'none') return { workflow: ours, statuses: known };

  const payload = buildUpdatePayload(plan, ours, matchWorkflow(ours, snapshot.statuses), snapshot.statuses);
  for (const [id, reference] of ours.referenceOf) references.set(reference, id);
  refuseInvalid(await jira.validateUpdateWorkflows(payload));
  return writtenFrom(await jira.updateWorkflows(payload), ours.name, references, known);
}

const asProgress = (task: TaskProgress): number => Math.max(0, Math.min(100, Math.round(task.progress ?? 0)));

/** Saves the ids the portal needs, unless the app already holds exactly these. */
async function recordConfig(projectKey: string, config: ProjectWorkflowConfig): Promise<void> {
  const stored = await getProjectConfig(projectKey);
  if (!stored || !sameConfig(stored, config)) await saveProjectConfig(projectKey, config);
}

/**
 * Installs the workflow on the project, or finishes an earlier install. Returns once Jira is set up
 * and the ids are recorded, or as soon as the issue migration runs (the page then follows it with
 * `followMigration`, which comes back here when it is done).
 */
export async function install(jira: JiraClient, projectKey: string): Promise<InstallOutcome> {
  const { snapshot, plan } = await prepare(jira, projectKey);
  // A migration under way (perhaps started by an earlier run): follow it rather than start another.
  if (snapshot.scheme.taskId !== undefined)
    return { state: 'migrating', plan, taskId: snapshot.scheme.taskId, progress: 0 };
  if (plan.blockers.length > 0) return { state: 'blocked', plan, blockers: plan.blockers };

  const written = await writeWorkflow(jira, plan, snapshot);
  const match = matchWorkflow(written.workflow, written.statuses);
  if (plan.scheme.action === 'update') {
    const update = buildSchemeUpdate(plan, snapshot, written.workflow.id, (key) => match.statusIds[key]);
    const task = await jira.updateWorkflowScheme(update);
    // The ids are recorded only once the requests use the workflow, so the portal never acts on
    // transitions the requests do not have yet.
    if (task && task.status !== 'COMPLETE')
      return { state: 'migrating', plan, taskId: task.id, progress: asProgress(task) };
  }
  const config = configFrom(match);
  await recordConfig(plan.project.key, config);
  return { state: 'installed', plan, config };
}

/**
 * Follows the migration a scheme update started. When it is complete the install runs again: it
 * finds Jira set up, writes nothing and records the ids.
 */
export async function followMigration(
  jira: JiraClient,
  projectKey: string,
  taskId: string,
): Promise<ProgressOutcome> {
  let task: TaskProgress;
  try {
    task = await jira.getTask(taskId);
  } catch (error) {
    // Jira keeps finished tasks for a while only; without it, the install looks at Jira itself.
    if (error instanceof JiraError && error.kind === 'not-found') return install(jira, projectKey);
    throw error;
  }
  if (task.status === 'ENQUEUED' || task.status === 'RUNNING' || task.status === 'CANCEL_REQUESTED')
    return { state: 'migrating', taskId, progress: asProgress(task) };
  if (task.status !== 'COMPLETE') return { state: 'failed', taskId };
  return install(jira, projectKey);
}
