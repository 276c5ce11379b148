/**
 * How a project's Jira configuration compares with the model: which workflow is ours, what it
 * lacks or does differently, which request types do not use it yet, and whether the ids the portal
 * relies on are recorded. Transitions are recognised by their tag; a transition without one is
 * recognised by name only to report (and repair) the missing tag. Pure.
 */
import type { ProjectWorkflowConfig } from '../shared/project-config';
import {
  STATUSES,
  TRANSITIONS,
  TRANSITION_TAG_PROPERTY,
  findStatusByName,
  normalizeStatusName,
  type StatusKey,
  type TransitionId,
} from '../workflow';
import { modelTransitionForTag, workflowNameFor } from './model';
import {
  workflowIdFor,
  type ProjectSnapshot,
  type SchemeInfo,
  type ServiceProject,
  type StatusInfo,
  type TransitionInfo,
  type WorkflowInfo,
} from './snapshot';
import type { ProjectRef } from './usage';

/** One difference between Jira and the model, in terms a person can be told. */
export type Finding =
  | { kind: 'workflowMissing'; workflow: string }
  | { kind: 'statusMissing'; status: StatusKey }
  | { kind: 'transitionMissing'; transition: TransitionId }
  | { kind: 'tagMissing'; transition: TransitionId; jiraName: string }
  | { kind: 'transitionRenamed'; transition: TransitionId; jiraName: string }
  | { kind: 'transitionTarget'; transition: TransitionId; actual: string }
  | { kind: 'transitionSource'; transition: TransitionId; status: StatusKey }
  | { kind: 'issueTypesElsewhere'; issueTypes: string[] }
  | { kind: 'migrationRunning' }
  | { kind: 'configMissing' }
  | { kind: 'configOutdated' }
  /** Other projects use the workflow the project uses (read only when an install would change it). */
  | { kind: 'workflowShared'; workflow: string; projects: ProjectRef[] };

export type InstallState = 'installed' | 'partial' | 'absent';

export interface WorkflowMatch {
  /** Jira status id of each model status the workflow has. */
  statusIds: Partial<Record<StatusKey, string>>;
  /** The Jira transition standing for each model transition found (by tag, else by name). */
  transitions: Partial<Record<TransitionId, TransitionInfo>>;
  /** Differences in the workflow itself (statuses and transitions). */
  findings: Finding[];
}

export interface Assessment {
  state: InstallState;
  /** Our workflow: the one the project uses that carries our tags or name, else the one named after it. */
  ours: WorkflowInfo | undefined;
  match: WorkflowMatch | undefined;
  /** Issue types whose workflow is not ours yet. */
  issueTypesElsewhere: { id: string; name: string; workflowId: string | undefined }[];
  findings: Finding[];
}

const sameName = (a: string, b: string): boolean => normalizeStatusName(a) === normalizeStatusName(b);

/** Compares one workflow with the model. */
export function matchWorkflow(
  workflow: WorkflowInfo,
  statuses: ReadonlyMap<string, StatusInfo>,
): WorkflowMatch {
  const statusIds: Partial<Record<StatusKey, string>> = {};
  for (const id of workflow.statusIds) {
    const model = findStatusByName(statuses.get(id)?.name ?? '');
    if (model && statusIds[model.key] === undefined) statusIds[model.key] = id;
  }
  const findings: Finding[] = STATUSES.filter((s) => statusIds[s.key] === undefined).map((s) => ({
    kind: 'statusMissing' as const,
    status: s.key,
  }));

  const transitions: Partial<Record<TransitionId, TransitionInfo>> = {};
  const claimed = new Set<TransitionInfo>();
  for (const model of TRANSITIONS) {
    const target = statusIds[model.to];
    let found = workflow.transitions.find((t) => t.properties[TRANSITION_TAG_PROPERTY] === model.id);
    let untagged = false;
    if (!found) {
      // Without its tag, the transition is recognised by what it is: the initial one, or same name and target.
      found = workflow.transitions.find(
        (t) =>
          !claimed.has(t) &&
          modelTransitionForTag(t.properties[TRANSITION_TAG_PROPERTY]) === undefined &&
          (model.from.length === 0
            ? t.type === 'INITIAL'
            : t.type !== 'INITIAL' &&
              sameName(t.name, model.name) &&
              (target === undefined || t.toStatusId === target)),
      );
      untagged = found !== undefined;
    }
    if (!found) {
      findings.push({ kind: 'transitionMissing', transition: model.id });
      continue;
    }
    claimed.add(found);
    transitions[model.id] = found;
    if (untagged) findings.push({ kind: 'tagMissing', transition: model.id, jiraName: found.name });
    if (!sameName(found.name, model.name))
      findings.push({ kind: 'transitionRenamed', transition: model.id, jiraName: found.name });
    if (target !== undefined && found.toStatusId !== target)
      findings.push({
        kind: 'transitionTarget',
        transition: model.id,
        actual: statuses.get(found.toStatusId)?.name ?? found.toStatusId,
      });
    // A global transition leaves every status, so it cannot lack one.
    if (found.type !== 'GLOBAL')
      for (const from of model.from) {
        const id = statusIds[from];
        if (id !== undefined && !found.fromStatusIds.includes(id))
          findings.push({ kind: 'transitionSource', transition: model.id, status: from });
      }
  }
  return { statusIds, transitions, findings };
}

