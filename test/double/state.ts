/**
 * In-memory Jira state for the test double, and the demo site every test starts from.
 * Ids are strings, as Jira sends them. Times are epoch milliseconds; `state.now()` is the clock
 * every handler uses, so tests can freeze or move time.
 */
import {
  STATUSES,
  TRANSITIONS,
  TRANSITION_TAG_PROPERTY,
  type StatusKey,
  type TransitionId,
} from '../../src/workflow';

export type AccountType = 'atlassian' | 'customer' | 'app';
export type StatusCategoryKey = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface DoubleUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  /** 'customer' is a portal-only account; 'atlassian' may be an agent or a customer with an Atlassian account. */
  accountType: AccountType;
  /** Jira's form, e.g. 'fr_FR'. */
  locale: string;
  /** IANA zone, e.g. 'Europe/Brussels'. */
  timeZone: string;
  active: boolean;
  /** Holds the Administer Jira global permission. */
  jiraAdmin?: boolean;
}

export interface DoubleRequestType {
  id: string;
  name: string;
  issueTypeId: string;
  /**
   * Customer-visible status names, by status id: what JSM's request endpoints call a status for
   * requests of this type (an admin's per-request-type setting). The platform keeps the real name.
   */
  customerStatusNames?: Record<string, string>;
}

export interface DoubleProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'service_desk' | 'software' | 'business';
  /** 'classic' is company-managed, 'next-gen' team-managed. */
  style: 'classic' | 'next-gen';
  serviceDeskId: string;
  /** Account ids of the service desk's agents. */
  agents: string[];
  requestTypes: DoubleRequestType[];
  issueTypeIds: string[];
  workflowSchemeId: string;
}

export interface DoubleIssueType {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
}

export type StatusScope = { type: 'GLOBAL' } | { type: 'PROJECT'; projectId: string };

export interface DoubleStatus {
  id: string;
  name: string;
  description: string;
  statusCategory: StatusCategoryKey;
  scope: StatusScope;
}

export interface DoubleTransition {
  id: string;
  name: string;
  /** Status ids the transition leaves; empty for the initial (create) transition. */
  from: string[];
  to: string;
  hasScreen: boolean;
  /** Transition properties are a string map in Jira. */
  properties: Record<string, string>;
}

export interface DoubleWorkflow {
  id: string;
  name: string;
  description: string;
  statuses: string[];
  transitions: DoubleTransition[];
  /** GLOBAL (company-managed) unless given; team-managed workflows belong to one project. */
  scope?: StatusScope;
  /** Bumped by every update, as Jira's optimistic-locking DocumentVersion; 1 when absent. */
  versionNumber?: number;
}

export interface DoubleWorkflowScheme {
  id: string;
  name: string;
  /** Workflow id used for issue types without a mapping. */
  defaultWorkflow: string;
  /** Issue type id → workflow id. */
  issueTypeMappings: Record<string, string>;
  description?: string;
  /** GLOBAL (company-managed) unless given. */
  scope?: StatusScope;
  /** Bumped by every update; 1 when absent. */
  versionNumber?: number;
  /** The migration task under way for this scheme, if any. */
  taskId?: string;
}

/** A long-running task (GET /rest/api/3/task/{taskId}), e.g. the issue migration of a scheme update. */
export interface DoubleTask {
  id: string;
  description: string;
  status: 'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED';
  progress: number;
  /** The account that submitted it (only it and Jira administrators may read it). */
  submitterId: string;
  submitted: number;
  started?: number;
  finished?: number;
  /** Polls answered so far; the task completes on poll number `pollsToComplete`. */
  polls: number;
  pollsToComplete: number;
  /** What the task does when it completes: new scheme mappings and issue status moves. */
  migration?: {
    schemeId: string;
    defaultWorkflow: string;
    issueTypeMappings: Record<string, string>;
    moves: { issueId: string; statusId: string }[];
  };
}

