/**
 * The exact Jira payloads that carry out an install plan: the workflow to create (from the model, or
 * as a copy of the workflow the project uses), the update of the project's own workflow, and the
 * scheme change. Pure.
 *
 * Safe by construction: the payloads only add statuses and transitions, tag them, and put right
 * the model transitions someone edited; nothing is removed. Existing statuses are sent back with
 * their own name, category and description, so reusing one never changes it.
 */
import type {
  StatusLayoutUpdate,
  TransitionUpdate,
  WorkflowCreatePayload,
  WorkflowSchemeUpdate,
  WorkflowStatusUpdate,
  WorkflowUpdatePayload,
} from '../jira/workflow-types';
import {
  STATUSES,
  TRANSITIONS,
  TRANSITION_TAG_PROPERTY,
  getStatus,
  type StatusKey,
  type WorkflowTransition,
} from '../workflow';
import type { WorkflowMatch } from './analysis';
import { WORKFLOW_DESCRIPTION, layoutFor, modelTransitionId, statusReference } from './model';
import type { InstallPlan, StatusStep } from './plan';
import { workflowIdFor, type ProjectSnapshot, type StatusInfo, type WorkflowInfo } from './snapshot';

/** A status of the payload: an existing one exactly as it is (so Jira leaves it alone), or a new one. */
function statusUpdate(step: StatusStep, reference: string): WorkflowStatusUpdate {
  const model = getStatus(step.key);
  if (step.existing)
    return {
      id: step.existing.id,
      name: step.existing.name,
      statusCategory: step.existing.category,
      description: step.existing.description,
      statusReference: reference,
    };
  return { name: model.name, statusCategory: model.category, description: '', statusReference: reference };
}

function modelTransition(
  t: WorkflowTransition,
  id: string,
  refOf: (key: StatusKey) => string,
): TransitionUpdate {
  return {
    id,
    type: t.from.length === 0 ? 'INITIAL' : 'DIRECTED',
    name: t.name,
    description: '',
    toStatusReference: refOf(t.to),
    links: t.from.map((from) => ({ fromStatusReference: refOf(from) })),
    // The tag is how the app finds the transition later, whatever someone renames it to.
    properties: { [TRANSITION_TAG_PROPERTY]: t.id },
    actions: [],
    validators: [],
    triggers: [],
  };
}

export function buildCreatePayload(plan: InstallPlan): WorkflowCreatePayload {
  return {
    scope: plan.project.teamManaged
      ? { type: 'PROJECT', project: { id: plan.project.id } }
      : { type: 'GLOBAL' },
    statuses: plan.statuses.map((step) => statusUpdate(step, statusReference(step.key))),
    workflows: [
      {
        name: plan.workflow.name,
        description: WORKFLOW_DESCRIPTION,
        startPointLayout: { x: -160, y: 0 },
        statuses: STATUSES.map((s) => ({
          statusReference: statusReference(s.key),
          properties: {},
          layout: layoutFor(s.key),
        })),
        transitions: TRANSITIONS.map((t) => modelTransition(t, modelTransitionId(t.id), statusReference)),
      },
    ],
  };
}

/** A status of the workflow as read, in the form an update sends back. */
function layoutUpdate(status: NonNullable<WorkflowInfo['raw']['statuses']>[number]): StatusLayoutUpdate {
  const layout = status.layout;
  return {
    statusReference: status.statusReference ?? '',
    properties: status.properties ?? {},
    ...(layout && typeof layout.x === 'number' && typeof layout.y === 'number'
      ? { layout: { x: layout.x, y: layout.y } }
      : {}),
    ...(status.approvalConfiguration ? { approvalConfiguration: status.approvalConfiguration } : {}),
  };
}

/** A transition as read, in the form an update sends back: every rule and screen kept as it is. */
function transitionUpdate(t: WorkflowInfo['transitions'][number]): TransitionUpdate {
  const raw = t.raw;
  return {
    id: t.id,
    type: t.type,
    name: t.name,
    description: raw.description ?? '',
    toStatusReference: raw.toStatusReference ?? '',
    links: (raw.links ?? []).map((l) => ({ ...l })),
    properties: { ...t.properties },
    actions: raw.actions ?? [],
    validators: raw.validators ?? [],
    triggers: raw.triggers ?? [],
    ...(raw.conditions?.operation
      ? { conditions: { ...raw.conditions, operation: raw.conditions.operation } }
      : {}),
    ...(raw.transitionScreen ? { transitionScreen: raw.transitionScreen } : {}),
    ...(raw.customIssueEventId ? { customIssueEventId: raw.customIssueEventId } : {}),
  };
}

/** The next id after the workflow's highest, in Jira's 1, 11, 21… numbering. */
function nextTransitionIds(workflow: WorkflowInfo): () => string {
  let highest = Math.max(1, ...workflow.transitions.map((t) => Number(t.id) || 0));
  return () => {
    highest = (Math.floor(highest / 10) + 1) * 10 + 1;
    return String(highest);
  };
}

/**
 * Our workflow as it is, plus what it lacks: missing statuses and transitions added, tags put
 * back, names, targets and sources of model transitions restored. Everything else (other
 * statuses, other transitions, rules, screens, layout) is sent back unchanged.
 */
