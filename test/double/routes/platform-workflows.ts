/**
 * Platform: projects search, statuses search, the current workflow APIs (bulk read, create, update,
 * with their validation), workflow schemes (bulk read, project usages, update with an asynchronous
 * issue migration) and tasks. The model follows the operation descriptions in the spec; where the
 * spec is silent the choices are written down here, next to the code that makes them.
 */
import { randomUUID } from 'node:crypto';
import {
  findProject,
  findUser,
  nextId,
  statusById,
  workflowOf,
  type DoubleIssue,
  type DoubleProject,
  type DoubleState,
  type DoubleStatus,
  type DoubleTask,
  type DoubleTransition,
  type DoubleUser,
  type DoubleWorkflow,
  type DoubleWorkflowScheme,
  type StatusCategoryKey,
  type StatusScope,
  moveToStatus,
} from '../state';
import { canBrowse, hasGlobalPermission } from './access';
import {
  JiraHttpError,
  bodyObject,
  pageBean,
  paginate,
  pathParam,
  queryInt,
  queryList,
  queryString,
  type Handler,
  type HandlerContext,
} from './context';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const stringMap = (v: unknown): Record<string, string> =>
  isRecord(v)
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};

/**
 * The new workflow APIs answer 401 both for a missing login and for missing permissions (their
 * declared responses say so); the double does the same for callers without Administer Jira.
 */
function requireAdmin(ctx: HandlerContext): void {
  if (!hasGlobalPermission(ctx.state, ctx.caller.user, 'ADMINISTER'))
    throw new JiraHttpError(401, [
      'You are not authorized to perform this action. Administrator privileges are required.',
    ]);
}

// --- representations ---------------------------------------------------------------------------

const scopeOf = (scope: StatusScope | undefined): Record<string, unknown> =>
  scope?.type === 'PROJECT' ? { type: 'PROJECT', project: { id: scope.projectId } } : { type: 'GLOBAL' };

const sameScope = (a: StatusScope | undefined, b: StatusScope | undefined): boolean =>
  (a?.type ?? 'GLOBAL') === (b?.type ?? 'GLOBAL') &&
  (a?.type !== 'PROJECT' || (b?.type === 'PROJECT' && a.projectId === b.projectId));

/**
 * The reference a read response uses for an existing status. Deliberately not the status id, so a
 * client that confuses the two fails here rather than on a real site.
 */
export const statusReferenceOf = (statusId: string): string =>
  `5e1c0000-0000-4000-8000-${statusId.padStart(12, '0').slice(-12)}`;

const versionOf = (entityId: string, versionNumber: number): Record<string, unknown> => ({
  id: `${entityId
    .replace(/[^0-9a-f]/gi, '')
    .padStart(8, '0')
    .slice(-8)}-0000-4000-8000-${String(versionNumber).padStart(12, '0')}`,
  versionNumber,
});

function jiraWorkflowStatus(status: DoubleStatus, reference: string): Record<string, unknown> {
  return {
    id: status.id,
    name: status.name,
    description: status.description,
    statusCategory: status.statusCategory,
    statusReference: reference,
    scope: scopeOf(status.scope),
  };
}

/** Statuses sit in a grid in the editor; the double makes one up, as Jira does for API-made workflows. */
const layoutAt = (index: number): { x: number; y: number } => ({
  x: (index % 4) * 220,
  y: Math.floor(index / 4) * 140,
});

function jiraWorkflow(
  workflow: DoubleWorkflow,
  refOf: (statusId: string) => string,
): Record<string, unknown> {
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    scope: scopeOf(workflow.scope),
    version: versionOf(workflow.id, workflow.versionNumber ?? 1),
    isEditable: true,
    startPointLayout: { x: -120, y: 0 },
    statuses: workflow.statuses.map((id, index) => ({
      statusReference: refOf(id),
      properties: {},
      layout: layoutAt(index),
      deprecated: false,
    })),
    transitions: workflow.transitions.map((t) => ({
      id: t.id,
      name: t.name,
      description: '',
      type: t.from.length === 0 ? 'INITIAL' : 'DIRECTED',
      toStatusReference: refOf(t.to),
      links: t.from.map((from) => ({ fromStatusReference: refOf(from), fromPort: 0, toPort: 1 })),
      properties: { ...t.properties },
      actions: [],
      validators: [],
      triggers: [],
    })),
  };
}

function jiraStatus(status: DoubleStatus): Record<string, unknown> {
  return {
    id: status.id,
    name: status.name,
    description: status.description,
    statusCategory: status.statusCategory,
    scope: scopeOf(status.scope),
  };
}

function issueTypeDetails(ctx: HandlerContext, id: string): Record<string, unknown> {
  const type = ctx.state.issueTypes.find((t) => t.id === id);
  return {
    self: `${ctx.baseUrl}/rest/api/3/issuetype/${id}`,
    id,
    name: type?.name ?? id,
    description: type?.description ?? '',
    iconUrl: `${ctx.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10300`,
    subtask: type?.subtask ?? false,
    hierarchyLevel: type?.hierarchyLevel ?? 0,
  };
}