/** An Atlassian Document Format node, loosely typed: the double only reads text out of it. */
export interface AdfNode {
  type: string;
  version?: number;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface DoubleComment {
  id: string;
  authorId: string;
  /** Plain text. For ADF comments, the text extracted from the document. */
  body: string;
  /** The document as sent to the platform API, when the comment came that way. */
  adf?: AdfNode;
  /** JSM visibility: false is an internal note agents alone see. */
  public: boolean;
  created: number;
  /** Comment properties set on create, by key (`sd.public.comment` among them when sent). */
  properties?: Record<string, unknown>;
}

export interface DoubleChangeItem {
  field: 'status';
  fieldtype: 'jira';
  from: string | null;
  fromString: string | null;
  to: string;
  toString: string;
}

export interface DoubleChangelog {
  id: string;
  authorId: string;
  created: number;
  items: DoubleChangeItem[];
  /** The `historyMetadata` sent with the transition, as Jira keeps it (unless `dropsHistoryMetadata`). */
  historyMetadata?: Record<string, unknown>;
}

export interface DoubleIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  requestTypeId: string;
  summary: string;
  statusId: string;
  reporter: string;
  participants: string[];
  comments: DoubleComment[];
  properties: Record<string, unknown>;
  /** Oldest first. */
  changelog: DoubleChangelog[];
  created: number;
  updated: number;
  statusChangedAt: number;
}

/** An e-mail queued through POST /rest/api/3/issue/{key}/notify. */
export interface DoubleNotification {
  issueId: string;
  issueKey: string;
  senderAccountId: string;
  subject?: string;
  textBody?: string;
  htmlBody?: string;
  /** The `to` and `restrict` objects as sent. */
  to?: unknown;
  restrict?: unknown;
  /** Account ids the double resolved from `to` (reporter and listed users; watchers and groups are not modelled). */
  recipients: string[];
  sentAt: number;
}

export interface DoubleState {
  /** Epoch milliseconds; replace to control time. */
  now: () => number;
  /** The account behind the `app` principal (asApp). */
  appAccountId: string;
  users: DoubleUser[];
  projects: DoubleProject[];
  issueTypes: DoubleIssueType[];
  statuses: DoubleStatus[];
  workflows: DoubleWorkflow[];
  workflowSchemes: DoubleWorkflowScheme[];
  issues: DoubleIssue[];
  notifications: DoubleNotification[];
  /**
   * Jira keeps no `historyMetadata` sent with a transition. The specs document it on the transition and
   * on the changelog read back, but not that Jira keeps what an app sends: set this to prove the app
   * also recognises its own changes without it.
   */
  dropsHistoryMetadata?: boolean;
  /**
   * Comments agents and apps post through the platform API stay internal whatever `sd.public.comment`
   * says. Not Jira's documented behaviour: set it to prove the site check reports such a site.
   */
  platformCommentsStayInternal?: boolean;
  /** Outgoing e-mail switched off on the site: /notify answers 403, as Jira documents. */
  outgoingMailDisabled?: boolean;
  /**
   * Issues per JQL search page, fewer than asked: the spec's `maxResults` says the API "may return
   * fewer items per page where a large number of fields are requested". Set it to page a few issues.
   */
  searchPageLimit?: number;
  /** Long-running tasks (workflow scheme migrations). */
  tasks: DoubleTask[];
  /** Polls a new task needs before it completes (ENQUEUED → RUNNING … → COMPLETE); 3 unless set. */
  taskPollsToComplete?: number;
  /** Last id handed out per kind, so new entities get fresh Jira-like numeric ids. */
  sequences: Record<string, number>;
}

// --- lookups -----------------------------------------------------------------------------------

export function nextId(state: DoubleState, kind: string, start = 10000): string {
  const next = (state.sequences[kind] ?? start) + 1;
  state.sequences[kind] = next;
  return String(next);
}

export function findUser(state: DoubleState, accountId: string): DoubleUser | undefined {
  return state.users.find((u) => u.accountId === accountId);
}