export function buildUpdatePayload(
  plan: InstallPlan,
  workflow: WorkflowInfo,
  match: WorkflowMatch,
  /** Every status the workflow uses, as Jira described them. */
  statuses: ReadonlyMap<string, StatusInfo>,
): WorkflowUpdatePayload {
  const rawStatuses = workflow.raw.statuses ?? [];
  const refOf = (key: StatusKey): string => {
    const id = match.statusIds[key];
    return id === undefined ? statusReference(key) : (workflow.referenceOf.get(id) ?? id);
  };
  // Every status goes back exactly as Jira described it, so the update renames nothing. One Jira did
  // not describe is left out rather than guessed: the validation then refuses, and nothing changes.
  const existingStatuses: WorkflowStatusUpdate[] = workflow.statusIds.flatMap((id) => {
    const status = statuses.get(id);
    if (!status) return [];
    return [
      {
        id,
        name: status.name,
        statusCategory: status.category,
        description: status.description,
        statusReference: workflow.referenceOf.get(id) ?? id,
      },
    ];
  });
  const added = plan.statuses.filter((s) => match.statusIds[s.key] === undefined);

  const repaired = new Map(
    TRANSITIONS.flatMap((model) => {
      const found = match.transitions[model.id];
      return found ? [[found.id, model] as const] : [];
    }),
  );
  const transitions = workflow.transitions.map((t) => {
    const update = transitionUpdate(t);
    const model = repaired.get(t.id);
    if (!model) return update;
    const links = [...(update.links ?? [])];
    if (t.type !== 'GLOBAL' && model.from.length > 0)
      for (const from of model.from) {
        const reference = refOf(from);
        if (!links.some((l) => l.fromStatusReference === reference))
          links.push({ fromStatusReference: reference });
      }
    return {
      ...update,
      name: model.name,
      toStatusReference: refOf(model.to),
      links,
      properties: { ...update.properties, [TRANSITION_TAG_PROPERTY]: model.id },
    };
  });
  const nextId = nextTransitionIds(workflow);
  for (const model of TRANSITIONS)
    if (!match.transitions[model.id] && model.from.length > 0)
      transitions.push(modelTransition(model, nextId(), refOf));

  const startPoint = workflow.raw.startPointLayout;
  return {
    statuses: [...existingStatuses, ...added.map((s) => statusUpdate(s, statusReference(s.key)))],
    workflows: [
      {
        id: workflow.id,
        version: workflow.version,
        ...(startPoint && typeof startPoint.x === 'number' && typeof startPoint.y === 'number'
          ? { startPointLayout: { x: startPoint.x, y: startPoint.y } }
          : {}),
        statuses: [
          ...rawStatuses.map(layoutUpdate),
          ...added.map((s) => ({
            statusReference: statusReference(s.key),
            properties: {},
            layout: layoutFor(s.key),
          })),
        ],
        transitions,
      },
    ],
  };
}

/**
 * Points every issue type of the project at our workflow, with a mapping for each status of the old
 * workflows that ours lacks. Mappings for other issue types of the scheme are left as they are.
 */
export function buildSchemeUpdate(
  plan: InstallPlan,
  snapshot: ProjectSnapshot,
  workflowId: string,
  statusIdOf: (key: StatusKey) => string | undefined,
): WorkflowSchemeUpdate {
  const { scheme, project } = snapshot;
  const oldWorkflowIds = [
    ...new Set(
      project.issueTypes
        .map((t) => workflowIdFor(scheme, t.id))
        .filter((id): id is string => id !== undefined && id !== workflowId),
    ),
  ];
  const mapped = new Map<string, string[]>();
  for (const [issueTypeId, id] of Object.entries(scheme.mappings))
    if (!project.issueTypes.some((t) => t.id === issueTypeId))
      mapped.set(id, [...(mapped.get(id) ?? []), issueTypeId]);
  mapped.set(workflowId, [...(mapped.get(workflowId) ?? []), ...project.issueTypes.map((t) => t.id)]);

  const statusMappingsByWorkflows = oldWorkflowIds.flatMap((oldWorkflowId) => {
    const old = snapshot.workflows.find((w) => w.id === oldWorkflowId);
    const statusMappings = (old?.statusIds ?? []).flatMap((oldStatusId) => {
      const step = plan.mappings.find((m) => m.fromStatusId === oldStatusId);
      const newStatusId = step ? statusIdOf(step.to) : undefined;
      return newStatusId === undefined ? [] : [{ oldStatusId, newStatusId }];
    });
    return statusMappings.length > 0 ? [{ oldWorkflowId, newWorkflowId: workflowId, statusMappings }] : [];
  });

  return {
    id: scheme.id,
    name: scheme.name,
    description: scheme.description,
    version: scheme.version,
    // A global scheme without `defaultWorkflowId` falls back to Jira's own workflow: keep ours.
    ...(scheme.teamManaged ? {} : { defaultWorkflowId: workflowId }),
    workflowsForIssueTypes: [...mapped].map(([id, issueTypeIds]) => ({ workflowId: id, issueTypeIds })),
    ...(statusMappingsByWorkflows.length > 0 ? { statusMappingsByWorkflows } : {}),
  };
}

/**
 * This project's own copy of the shared workflow it uses, completed as an update would complete it:
 * the same statuses, transitions (with their ids), rules, screens and layout, plus what the guide
 * needs. The shared workflow itself is not sent anywhere, so it stays exactly as it is.
 */
export function buildCopyPayload(
  plan: InstallPlan,
  source: WorkflowInfo,
  match: WorkflowMatch,
  statuses: ReadonlyMap<string, StatusInfo>,
): WorkflowCreatePayload {
  const update = buildUpdatePayload(plan, source, match, statuses);
  const copied = update.workflows.map(({ startPointLayout, statuses: layouts, transitions }) => ({
    name: plan.workflow.name,
    description: WORKFLOW_DESCRIPTION,
    ...(startPointLayout ? { startPointLayout } : {}),
    statuses: layouts,
    transitions,
  }));
  return {
    scope: plan.project.teamManaged
      ? { type: 'PROJECT', project: { id: plan.project.id } }
      : { type: 'GLOBAL' },
    statuses: update.statuses,
    workflows: copied,
  };
}