/** A workflow is ours when it carries one of our tags or the name the installer gives it. */
export function isOurs(workflow: WorkflowInfo, projectKey: string): boolean {
  return (
    workflow.name === workflowNameFor(projectKey) ||
    workflow.transitions.some(
      (t) => modelTransitionForTag(t.properties[TRANSITION_TAG_PROPERTY]) !== undefined,
    )
  );
}

/** Ours among the workflows the project uses (the one most issue types use), else the one named after it. */
export function chooseWorkflow(
  project: ServiceProject,
  scheme: SchemeInfo,
  workflows: readonly WorkflowInfo[],
): WorkflowInfo | undefined {
  const usage = new Map<string, number>();
  for (const type of project.issueTypes) {
    const id = workflowIdFor(scheme, type.id);
    if (id !== undefined) usage.set(id, (usage.get(id) ?? 0) + 1);
  }
  const used = workflows
    .filter((w) => usage.has(w.id) && isOurs(w, project.key))
    .sort((a, b) => (usage.get(b.id) ?? 0) - (usage.get(a.id) ?? 0));
  return used[0] ?? workflows.find((w) => w.name === workflowNameFor(project.key));
}

/** What the portal needs, from a workflow that matches the model. */
export function configFrom(match: WorkflowMatch): ProjectWorkflowConfig {
  const transitions: ProjectWorkflowConfig['transitions'] = {};
  for (const [id, t] of Object.entries(match.transitions) as [TransitionId, TransitionInfo | undefined][])
    if (t) transitions[id] = t.id;
  return { statuses: { ...match.statusIds }, transitions };
}

export function sameConfig(a: ProjectWorkflowConfig, b: ProjectWorkflowConfig): boolean {
  const same = (x: Record<string, string | undefined>, y: Record<string, string | undefined>): boolean => {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].every((k) => x[k] === y[k]);
  };
  return same(a.statuses, b.statuses) && same(a.transitions, b.transitions);
}

/** Where the project stands. `config` is what the app recorded for it (null when nothing). */
export function assess(
  snapshot: Pick<ProjectSnapshot, 'project' | 'scheme' | 'workflows' | 'statuses'>,
  config: ProjectWorkflowConfig | null,
): Assessment {
  const { project, scheme } = snapshot;
  const ours = chooseWorkflow(project, scheme, snapshot.workflows);
  const issueTypesElsewhere = project.issueTypes
    .map((t) => ({ ...t, workflowId: workflowIdFor(scheme, t.id) }))
    .filter((t) => ours === undefined || t.workflowId !== ours.id);
  const findings: Finding[] = [];
  if (scheme.taskId !== undefined) findings.push({ kind: 'migrationRunning' });
  if (!ours) {
    findings.push({ kind: 'workflowMissing', workflow: workflowNameFor(project.key) });
    return { state: 'absent', ours, match: undefined, issueTypesElsewhere, findings };
  }
  const match = matchWorkflow(ours, snapshot.statuses);
  findings.push(...match.findings);
  if (issueTypesElsewhere.length > 0)
    findings.push({ kind: 'issueTypesElsewhere', issueTypes: issueTypesElsewhere.map((t) => t.name) });
  // The record only matters once Jira is right: until then the next install rewrites it anyway.
  if (findings.length === 0) {
    if (!config) findings.push({ kind: 'configMissing' });
    else if (!sameConfig(config, configFrom(match))) findings.push({ kind: 'configOutdated' });
  }
  return {
    state: findings.length === 0 ? 'installed' : 'partial',
    ours,
    match,
    issueTypesElsewhere,
    findings,
  };
}