/** Jira matches keys case-insensitively ("a case-insensitive search … is performed"). */
export function findIssue(state: DoubleState, idOrKey: string): DoubleIssue | undefined {
  const upper = idOrKey.toUpperCase();
  return state.issues.find((i) => i.id === idOrKey || i.key.toUpperCase() === upper);
}

export function findProject(state: DoubleState, idOrKey: string): DoubleProject | undefined {
  const upper = idOrKey.toUpperCase();
  return state.projects.find((p) => p.id === idOrKey || p.key.toUpperCase() === upper);
}

export function projectOf(state: DoubleState, issue: DoubleIssue): DoubleProject {
  const project = state.projects.find((p) => p.id === issue.projectId);
  if (!project) throw new Error(`Issue ${issue.key} belongs to unknown project ${issue.projectId}`);
  return project;
}

export function statusById(state: DoubleState, id: string): DoubleStatus {
  const status = state.statuses.find((s) => s.id === id);
  if (!status) throw new Error(`Unknown status id ${id}`);
  return status;
}

export function issueTypeById(state: DoubleState, id: string): DoubleIssueType {
  const type = state.issueTypes.find((t) => t.id === id);
  if (!type) throw new Error(`Unknown issue type id ${id}`);
  return type;
}

/** The workflow an issue follows: its project's scheme, by issue type, else the scheme default. */
export function workflowOf(state: DoubleState, issue: DoubleIssue): DoubleWorkflow {
  const project = projectOf(state, issue);
  const scheme = state.workflowSchemes.find((s) => s.id === project.workflowSchemeId);
  if (!scheme)
    throw new Error(`Project ${project.key} has unknown workflow scheme ${project.workflowSchemeId}`);
  const workflowId = scheme.issueTypeMappings[issue.issueTypeId] ?? scheme.defaultWorkflow;
  const workflow = state.workflows.find((w) => w.id === workflowId);
  if (!workflow) throw new Error(`Workflow scheme ${scheme.id} maps unknown workflow ${workflowId}`);
  return workflow;
}

/** Transitions available from the issue's current status (the initial transition never is). */
export function availableTransitions(state: DoubleState, issue: DoubleIssue): DoubleTransition[] {
  return workflowOf(state, issue).transitions.filter((t) => t.from.includes(issue.statusId));
}

// --- mutations ---------------------------------------------------------------------------------

/** Moves an issue to the transition's target status, with the changelog entry Jira writes. */
export function applyTransition(
  state: DoubleState,
  issue: DoubleIssue,
  transition: DoubleTransition,
  authorId: string,
  at = state.now(),
  historyMetadata?: Record<string, unknown>,
): void {
  moveToStatus(state, issue, transition.to, authorId, at);
  const entry = issue.changelog.at(-1);
  if (entry && historyMetadata && !state.dropsHistoryMetadata) entry.historyMetadata = historyMetadata;
}

/** Puts the issue in another status and writes the change into its history, as Jira does. */
export function moveToStatus(
  state: DoubleState,
  issue: DoubleIssue,
  statusId: string,
  authorId: string,
  at = state.now(),
): void {
  const from = statusById(state, issue.statusId);
  const to = statusById(state, statusId);
  issue.changelog.push({
    id: nextId(state, 'changelog'),
    authorId,
    created: at,
    items: [
      {
        field: 'status',
        fieldtype: 'jira',
        from: from.id,
        fromString: from.name,
        to: to.id,
        toString: to.name,
      },
    ],
  });
  issue.statusId = to.id;
  issue.statusChangedAt = at;
  issue.updated = at;
}

export function addComment(
  state: DoubleState,
  issue: DoubleIssue,
  comment: {
    authorId: string;
    body: string;
    public: boolean;
    adf?: AdfNode;
    created?: number;
    properties?: Record<string, unknown>;
  },
): DoubleComment {
  const created = comment.created ?? state.now();
  const stored: DoubleComment = {
    id: nextId(state, 'comment'),
    authorId: comment.authorId,
    body: comment.body,
    public: comment.public,
    created,
    ...(comment.adf ? { adf: comment.adf } : {}),
    ...(comment.properties ? { properties: comment.properties } : {}),
  };
  issue.comments.push(stored);
  issue.updated = Math.max(issue.updated, created);
  return stored;
}

