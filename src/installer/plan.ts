/**
 * The installer's plan for one project, decided before anything changes. Pure: the preview shows
 * the plan, the install carries it out with the payloads of payloads.ts.
 *
 * A workflow another project uses is never changed: when ours needs completing and other projects
 * use it too, the plan gives this project a copy of it instead (named after the project, put in
 * the project's scheme), or, when that name is the shared workflow's own, says what to do first.
 */
import type { ProjectWorkflowConfig } from '../shared/project-config';
import { STATUSES, getStatus, normalizeStatusName, type StatusKey } from '../workflow';
import { assess, matchWorkflow, type Finding, type InstallState, type WorkflowMatch } from './analysis';
import { targetStatusFor, workflowNameFor } from './model';
import { workflowIdFor, type ProjectSnapshot, type StatusInfo, type WorkflowInfo } from './snapshot';
import type { ProjectRef } from './usage';

/** What stops an install before it writes anything. (A migration under way does not: Install follows it.) */
export type Blocker =
  | { kind: 'schemeShared'; scheme: string; otherProjects: number }
  | { kind: 'workflowNotEditable'; workflow: string }
  /** The workflow to complete is used by other projects and no copy can take its name. */
  | { kind: 'workflowShared'; workflow: string; projects: ProjectRef[] };

/** Every project that uses each workflow, by workflow id (see usage.ts), for the ones a plan may change. */
export type WorkflowUsage = ReadonlyMap<string, readonly ProjectRef[]>;

export interface StatusStep {
  key: StatusKey;
  /** present: already in our workflow; reuse: an existing status of that name joins it; create: a new one. */
  action: 'present' | 'reuse' | 'create';
  /** The Jira status used (present or reuse). */
  existing?: StatusInfo;
  /** The existing status's category differs from the model's; it is kept as it is. */
  categoryDiffers: boolean;
}

export interface MappingStep {
  fromStatusId: string;
  fromStatusName: string;
  to: StatusKey;
  /** Requests in that status; null until counted (the preview counts them). */
  requests: number | null;
}

export interface InstallPlan {
  project: { id: string; key: string; name: string; teamManaged: boolean };
  state: InstallState;
  findings: Finding[];
  blockers: Blocker[];
  statuses: StatusStep[];
  workflow: {
    /** copy: a new workflow for this project, from the shared one it uses, completed. */
    action: 'create' | 'copy' | 'update' | 'none';
    /** The workflow the project uses once installed. */
    name: string;
    /** Its id, when it exists already (update, none). */
    id?: string;
    /** For a copy: the workflow copied, which stays as it is. */
    copyOf?: { id: string; name: string };
    /** For an update or a copy: what it puts right. */
    repairs: Finding[];
    /** Other projects that use the workflow the project uses now, when it needed completing. */
    sharedWith: ProjectRef[];
  };
  scheme: {
    action: 'update' | 'none';
    id: string;
    name: string;
    /** Issue types that move to our workflow. */
    issueTypes: string[];
  };
  mappings: MappingStep[];
  /** The app's record of ids must be (re)written once Jira is right. */
  saveConfig: boolean;
  /** Nothing to change in Jira. */
  upToDate: boolean;
}

const WORKFLOW_FINDINGS: ReadonlySet<Finding['kind']> = new Set([
  'statusMissing',
  'transitionMissing',
  'tagMissing',
  'transitionRenamed',
  'transitionTarget',
  'transitionSource',
]);

const repairsOf = (match: WorkflowMatch | undefined): Finding[] =>
  (match?.findings ?? []).filter((f) => WORKFLOW_FINDINGS.has(f.kind));

function findInScope(statuses: readonly StatusInfo[], key: StatusKey): StatusInfo | undefined {
  const name = normalizeStatusName(getStatus(key).name);
  return statuses.find((s) => normalizeStatusName(s.name) === name);
}

const ownWorkflow = (snapshot: Pick<ProjectSnapshot, 'project' | 'workflows'>): WorkflowInfo | undefined =>
  snapshot.workflows.find((w) => w.name === workflowNameFor(snapshot.project.key));

/**
 * The workflows an install of this project could change, whose users must be read (usage.ts)
 * before planning: ours when it needs completing, and the one named after the project, which a
 * copy would be (an earlier run may have made it). Empty on the usual paths.
 */
export function workflowsToCheck(snapshot: ProjectSnapshot, config: ProjectWorkflowConfig | null): string[] {
  const a = assess(snapshot, config);
  if (!a.ours || repairsOf(a.match).length === 0) return [];
  const own = ownWorkflow(snapshot);
  return own && own.id !== a.ours.id ? [a.ours.id, own.id] : [a.ours.id];
}