function projectRepresentation(
  ctx: HandlerContext,
  project: DoubleProject,
  expand: string[],
): Record<string, unknown> {
  const avatar = `${ctx.baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${project.id}`;
  return {
    self: `${ctx.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: project.style === 'next-gen',
    style: project.style,
    isPrivate: false,
    properties: {},
    avatarUrls: {
      '48x48': avatar,
      '24x24': `${avatar}?size=small`,
      '16x16': `${avatar}?size=xsmall`,
      '32x32': `${avatar}?size=medium`,
    },
    ...(expand.includes('issueTypes')
      ? { issueTypes: project.issueTypeIds.map((id) => issueTypeDetails(ctx, id)) }
      : {}),
  };
}

// --- GET /project/search --------------------------------------------------------------------------

/**
 * Administrators and the app see every project; agents see theirs. Customers browse requests
 * through the portal, not projects, so the double lists none for them.
 */
function mayBrowseProject(state: DoubleState, user: DoubleUser, project: DoubleProject): boolean {
  return hasGlobalPermission(state, user, 'ADMINISTER') || project.agents.includes(user.accountId);
}

export const searchProjects: Handler = (ctx) => {
  const user = ctx.caller.user;
  const types = queryList(ctx, 'typeKey');
  const keys = queryList(ctx, 'keys')?.map((k) => k.toUpperCase());
  const ids = queryList(ctx, 'id');
  const text = queryString(ctx, 'query')?.toLowerCase();
  const all = ctx.state.projects
    .filter((p) => mayBrowseProject(ctx.state, user, p))
    .filter((p) => !types || types.includes(p.projectTypeKey))
    .filter((p) => !keys || keys.includes(p.key.toUpperCase()))
    .filter((p) => !ids || ids.includes(p.id))
    .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
    .sort((a, b) => a.key.localeCompare(b.key));
  const maxResults = Math.min(100, Math.max(1, queryInt(ctx, 'maxResults', 50)));
  const page = paginate(all, queryInt(ctx, 'startAt', 0), maxResults);
  const expand = queryList(ctx, 'expand') ?? [];
  const self = `${ctx.baseUrl}/rest/api/3/project/search`;
  return {
    status: 200,
    body: pageBean(
      self,
      page,
      page.items.map((p) => projectRepresentation(ctx, p, expand)),
    ),
  };
};

// --- GET /statuses/search ---------------------------------------------------------------------

/** Global statuses without `projectId`; with it, the statuses of that (team-managed) project. */
export const searchStatuses: Handler = (ctx) => {
  requireAdmin(ctx);
  const projectId = queryString(ctx, 'projectId');
  const text = queryString(ctx, 'searchString')?.toLowerCase();
  const category = queryString(ctx, 'statusCategory');
  const scope: StatusScope = projectId ? { type: 'PROJECT', projectId } : { type: 'GLOBAL' };
  const all = ctx.state.statuses
    .filter((s) => sameScope(s.scope, scope))
    .filter((s) => !text || s.name.toLowerCase().includes(text))
    .filter((s) => !category || s.statusCategory === category);
  const maxResults = Math.min(200, Math.max(1, queryInt(ctx, 'maxResults', 200)));
  const page = paginate(all, queryInt(ctx, 'startAt', 0), maxResults);
  const self = `${ctx.baseUrl}/rest/api/3/statuses/search`;
  return {
    status: 200,
    body: pageBean(self, page, page.items.map(jiraStatus)),
  };
};

// --- POST /workflows (bulk read) ---------------------------------------------------------------------

function schemeOfProject(state: DoubleState, project: DoubleProject): DoubleWorkflowScheme {
  const scheme = state.workflowSchemes.find((s) => s.id === project.workflowSchemeId);
  if (!scheme)
    throw new Error(`Project ${project.key} has unknown workflow scheme ${project.workflowSchemeId}`);
  return scheme;
}

const workflowIdFor = (scheme: DoubleWorkflowScheme, issueTypeId: string): string =>
  scheme.issueTypeMappings[issueTypeId] ?? scheme.defaultWorkflow;

function workflowsResponse(ctx: HandlerContext, workflows: DoubleWorkflow[]): Record<string, unknown> {
  const statusIds = [...new Set(workflows.flatMap((w) => w.statuses))];
  return {
    workflows: workflows.map((w) => jiraWorkflow(w, statusReferenceOf)),
    statuses: statusIds.map((id) => jiraWorkflowStatus(statusById(ctx.state, id), statusReferenceOf(id))),
  };
}

export const readWorkflows: Handler = (ctx) => {
  requireAdmin(ctx);
  const body = bodyObject(ctx);
  const ids = new Set(
    asArray(body.workflowIds)
      .map(asString)
      .filter((v) => v !== undefined),
  );
  const names = new Set(
    asArray(body.workflowNames)
      .map(asString)
      .filter((v) => v !== undefined),
  );
  for (const pair of asArray(body.projectAndIssueTypes)) {
    if (!isRecord(pair)) continue;
    const project = findProject(ctx.state, asString(pair.projectId) ?? '');
    if (project)
      ids.add(workflowIdFor(schemeOfProject(ctx.state, project), asString(pair.issueTypeId) ?? ''));
  }
  const found = ctx.state.workflows.filter((w) => ids.has(w.id) || names.has(w.name));
  return { status: 200, body: workflowsResponse(ctx, found) };
};

// --- create and update: shared validation -------------------------------------------------------------

interface ValidationError {
  code: string;
  level: 'ERROR';
  message: string;
  type: 'STATUS' | 'WORKFLOW' | 'TRANSITION' | 'SCOPE' | 'STATUS_MAPPING';
  elementReference?: Record<string, unknown>;
}

const error = (
  type: ValidationError['type'],
  code: string,
  message: string,
  elementReference?: Record<string, unknown>,
): ValidationError => ({
  code,
  level: 'ERROR',
  message,
  type,
  ...(elementReference ? { elementReference } : {}),
});

const normalizedName = (name: string): string => name.trim().toLocaleLowerCase('fr');

/** The statuses of a create/update payload, resolved against the state: existing (by id) or new. */
interface PayloadStatus {
  reference: string;
  id?: string;
  name: string;
  category: StatusCategoryKey;
  description: string;
}

function payloadStatuses(body: Record<string, unknown>): PayloadStatus[] {
  return asArray(body.statuses)
    .filter(isRecord)
    .map((s) => ({
      reference: asString(s.statusReference) ?? '',
      ...(asString(s.id) ? { id: asString(s.id) } : {}),
      name: asString(s.name) ?? '',
      category: (asString(s.statusCategory) ?? 'TODO') as StatusCategoryKey,
      description: asString(s.description) ?? '',
    }));
}

/** Checks the statuses list: existing ones must exist in the scope; a new one must not clash by name. */
function validateStatuses(
  state: DoubleState,
  statuses: PayloadStatus[],
  scope: StatusScope,
): ValidationError[] {
  const errors: ValidationError[] = [];
  const references = new Set<string>();
  for (const s of statuses) {
    if (references.has(s.reference))
      errors.push(
        error('STATUS', 'DUPLICATE_STATUS_REFERENCE', `The status reference ${s.reference} is used twice.`, {
          statusReference: s.reference,
        }),
      );
    references.add(s.reference);
    if (s.id !== undefined) {
      const existing = state.statuses.find((x) => x.id === s.id);
      if (!existing)
        errors.push(
          error('STATUS', 'STATUS_NOT_FOUND', `The status with ID ${s.id} does not exist.`, {
            statusReference: s.reference,
          }),
        );
      else if (!sameScope(existing.scope, scope))
        errors.push(
          error(
            'STATUS',
            'STATUS_SCOPE_MISMATCH',
            `The status ${existing.name} cannot be used in this scope.`,
            { statusReference: s.reference },
          ),
        );
      continue;
    }
    // Jira keeps status names unique (ignoring case) within a scope; a new one may not reuse a name.
    const clash = state.statuses.find(
      (x) => sameScope(x.scope, scope) && normalizedName(x.name) === normalizedName(s.name),
    );
    if (clash)
      errors.push(
        error('STATUS', 'DUPLICATE_STATUS_NAME', `A status with the name ${s.name} already exists.`, {
          statusReference: s.reference,
        }),
      );
    if (s.name.trim() === '')
      errors.push(
        error('STATUS', 'STATUS_NAME_REQUIRED', 'A status needs a name.', { statusReference: s.reference }),
      );
  }
  return errors;
}

interface PayloadTransition {
  id: string;
  name: string;
  type: string;
  to: string;
  from: string[];
  properties: Record<string, string>;
}

function payloadTransitions(workflow: Record<string, unknown>): PayloadTransition[] {
  return asArray(workflow.transitions)
    .filter(isRecord)
    .map((t) => ({
      id: asString(t.id) ?? '',
      name: asString(t.name) ?? '',
      type: asString(t.type) ?? 'DIRECTED',
      to: asString(t.toStatusReference) ?? '',
      from: asArray(t.links)
        .filter(isRecord)
        .map((l) => asString(l.fromStatusReference))
        .filter((r): r is string => r !== undefined),
      properties: stringMap(t.properties),
    }));
}

/** A workflow's statuses and transitions must reference statuses the payload lists; one initial transition. */
function validateWorkflowShape(
  workflow: Record<string, unknown>,
  known: ReadonlySet<string>,
): ValidationError[] {
  const errors: ValidationError[] = [];
  const layouts = asArray(workflow.statuses)
    .filter(isRecord)
    .map((s) => asString(s.statusReference) ?? '');
  for (const ref of layouts)
    if (!known.has(ref))
      errors.push(
        error(
          'STATUS',
          'STATUS_REFERENCE_NOT_FOUND',
          `The status reference ${ref} is not in the statuses list.`,
          { statusReference: ref },
        ),
      );
  const inWorkflow = new Set(layouts);
  const transitions = payloadTransitions(workflow);
  if (transitions.filter((t) => t.type === 'INITIAL').length !== 1)
    errors.push(
      error('WORKFLOW', 'INITIAL_TRANSITION_REQUIRED', 'A workflow needs exactly one initial transition.'),
    );
  const ids = new Set<string>();
  for (const t of transitions) {
    if (t.id !== '' && ids.has(t.id))
      errors.push(
        error('TRANSITION', 'DUPLICATE_TRANSITION_ID', `The transition ID ${t.id} is used twice.`, {
          transitionId: t.id,
        }),
      );
    ids.add(t.id);
    for (const ref of [t.to, ...t.from])
      if (!inWorkflow.has(ref))
        errors.push(
          error(
            'TRANSITION',
            'TRANSITION_STATUS_NOT_IN_WORKFLOW',
            `The transition ${t.name} references a status that is not in the workflow.`,
            { transitionId: t.id },
          ),
        );
    if (t.type === 'DIRECTED' && t.from.length === 0)
      errors.push(
        error('TRANSITION', 'TRANSITION_WITHOUT_SOURCE', `The transition ${t.name} starts from no status.`, {
          transitionId: t.id,
        }),
      );
    if (t.name.trim() === '')
      errors.push(
        error('TRANSITION', 'TRANSITION_NAME_REQUIRED', 'A transition needs a name.', { transitionId: t.id }),
      );
  }
  return errors;
}

function payloadScope(
  ctx: HandlerContext,
  body: Record<string, unknown>,
): { scope: StatusScope; errors: ValidationError[] } {
  const scope = isRecord(body.scope) ? body.scope : {};
  if (scope.type === 'PROJECT') {
    const projectId = isRecord(scope.project) ? (asString(scope.project.id) ?? '') : '';
    const project = findProject(ctx.state, projectId);
    if (!project || project.id !== projectId)
      return {
        scope: { type: 'PROJECT', projectId },
        errors: [error('SCOPE', 'PROJECT_NOT_FOUND', `The project ${projectId} does not exist.`)],
      };
    if (project.style !== 'next-gen')
      return {
        scope: { type: 'PROJECT', projectId },
        errors: [
          error(
            'SCOPE',
            'PROJECT_NOT_TEAM_MANAGED',
            'Only team-managed projects have project-scoped workflows.',
          ),
        ],
      };
    return { scope: { type: 'PROJECT', projectId }, errors: [] };
  }
  return { scope: { type: 'GLOBAL' }, errors: [] };
}

function validateCreate(ctx: HandlerContext, body: Record<string, unknown>): ValidationError[] {
  const { scope, errors } = payloadScope(ctx, body);
  const statuses = payloadStatuses(body);
  errors.push(...validateStatuses(ctx.state, statuses, scope));
  const known = new Set(statuses.map((s) => s.reference));
  for (const workflow of asArray(body.workflows).filter(isRecord)) {
    const name = asString(workflow.name) ?? '';
    if (ctx.state.workflows.some((w) => sameScope(w.scope, scope) && w.name === name))
      errors.push(
        error('WORKFLOW', 'DUPLICATE_WORKFLOW_NAME', `A workflow with the name ${name} already exists.`),
      );
    errors.push(...validateWorkflowShape(workflow, known));
  }
  return errors;
}

/** Creates or updates the payload's statuses; returns status id by payload reference. */
function applyStatuses(
  state: DoubleState,
  statuses: PayloadStatus[],
  scope: StatusScope,
): Map<string, string> {
  const ids = new Map<string, string>();
  for (const s of statuses) {
    const existing = s.id === undefined ? undefined : state.statuses.find((x) => x.id === s.id);
    if (existing) {
      // The payload's name, category and description are the status's new values: Jira updates them.
      existing.name = s.name;
      existing.statusCategory = s.category;
      existing.description = s.description;
      ids.set(s.reference, existing.id);
    } else {
      const created: DoubleStatus = {
        id: nextId(state, 'status', 10100),
        name: s.name,
        description: s.description,
        statusCategory: s.category,
        scope,
      };
      state.statuses.push(created);
      ids.set(s.reference, created.id);
    }
  }
  return ids;
}

/** Transition ids Jira numbers 1 (initial), 11, 21…; a transition sent without id gets the next free one. */
function transitionsFromPayload(
  workflow: Record<string, unknown>,
  idOf: (reference: string) => string,
  previous: readonly DoubleTransition[],
): DoubleTransition[] {
  const transitions = payloadTransitions(workflow);
  let highest = Math.max(
    1,
    ...transitions.map((t) => Number(t.id) || 0),
    ...previous.map((t) => Number(t.id) || 0),
  );
  const nextTransitionId = (): string => {
    highest = (Math.floor(highest / 10) + 1) * 10 + 1;
    return String(highest);
  };
  return transitions.map((t) => {
    const id = t.id !== '' ? t.id : nextTransitionId();
    return {
      id,
      name: t.name,
      from: t.type === 'INITIAL' ? [] : t.from.map(idOf),
      to: idOf(t.to),
      // The double models screens only as a flag; a transition keeps the one it had.
      hasScreen: previous.find((p) => p.id === id)?.hasScreen ?? false,
      properties: t.properties,
    };
  });
}

// --- POST /workflows/create/validation and /workflows/create ----------------------------------------

export const validateCreateWorkflows: Handler = (ctx) => {
  requireAdmin(ctx);
  const body = bodyObject(ctx);
  const payload = isRecord(body.payload) ? body.payload : {};
  return { status: 200, body: { errors: validateCreate(ctx, payload) } };
};

export const createWorkflows: Handler = (ctx) => {
  requireAdmin(ctx);
  const body = bodyObject(ctx);
  const errors = validateCreate(ctx, body);
  if (errors.length > 0)
    throw new JiraHttpError(
      400,
      errors.map((e) => e.message),
    );
  const { scope } = payloadScope(ctx, body);
  const statuses = payloadStatuses(body);
  const ids = applyStatuses(ctx.state, statuses, scope);
  const idOf = (reference: string): string => ids.get(reference) ?? reference;
  const created = asArray(body.workflows)
    .filter(isRecord)
    .map((w): DoubleWorkflow => {
      const workflow: DoubleWorkflow = {
        id: randomUUID(),
        name: asString(w.name) ?? '',
        description: asString(w.description) ?? '',
        statuses: asArray(w.statuses)
          .filter(isRecord)
          .map((s) => idOf(asString(s.statusReference) ?? '')),
        transitions: transitionsFromPayload(w, idOf, []),
        scope,
        versionNumber: 1,
      };
      ctx.state.workflows.push(workflow);
      return workflow;
    });
  // A create response keeps the payload's own references, so the caller can tell which status is which.
  const referenceOf = new Map([...ids].map(([reference, id]) => [id, reference]));
  const refOf = (id: string): string => referenceOf.get(id) ?? statusReferenceOf(id);
  return {
    status: 200,
    body: {
      statuses: statuses.map((s) =>
        jiraWorkflowStatus(statusById(ctx.state, idOf(s.reference)), s.reference),
      ),
      workflows: created.map((w) => jiraWorkflow(w, refOf)),
    },
  };
};

// --- POST /workflows/update/validation and /workflows/update ----------------------------------------

function validateUpdate(ctx: HandlerContext, body: Record<string, unknown>): ValidationError[] {
  const errors: ValidationError[] = [];
  const statuses = payloadStatuses(body);
  const known = new Set(statuses.map((s) => s.reference));
  for (const w of asArray(body.workflows).filter(isRecord)) {
    const id = asString(w.id) ?? '';
    const workflow = ctx.state.workflows.find((x) => x.id === id);
    if (!workflow) {
      errors.push(error('WORKFLOW', 'WORKFLOW_NOT_FOUND', `The workflow ${id} does not exist.`));
      continue;
    }
    const version = isRecord(w.version) ? w.version.versionNumber : undefined;
    if (version !== (workflow.versionNumber ?? 1))
      errors.push(error('WORKFLOW', 'VERSION_CONFLICT', 'The workflow has been changed since it was read.'));
    errors.push(...validateStatuses(ctx.state, statuses, workflow.scope ?? { type: 'GLOBAL' }));
    errors.push(...validateWorkflowShape(w, known));
    // Removing a status issues are in needs mappings; the double does not model them, so it refuses.
    const byReference = new Map(statuses.map((s) => [s.reference, s.id]));
    const kept = new Set(
      asArray(w.statuses)
        .filter(isRecord)
        .map((s) => byReference.get(asString(s.statusReference) ?? '')),
    );
    const used = new Set(
      ctx.state.issues.filter((i) => workflowOfSafe(ctx.state, i)?.id === id).map((i) => i.statusId),
    );
    for (const statusId of workflow.statuses)
      if (!kept.has(statusId) && used.has(statusId))
        errors.push(
          error(
            'STATUS_MAPPING',
            'STATUS_MAPPING_REQUIRED',
            `Issues are in status ${statusById(ctx.state, statusId).name}, which the update removes.`,
          ),
        );
  }
  return errors;
}

function workflowOfSafe(state: DoubleState, issue: DoubleIssue): DoubleWorkflow | undefined {
  try {
    return workflowOf(state, issue);
  } catch {
    return undefined;
  }
}

export const validateUpdateWorkflows: Handler = (ctx) => {
  requireAdmin(ctx);
  const body = bodyObject(ctx);
  const payload = isRecord(body.payload) ? body.payload : {};
  return { status: 200, body: { errors: validateUpdate(ctx, payload) } };
};

export const updateWorkflows: Handler = (ctx) => {
  requireAdmin(ctx);
  const body = bodyObject(ctx);
  const errors = validateUpdate(ctx, body);
  if (errors.some((e) => e.code === 'VERSION_CONFLICT'))
    throw new JiraHttpError(409, ['The workflow has been changed since it was read.']);
  if (errors.length > 0)
    throw new JiraHttpError(
      400,
      errors.map((e) => e.message),
    );
  const statuses = payloadStatuses(body);
  const updated: DoubleWorkflow[] = [];
  for (const w of asArray(body.workflows).filter(isRecord)) {
    const workflow = ctx.state.workflows.find((x) => x.id === asString(w.id));
    if (!workflow) continue;
    const ids = applyStatuses(ctx.state, statuses, workflow.scope ?? { type: 'GLOBAL' });
    const idOf = (reference: string): string => ids.get(reference) ?? reference;
    workflow.statuses = asArray(w.statuses)
      .filter(isRecord)
      .map((s) => idOf(asString(s.statusReference) ?? ''));
    workflow.transitions = transitionsFromPayload(w, idOf, workflow.transitions);
    if (typeof w.description === 'string') workflow.description = w.description;
    workflow.versionNumber = (workflow.versionNumber ?? 1) + 1;
    updated.push(workflow);
  }
  return { status: 200, body: workflowsResponse(ctx, updated) };
};

// --- workflow schemes ------------------------------------------------------------------------------------

function workflowMetadata(state: DoubleState, workflowId: string): Record<string, unknown> {
  const workflow = state.workflows.find((w) => w.id === workflowId);
  return {
    id: workflowId,
    name: workflow?.name ?? workflowId,
    description: workflow?.description ?? '',
    version: versionOf(workflowId, workflow?.versionNumber ?? 1),
  };
}

function schemeRepresentation(state: DoubleState, scheme: DoubleWorkflowScheme): Record<string, unknown> {
  const byWorkflow = new Map<string, string[]>();
  for (const [issueTypeId, workflowId] of Object.entries(scheme.issueTypeMappings))
    byWorkflow.set(workflowId, [...(byWorkflow.get(workflowId) ?? []), issueTypeId]);
  return {
    id: scheme.id,
    name: scheme.name,
    description: scheme.description ?? '',
    scope: scopeOf(scheme.scope),
    version: versionOf(scheme.id, scheme.versionNumber ?? 1),
    // Team-managed schemes have no default workflow: every issue type is mapped.
    ...(scheme.scope?.type === 'PROJECT'
      ? {}
      : { defaultWorkflow: workflowMetadata(state, scheme.defaultWorkflow) }),
    workflowsForIssueTypes: [...byWorkflow].map(([workflowId, issueTypeIds]) => ({
      issueTypeIds,
      workflow: workflowMetadata(state, workflowId),
    })),
    ...(scheme.taskId ? { taskId: scheme.taskId } : {}),
  };
}

export const readWorkflowSchemes: Handler = (ctx) => {
  requireAdmin(ctx);
  const body = bodyObject(ctx);
  const ids = new Set(
    asArray(body.workflowSchemeIds)
      .map(asString)
      .filter((v) => v !== undefined),
  );
  for (const projectId of asArray(body.projectIds).map(asString)) {
    const project = ctx.state.projects.find((p) => p.id === projectId);
    if (project) ids.add(project.workflowSchemeId);
  }
  const schemes = ctx.state.workflowSchemes.filter((s) => ids.has(s.id));
  return { status: 200, body: schemes.map((s) => schemeRepresentation(ctx.state, s)) };
};

export const getProjectUsagesForWorkflowScheme: Handler = (ctx) => {
  requireAdmin(ctx);
  const id = pathParam(ctx, 'workflowSchemeId');
  if (!ctx.state.workflowSchemes.some((s) => s.id === id))
    throw new JiraHttpError(404, [`The workflow scheme ${id} does not exist.`]);
  const projects = ctx.state.projects.filter((p) => p.workflowSchemeId === id).map((p) => ({ id: p.id }));
  return { status: 200, body: { workflowSchemeId: id, projects: { values: projects } } };
};

interface StatusMapping {
  oldStatusId: string;
  newStatusId: string;
}

function mappings(value: unknown): StatusMapping[] {
  return asArray(value)
    .filter(isRecord)
    .map((m) => ({ oldStatusId: asString(m.oldStatusId) ?? '', newStatusId: asString(m.newStatusId) ?? '' }));
}

/**
 * Replaces the scheme's workflows. Issues whose workflow changes are migrated by an asynchronous
 * task (303 with the task); with no such issue the change applies at once (200, no body). The
 * mapping for a status the new workflow lacks comes from `statusMappingsByIssueTypeOverride`, else
 * `statusMappingsByWorkflows`; one missing is a 400, as the operation's description implies.
 */
export const updateSchemes: Handler = (ctx) => {
  requireAdmin(ctx);
  const body = bodyObject(ctx);
  const scheme = ctx.state.workflowSchemes.find((s) => s.id === asString(body.id));
  if (!scheme)
    throw new JiraHttpError(404, [`The workflow scheme ${asString(body.id) ?? ''} does not exist.`]);
  if (scheme.taskId) throw new JiraHttpError(409, ['Another workflow configuration update task is ongoing.']);
  const version = isRecord(body.version) ? body.version.versionNumber : undefined;
  if (version !== (scheme.versionNumber ?? 1))
    throw new JiraHttpError(400, ['The workflow scheme has been changed since it was read. Read it again.']);

  const isProjectScoped = scheme.scope?.type === 'PROJECT';
  // "If the defaultWorkflowId isn't specified, this is set to Jira Workflow (jira)" (global schemes).
  const defaultWorkflow = isProjectScoped
    ? scheme.defaultWorkflow
    : (asString(body.defaultWorkflowId) ?? 'jira');
  const issueTypeMappings: Record<string, string> = {};
  for (const association of asArray(body.workflowsForIssueTypes).filter(isRecord)) {
    const workflowId = asString(association.workflowId) ?? '';
    for (const issueTypeId of asArray(association.issueTypeIds).map(asString))
      if (issueTypeId !== undefined) issueTypeMappings[issueTypeId] = workflowId;
  }
  const referenced = [defaultWorkflow, ...Object.values(issueTypeMappings)].filter((id) => id !== 'jira');
  for (const id of referenced)
    if (!ctx.state.workflows.some((w) => w.id === id))
      throw new JiraHttpError(400, [`The workflow ${id} does not exist.`]);

  const byWorkflows = asArray(body.statusMappingsByWorkflows)
    .filter(isRecord)
    .map((m) => ({
      from: asString(m.oldWorkflowId) ?? '',
      to: asString(m.newWorkflowId) ?? '',
      mappings: mappings(m.statusMappings),
    }));
  const byIssueType = asArray(body.statusMappingsByIssueTypeOverride)
    .filter(isRecord)
    .map((m) => ({ issueTypeId: asString(m.issueTypeId) ?? '', mappings: mappings(m.statusMappings) }));

  const projects = ctx.state.projects.filter((p) => p.workflowSchemeId === scheme.id);
  const moves: { issueId: string; statusId: string }[] = [];
  const missing = new Set<string>();
  let affected = 0;
  for (const issue of ctx.state.issues.filter((i) => projects.some((p) => p.id === i.projectId))) {
    const oldWorkflowId = workflowIdFor(scheme, issue.issueTypeId);
    const newWorkflowId = issueTypeMappings[issue.issueTypeId] ?? defaultWorkflow;
    if (oldWorkflowId === newWorkflowId) continue;
    affected++;
    const target = ctx.state.workflows.find((w) => w.id === newWorkflowId);
    if (target?.statuses.includes(issue.statusId)) continue;
    const mapping =
      byIssueType
        .find((o) => o.issueTypeId === issue.issueTypeId)
        ?.mappings.find((m) => m.oldStatusId === issue.statusId) ??
      byWorkflows
        .find((o) => o.from === oldWorkflowId && o.to === newWorkflowId)
        ?.mappings.find((m) => m.oldStatusId === issue.statusId);
    if (!mapping || !target?.statuses.includes(mapping.newStatusId)) {
      missing.add(statusById(ctx.state, issue.statusId).name);
      continue;
    }
    moves.push({ issueId: issue.id, statusId: mapping.newStatusId });
  }
  if (missing.size > 0)
    throw new JiraHttpError(
      400,
      [...missing].map((name) => `A status mapping is required for issues in status ${name}.`),
    );

  if (typeof body.name === 'string') scheme.name = body.name;
  if (typeof body.description === 'string') scheme.description = body.description;
  const migration = { schemeId: scheme.id, defaultWorkflow, issueTypeMappings, moves };
  if (affected === 0) {
    completeMigration(ctx.state, migration, ctx.caller.user.accountId);
    return { status: 200 };
  }
  const now = ctx.state.now();
  const task: DoubleTask = {
    id: nextId(ctx.state, 'task', 10000),
    description: `Migrating issues of workflow scheme ${scheme.name}`,
    status: 'ENQUEUED',
    progress: 0,
    submitterId: ctx.caller.user.accountId,
    submitted: now,
    polls: 0,
    pollsToComplete: Math.max(1, ctx.state.taskPollsToComplete ?? 3),
    migration,
  };
  ctx.state.tasks.push(task);
  scheme.taskId = task.id;
  const location = `${ctx.baseUrl}/rest/api/3/task/${task.id}`;
  return { status: 303, body: taskRepresentation(ctx, task), headers: { Location: location } };
};

function completeMigration(
  state: DoubleState,
  migration: NonNullable<DoubleTask['migration']>,
  authorId: string,
): void {
  const scheme = state.workflowSchemes.find((s) => s.id === migration.schemeId);
  if (!scheme) return;
  scheme.defaultWorkflow = migration.defaultWorkflow;
  scheme.issueTypeMappings = { ...migration.issueTypeMappings };
  scheme.versionNumber = (scheme.versionNumber ?? 1) + 1;
  delete scheme.taskId;
  const at = state.now();
  for (const move of migration.moves) {
    const issue = state.issues.find((i) => i.id === move.issueId);
    if (!issue || issue.statusId === move.statusId) continue;
    // The migration writes the status change into the history, as a workflow migration does.
    moveToStatus(state, issue, move.statusId, authorId, at);
  }
}

// --- GET /task/{taskId} ------------------------------------------------------------------------------

/** `submittedBy` is an int64 in the spec, not an account id; the double sends a fixed user key. */
function taskRepresentation(ctx: HandlerContext, task: DoubleTask): Record<string, unknown> {
  return {
    self: `${ctx.baseUrl}/rest/api/3/task/${task.id}`,
    id: task.id,
    description: task.description,
    status: task.status,
    progress: task.progress,
    message: task.status === 'COMPLETE' ? 'Migration complete.' : `Migrating issues (${task.progress}%).`,
    submittedBy: 10000,
    submitted: task.submitted,
    ...(task.started !== undefined ? { started: task.started } : {}),
    ...(task.finished !== undefined ? { finished: task.finished } : {}),
    elapsedRuntime: Math.max(0, (task.finished ?? ctx.state.now()) - (task.started ?? task.submitted)),
    lastUpdate: task.finished ?? task.started ?? task.submitted,
  };
}

/** Each poll moves the task on: ENQUEUED → RUNNING (progress grows) → COMPLETE, when issues move. */
export const getTask: Handler = (ctx) => {
  const task = ctx.state.tasks.find((t) => t.id === pathParam(ctx, 'taskId'));
  if (!task) throw new JiraHttpError(404, ['The task was not found.']);
  const user = ctx.caller.user;
  if (task.submitterId !== user.accountId && !hasGlobalPermission(ctx.state, user, 'ADMINISTER'))
    throw new JiraHttpError(403, ['You do not have permission to view this task.']);
  if (task.status === 'ENQUEUED' || task.status === 'RUNNING') {
    task.polls++;
    const now = ctx.state.now();
    task.started ??= now;
    if (task.polls >= task.pollsToComplete) {
      if (task.migration)
        completeMigration(
          ctx.state,
          task.migration,
          findUser(ctx.state, task.submitterId)?.accountId ?? task.submitterId,
        );
      task.status = 'COMPLETE';
      task.progress = 100;
      task.finished = now;
    } else {
      task.status = 'RUNNING';
      task.progress = Math.floor((100 * task.polls) / task.pollsToComplete);
    }
  }
  return { status: 200, body: taskRepresentation(ctx, task) };
};

// --- POST /search/approximate-count ----------------------------------------------------------------

/**
 * Counts issues for the bounded JQL the installer sends: clauses joined by AND, each
 * `project = X`, `status = X` or `issuetype in (X, Y)`, values bare or double-quoted. Anything else
 * answers 400, as unparseable JQL does.
 */
export const countIssues: Handler = (ctx) => {
  const jql = asString(bodyObject(ctx).jql) ?? '';
  const clauses = jql.split(/\s+AND\s+/i).map((c) => c.trim());
  const value = (raw: string): string => raw.trim().replace(/^"(.*)"$/, '$1');
  let issues = ctx.state.issues;
  let bounded = false;
  for (const clause of clauses) {
    const eq = /^(project|status|issuetype)\s*=\s*("[^"]*"|[^\s]+)$/i.exec(clause);
    const inList = /^(issuetype|status)\s+in\s*\(([^)]*)\)$/i.exec(clause);
    if (eq) {
      const field = (eq[1] ?? '').toLowerCase();
      const v = value(eq[2] ?? '');
      if (field === 'project') {
        const project = findProject(ctx.state, v);
        bounded = true;
        issues = issues.filter((i) => i.projectId === project?.id);
      } else if (field === 'status') {
        issues = issues.filter(
          (i) => i.statusId === v || statusById(ctx.state, i.statusId).name.toLowerCase() === v.toLowerCase(),
        );
      } else issues = issues.filter((i) => i.issueTypeId === v);
    } else if (inList) {
      const values = (inList[2] ?? '').split(',').map(value);
      const field = (inList[1] ?? '').toLowerCase();
      issues = issues.filter((i) => values.includes(field === 'status' ? i.statusId : i.issueTypeId));
    } else throw new JiraHttpError(400, [`Error in the JQL Query: cannot parse '${clause}'.`]);
  }
  if (!bounded) throw new JiraHttpError(400, ['The JQL query is unbounded: add a project restriction.']);
  const visible = issues.filter((i) => canBrowse(ctx.state, ctx.caller.user, i));
  return { status: 200, body: { count: visible.length } };
};