export function addUser(
  state: DoubleState,
  user: Partial<DoubleUser> & Pick<DoubleUser, 'displayName'>,
): DoubleUser {
  const created: DoubleUser = {
    accountId: user.accountId ?? `5f00000000000000${nextId(state, 'user', 100000)}`,
    accountType: 'atlassian',
    locale: 'en_US',
    timeZone: 'UTC',
    active: true,
    ...user,
  };
  state.users.push(created);
  return created;
}

export interface NewIssue {
  summary: string;
  reporter: string;
  projectKey?: string;
  requestTypeId?: string;
  participants?: string[];
  /** Walks the workflow from the initial status to this one, writing a changelog, as a real history would. */
  statusId?: string;
  /** Jira transition ids to perform after creation, instead of the shortest path to `statusId`. */
  transitionIds?: string[];
  created?: number;
  /** Time between the seeded transitions. */
  stepMillis?: number;
}

/**
 * Creates a request in a project (the first one unless given). When `statusId` is given, the issue
 * is created in the initial status and moved along the shortest path of transitions to it, authored
 * by the project's first agent (team transitions) or the reporter (transitions tagged as customer ones).
 */
export function addIssue(state: DoubleState, spec: NewIssue): DoubleIssue {
  const project = spec.projectKey ? findProject(state, spec.projectKey) : state.projects[0];
  if (!project) throw new Error(`No project ${spec.projectKey ?? '(any)'}`);
  const requestType = spec.requestTypeId
    ? project.requestTypes.find((r) => r.id === spec.requestTypeId)
    : project.requestTypes[0];
  if (!requestType) throw new Error(`No request type ${spec.requestTypeId ?? '(any)'} in ${project.key}`);
  const created = spec.created ?? state.now();
  const number = state.issues.filter((i) => i.projectId === project.id).length + 1;
  const issue: DoubleIssue = {
    id: nextId(state, 'issue'),
    key: `${project.key}-${number}`,
    projectId: project.id,
    issueTypeId: requestType.issueTypeId,
    requestTypeId: requestType.id,
    summary: spec.summary,
    statusId: '',
    reporter: spec.reporter,
    participants: [...(spec.participants ?? [])],
    comments: [],
    properties: {},
    changelog: [],
    created,
    updated: created,
    statusChangedAt: created,
  };
  state.issues.push(issue);
  const workflow = workflowOf(state, issue);
  const initial = workflow.transitions.find((t) => t.from.length === 0);
  if (!initial) throw new Error(`Workflow ${workflow.name} has no initial transition`);
  issue.statusId = initial.to;
  const path = spec.transitionIds
    ? explicitPath(workflow, issue.statusId, spec.transitionIds)
    : spec.statusId && spec.statusId !== issue.statusId
      ? shortestPath(workflow, issue.statusId, spec.statusId)
      : [];
  if (!path) throw new Error(`Status ${spec.statusId ?? ''} is not reachable in ${workflow.name}`);
  if (spec.statusId && path.length > 0 && path[path.length - 1]?.to !== spec.statusId) {
    throw new Error(`The transitions given for ${issue.key} do not end in status ${spec.statusId}`);
  }
  const step = spec.stepMillis ?? 3 * 60 * 60 * 1000;
  const agent = project.agents[0] ?? state.appAccountId;
  path.forEach((t, index) => {
    const author = isCustomerTagged(t) ? issue.reporter : agent;
    applyTransition(state, issue, t, author, created + (index + 1) * step);
  });
  return issue;
}

/** A transition the workflow model says the customer performs (found by its tag, as the app finds it). */
function isCustomerTagged(t: DoubleTransition): boolean {
  const tag = t.properties[TRANSITION_TAG_PROPERTY];
  return TRANSITIONS.some((m) => m.id === tag && m.performer === 'customer');
}