export function planInstall(
  snapshot: ProjectSnapshot,
  config: ProjectWorkflowConfig | null,
  usage: WorkflowUsage = new Map(),
): InstallPlan {
  const a = assess(snapshot, config);
  const { project, scheme } = snapshot;
  /** The other projects using a workflow; an update is never planned without knowing them. */
  const othersUsing = (w: WorkflowInfo): ProjectRef[] => {
    const users = usage.get(w.id);
    if (!users) throw new Error(`The projects using the workflow ${w.name} were not read`);
    return users.filter((p) => p.id !== project.id);
  };

  // The workflow the project will use is built from `base`: ours, or the project's own copy.
  let base = a.ours;
  let match = a.match;
  let repairs = repairsOf(match);
  let action: InstallPlan['workflow']['action'] = !base ? 'create' : repairs.length > 0 ? 'update' : 'none';
  let copyOf: InstallPlan['workflow']['copyOf'];
  let sharedWith: ProjectRef[] = [];
  const blockers: Blocker[] = [];
  if (base && action === 'update') {
    sharedWith = othersUsing(base);
    const own = ownWorkflow(snapshot);
    if (sharedWith.length > 0 && own?.id === base.id)
      // The shared workflow bears this project's name: no copy can, and it must not change.
      blockers.push({ kind: 'workflowShared', workflow: base.name, projects: sharedWith });
    else if (sharedWith.length > 0 && own) {
      // A copy an earlier run made (or the admin did): the project moves to it.
      base = own;
      match = matchWorkflow(own, snapshot.statuses);
      repairs = repairsOf(match);
      action = repairs.length > 0 ? 'update' : 'none';
      const ownUsers = action === 'update' ? othersUsing(own) : [];
      if (ownUsers.length > 0)
        blockers.push({ kind: 'workflowShared', workflow: own.name, projects: ownUsers });
    } else if (sharedWith.length > 0) {
      action = 'copy';
      copyOf = { id: base.id, name: base.name };
    }
  }
  const targetId = action === 'create' || action === 'copy' ? undefined : base?.id;

  const statuses: StatusStep[] = STATUSES.map((model) => {
    const presentId = match?.statusIds[model.key];
    const present = presentId === undefined ? undefined : snapshot.statuses.get(presentId);
    if (present) return { key: model.key, action: 'present', existing: present, categoryDiffers: false };
    const existing = findInScope(snapshot.statusesInScope, model.key);
    return existing
      ? { key: model.key, action: 'reuse', existing, categoryDiffers: existing.category !== model.category }
      : { key: model.key, action: 'create', categoryDiffers: false };
  });

  // Status ids the workflow will have (every status of the one it is built from, and the model's):
  // requests in any other status of the old workflows must move.
  const kept = new Set([
    ...statuses.flatMap((s) => (s.existing ? [s.existing.id] : [])),
    ...(action === 'create' ? [] : (base?.statusIds ?? [])),
  ]);
  const moving = project.issueTypes
    .map((t) => ({ ...t, workflowId: workflowIdFor(scheme, t.id) }))
    .filter((t) => targetId === undefined || t.workflowId !== targetId);
  const oldWorkflows = [...new Set(moving.map((t) => t.workflowId))]
    .map((id) => snapshot.workflows.find((w) => w.id === id))
    .filter((w): w is WorkflowInfo => w !== undefined);
  const mappings: MappingStep[] = [];
  for (const w of oldWorkflows)
    for (const id of w.statusIds) {
      if (kept.has(id) || mappings.some((m) => m.fromStatusId === id)) continue;
      const status = snapshot.statuses.get(id) ?? {
        id,
        name: id,
        category: 'TODO' as const,
        description: '',
      };
      mappings.push({
        fromStatusId: id,
        fromStatusName: status.name,
        to: targetStatusFor(status),
        requests: null,
      });
    }

  const schemeAction = moving.length > 0 ? 'update' : 'none';
  if (schemeAction === 'update' && snapshot.otherProjectsOnScheme > 0)
    blockers.push({
      kind: 'schemeShared',
      scheme: scheme.name,
      otherProjects: snapshot.otherProjectsOnScheme,
    });
  if (action === 'update' && base && !base.isEditable)
    blockers.push({ kind: 'workflowNotEditable', workflow: base.name });

  const findings: Finding[] = [...a.findings];
  if (a.ours && sharedWith.length > 0)
    findings.unshift({ kind: 'workflowShared', workflow: a.ours.name, projects: sharedWith });
  const upToDate = action === 'none' && schemeAction === 'none';
  return {
    project: { id: project.id, key: project.key, name: project.name, teamManaged: project.teamManaged },
    state: a.state,
    findings,
    blockers,
    statuses,
    workflow: {
      action,
      name: action === 'create' || action === 'copy' ? workflowNameFor(project.key) : (base?.name ?? ''),
      ...(targetId !== undefined ? { id: targetId } : {}),
      ...(copyOf ? { copyOf } : {}),
      repairs,
      sharedWith,
    },
    scheme: {
      action: schemeAction,
      id: scheme.id,
      name: scheme.name,
      issueTypes: moving.map((t) => t.name),
    },
    mappings,
    saveConfig:
      a.findings.some((f) => f.kind === 'configMissing' || f.kind === 'configOutdated') || !upToDate,
    upToDate,
  };
}