/** The transitions for the given ids, checked to follow one another from `from`. */
function explicitPath(workflow: DoubleWorkflow, from: string, ids: readonly string[]): DoubleTransition[] {
  let current = from;
  return ids.map((id) => {
    const t = workflow.transitions.find((tr) => tr.id === id && tr.from.includes(current));
    if (!t) throw new Error(`Transition ${id} is not available from status ${current} in ${workflow.name}`);
    current = t.to;
    return t;
  });
}

function shortestPath(workflow: DoubleWorkflow, from: string, to: string): DoubleTransition[] | undefined {
  const queue: { status: string; path: DoubleTransition[] }[] = [{ status: from, path: [] }];
  const seen = new Set([from]);
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (item.status === to) return item.path;
    for (const t of workflow.transitions.filter((tr) => tr.from.includes(item.status))) {
      if (!seen.has(t.to)) {
        seen.add(t.to);
        queue.push({ status: t.to, path: [...item.path, t] });
      }
    }
  }
  return undefined;
}

// --- the demo site -----------------------------------------------------------------------------

const demoUser = (u: DoubleUser): DoubleUser => u;

/** Account ids look like real ones: plain hex for Atlassian accounts, `qm:` for portal-only customers. */
export const DEMO_USERS = {
  agent: demoUser({
    accountId: '5f1a2b3c4d5e6f7a8b9c0d01',
    displayName: 'Aline Agent',
    emailAddress: 'aline.agent@support.example.be',
    accountType: 'atlassian',
    locale: 'fr_FR',
    timeZone: 'Europe/Brussels',
    active: true,
  }),
  reporter: demoUser({
    accountId: 'qm:5c2d9a7e-0b1f-4e8a-9d3c-7f6e5d4c3b21:6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c01',
    displayName: 'Claire Client',
    emailAddress: 'claire.client@commune.example.be',
    accountType: 'customer',
    locale: 'fr_FR',
    timeZone: 'Europe/Brussels',
    active: true,
  }),
  participant: demoUser({
    accountId: 'qm:5c2d9a7e-0b1f-4e8a-9d3c-7f6e5d4c3b21:7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d02',
    displayName: 'Pierre Participant',
    emailAddress: 'pierre.participant@gemeente.example.be',
    accountType: 'customer',
    locale: 'nl_NL',
    timeZone: 'Europe/Brussels',
    active: true,
  }),
  otherCustomer: demoUser({
    accountId: 'qm:5c2d9a7e-0b1f-4e8a-9d3c-7f6e5d4c3b21:8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e03',
    displayName: 'Olivier Autre',
    emailAddress: 'olivier.autre@gemeinde.example.be',
    accountType: 'customer',
    locale: 'de_DE',
    timeZone: 'Europe/Berlin',
    active: true,
  }),
  atlassianCustomer: demoUser({
    accountId: '5f1a2b3c4d5e6f7a8b9c0d04',
    displayName: 'Anna Atlassian',
    emailAddress: 'anna.atlassian@partner.example.com',
    accountType: 'atlassian',
    locale: 'en_US',
    timeZone: 'America/New_York',
    active: true,
  }),
  app: demoUser({
    accountId: '712020:5a0c2f1e-7d3b-4c9a-8e6f-1b2c3d4e5f60',
    displayName: 'Guide des statuts',
    accountType: 'app',
    locale: 'en_US',
    timeZone: 'UTC',
    active: true,
  }),
  admin: demoUser({
    accountId: '5f1a2b3c4d5e6f7a8b9c0d07',
    displayName: 'Adam Admin',
    emailAddress: 'adam.admin@support.example.be',
    accountType: 'atlassian',
    locale: 'fr_FR',
    timeZone: 'Europe/Brussels',
    active: true,
    jiraAdmin: true,
  }),
} as const;

export const DEMO_PROJECT = { id: '10000', key: 'SUP', serviceDeskId: '1' } as const;
export const DEMO_ISSUE_TYPES = { serviceRequest: '10003', incident: '10004' } as const;
export const DEMO_REQUEST_TYPES = { assistance: '10', problem: '11' } as const;
export const DEMO_WORKFLOW_ID = '10100';
export const DEMO_WORKFLOW_SCHEME_ID = '10200';

/** Jira status ids of the workflow statuses, in model order: '10001' (open) … '10010' (reopened). */
export const DEMO_STATUS_IDS = Object.fromEntries(
  STATUSES.map((s, i) => [s.key, String(10001 + i)]),
) as Record<StatusKey, string>;

/** Jira transition ids: the initial transition is '1', the others '11', '21', … as Jira numbers them. */
export const DEMO_TRANSITION_IDS = Object.fromEntries(
  TRANSITIONS.map((t, i) => [t.id, t.from.length === 0 ? '1' : String(i * 10 + 1)]),
) as Record<TransitionId, string>;

/** Team transitions shown with a screen in Jira; customer transitions have none (the portal posts comments itself). */
const TEAM_TRANSITIONS_WITH_SCREEN: readonly TransitionId[] = ['requestInformation', 'resolve'];

const DEMO_SUMMARIES: Record<StatusKey, string> = {
  open: "Impossible de me connecter à l'espace citoyen",
  selected: 'Demande de création de compte pour un nouvel agent communal',
  transferred: "Ajout d'un champ « numéro de registre national » au formulaire",
  in_progress: "L'export PDF des attestations est vide",
  waiting_customer: 'Erreur lors du paiement en ligne de la redevance',
  resolved: 'Le courriel de confirmation arrive en anglais',
  waiting_approval: 'Modification du modèle de courrier de rappel',
  to_deliver: 'Nouveau logo sur la page de connexion',
  closed: 'Mot de passe oublié : lien expiré',
  reopened: "Le calendrier des collectes n'affiche plus décembre",
};

const DEMO_START = Date.UTC(2025, 2, 3, 8, 30); // Monday 3 March 2025, 09:30 in Brussels

export function createDemoState(): DoubleState {
  const state: DoubleState = {
    now: () => Date.now(),
    appAccountId: DEMO_USERS.app.accountId,
    users: Object.values(DEMO_USERS).map((u) => ({ ...u })),
    projects: [
      {
        id: DEMO_PROJECT.id,
        key: DEMO_PROJECT.key,
        name: 'Support',
        projectTypeKey: 'service_desk',
        style: 'classic',
        serviceDeskId: DEMO_PROJECT.serviceDeskId,
        agents: [DEMO_USERS.agent.accountId, DEMO_USERS.admin.accountId],
        requestTypes: [
          {
            id: DEMO_REQUEST_TYPES.assistance,
            name: "Demande d'assistance",
            issueTypeId: DEMO_ISSUE_TYPES.serviceRequest,
          },
          {
            id: DEMO_REQUEST_TYPES.problem,
            name: 'Signaler un problème',
            issueTypeId: DEMO_ISSUE_TYPES.incident,
          },
        ],
        issueTypeIds: [DEMO_ISSUE_TYPES.serviceRequest, DEMO_ISSUE_TYPES.incident],
        workflowSchemeId: DEMO_WORKFLOW_SCHEME_ID,
      },
    ],
    issueTypes: [
      {
        id: DEMO_ISSUE_TYPES.serviceRequest,
        name: '[System] Service request',
        description: 'Created by Jira Service Management.',
        subtask: false,
        hierarchyLevel: 0,
      },
      {
        id: DEMO_ISSUE_TYPES.incident,
        name: '[System] Incident',
        description: 'For system outages or incidents. Created by Jira Service Management.',
        subtask: false,
        hierarchyLevel: 0,
      },
    ],
    // Company-managed project: statuses are global.
    statuses: STATUSES.map((s) => ({
      id: DEMO_STATUS_IDS[s.key],
      name: s.name,
      description: '',
      statusCategory: s.category,
      scope: { type: 'GLOBAL' as const },
    })),
    workflows: [
      {
        id: DEMO_WORKFLOW_ID,
        name: 'Guide des statuts – SUP',
        description: 'Workflow installed by Guide des statuts.',
        statuses: STATUSES.map((s) => DEMO_STATUS_IDS[s.key]),
        transitions: TRANSITIONS.map((t) => ({
          id: DEMO_TRANSITION_IDS[t.id],
          name: t.name,
          from: t.from.map((k) => DEMO_STATUS_IDS[k]),
          to: DEMO_STATUS_IDS[t.to],
          hasScreen: t.performer === 'team' && TEAM_TRANSITIONS_WITH_SCREEN.includes(t.id),
          properties: { [TRANSITION_TAG_PROPERTY]: t.id },
        })),
      },
    ],
    workflowSchemes: [
      {
        id: DEMO_WORKFLOW_SCHEME_ID,
        name: 'Guide des statuts – SUP',
        defaultWorkflow: DEMO_WORKFLOW_ID,
        issueTypeMappings: {
          [DEMO_ISSUE_TYPES.serviceRequest]: DEMO_WORKFLOW_ID,
          [DEMO_ISSUE_TYPES.incident]: DEMO_WORKFLOW_ID,
        },
      },
    ],
    issues: [],
    notifications: [],
    tasks: [],
    sequences: { issue: 10100, changelog: 20000, comment: 30000 },
  };
  seedDemoIssues(state);
  return state;
}

/** How each demo request reached its status: the way a desk usually works, not the shortest path. */
const DEMO_HISTORIES: Record<StatusKey, readonly TransitionId[]> = {
  open: [],
  selected: ['select'],
  transferred: ['select', 'transferToDevelopment'],
  in_progress: ['startProgress'],
  waiting_customer: ['startProgress', 'requestInformation'],
  resolved: ['select', 'startProgress', 'resolve'],
  waiting_approval: ['startProgress', 'requestApproval'],
  to_deliver: ['startProgress', 'requestApproval', 'acceptedByCustomer'],
  closed: ['startProgress', 'resolve', 'close'],
  reopened: ['startProgress', 'resolve', 'close', 'reopen'],
};

/** SUP-1 … SUP-10, one per status in model order, reported by Claire; Pierre participates in some. */
function seedDemoIssues(state: DoubleState): void {
  const { reporter, participant, agent, atlassianCustomer } = DEMO_USERS;
  const day = 24 * 60 * 60 * 1000;
  STATUSES.forEach((status, index) => {
    const participants = [
      ...(index % 2 === 0 ? [participant.accountId] : []),
      // Anna (a customer with an Atlassian account) participates in SUP-4 and SUP-5 only.
      ...(status.key === 'in_progress' || status.key === 'waiting_customer'
        ? [atlassianCustomer.accountId]
        : []),
    ];
    addIssue(state, {
      summary: DEMO_SUMMARIES[status.key],
      reporter: reporter.accountId,
      requestTypeId: index % 3 === 0 ? DEMO_REQUEST_TYPES.problem : DEMO_REQUEST_TYPES.assistance,
      participants,
      statusId: DEMO_STATUS_IDS[status.key],
      transitionIds: DEMO_HISTORIES[status.key].map((id) => DEMO_TRANSITION_IDS[id]),
      created: DEMO_START + index * day,
    });
  });
  const sup5 = findIssue(state, 'SUP-5');
  if (sup5) {
    const asked = sup5.statusChangedAt;
    addComment(state, sup5, {
      authorId: agent.accountId,
      body: 'Bonjour, pourriez-vous nous envoyer une capture de l’écran de paiement et l’heure de la tentative ?',
      public: true,
      created: asked,
    });
    addComment(state, sup5, {
      authorId: agent.accountId,
      body: 'Note interne : vérifier les journaux du prestataire de paiement pour cette commune.',
      public: false,
      created: asked + 60_000,
    });
  }
}
