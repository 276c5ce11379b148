/**
 * Jira sites for the installer tests, built on the double's demo state: service projects as Jira
 * Service Management creates them (English default statuses, one workflow per request kind, their
 * own scheme), company-managed or team-managed, with requests in any of their statuses.
 */
import {
  DEMO_ISSUE_TYPES,
  DEMO_USERS,
  addIssue,
  findProject,
  nextId,
  type DoubleProject,
  type DoubleState,
  type DoubleStatus,
  type DoubleTransition,
  type DoubleWorkflow,
  type StatusCategoryKey,
  type StatusScope,
} from '../double/state';

/** The statuses a new Jira Service Management project gets, with their categories. */
export const JSM_STATUSES: Readonly<Record<string, StatusCategoryKey>> = {
  'Waiting for support': 'TODO',
  'In Progress': 'IN_PROGRESS',
  'Waiting for customer': 'IN_PROGRESS',
  Pending: 'IN_PROGRESS',
  Escalated: 'IN_PROGRESS',
  Resolved: 'DONE',
  Closed: 'DONE',
  Canceled: 'DONE',
};

type Graph = { name: string; from: string[]; to: string }[];

/** Service requests: the shape of JSM's "Service request fulfilment" workflow. */
const SERVICE_REQUEST_GRAPH: Graph = [
  { name: 'Create', from: [], to: 'Waiting for support' },
  {
    name: 'Respond to customer',
    from: ['Waiting for support', 'In Progress', 'Pending'],
    to: 'Waiting for customer',
  },
  { name: 'Respond to support', from: ['Waiting for customer'], to: 'Waiting for support' },
  { name: 'Start work', from: ['Waiting for support', 'Waiting for customer'], to: 'In Progress' },
  { name: 'Pending', from: ['In Progress'], to: 'Pending' },
  {
    name: 'Resolve',
    from: ['Waiting for support', 'In Progress', 'Waiting for customer', 'Pending'],
    to: 'Resolved',
  },
  { name: 'Close', from: ['Resolved'], to: 'Closed' },
  { name: 'Cancel', from: ['Waiting for support', 'Waiting for customer', 'In Progress'], to: 'Canceled' },
];

/** Incidents: the shape of JSM's "Incident management" workflow. */
const INCIDENT_GRAPH: Graph = [
  { name: 'Create', from: [], to: 'Waiting for support' },
  { name: 'Start work', from: ['Waiting for support'], to: 'In Progress' },
  { name: 'Escalate', from: ['Waiting for support', 'In Progress'], to: 'Escalated' },
  { name: 'Respond to customer', from: ['In Progress', 'Escalated'], to: 'Waiting for customer' },
  { name: 'Respond to support', from: ['Waiting for customer'], to: 'Waiting for support' },
  { name: 'Resolve', from: ['In Progress', 'Escalated', 'Waiting for customer'], to: 'Resolved' },
  { name: 'Close', from: ['Resolved'], to: 'Closed' },
];

const sameScope = (a: StatusScope, b: StatusScope): boolean =>
  a.type === b.type && (a.type === 'GLOBAL' || (b.type === 'PROJECT' && a.projectId === b.projectId));

/** The status of that name in the scope, created when the site has none. */
export function ensureStatus(state: DoubleState, name: string, scope: StatusScope): DoubleStatus {
  const existing = state.statuses.find(
    (s) => sameScope(s.scope, scope) && s.name.toLowerCase() === name.toLowerCase(),
  );
  if (existing) return existing;
  const status: DoubleStatus = {
    id: nextId(state, 'status', 10100),
    name,
    description: '',
    statusCategory: JSM_STATUSES[name] ?? 'IN_PROGRESS',
    scope,
  };
  state.statuses.push(status);
  return status;
}

function addWorkflow(state: DoubleState, name: string, graph: Graph, scope: StatusScope): DoubleWorkflow {
  const ids = new Map<string, string>();
  for (const t of graph) for (const n of [t.to, ...t.from]) ids.set(n, ensureStatus(state, n, scope).id);
  const idOf = (n: string): string => ids.get(n) ?? '';
  const transitions: DoubleTransition[] = graph.map((t, i) => ({
    id: i === 0 ? '1' : String(i * 10 + 1),
    name: t.name,
    from: t.from.map(idOf),
    to: idOf(t.to),
    hasScreen: false,
    properties: {},
  }));
  const workflow: DoubleWorkflow = {
    // Workflow ids of the current APIs are UUIDs.
    id: `${nextId(state, 'workflow', 100).padStart(8, '0')}-0000-4000-8000-000000000000`,
    name,
    description: 'Created by Jira Service Management.',
    statuses: [...new Set(ids.values())],
    transitions,
    scope,
    versionNumber: 1,
  };
  state.workflows.push(workflow);
  return workflow;
}

export interface NewServiceProject {
  key: string;
  name?: string;
  /** 'classic' is company-managed (the default), 'next-gen' team-managed. */
  style?: 'classic' | 'next-gen';
}

/**
 * A service project as Jira creates it: service requests and incidents, each with its own JSM
 * workflow, in a scheme of its own. Team-managed projects get their own issue types and statuses.
 */
export function addServiceProject(state: DoubleState, spec: NewServiceProject): DoubleProject {
  const style = spec.style ?? 'classic';
  const id = nextId(state, 'project', 10100);
  const scope: StatusScope = style === 'next-gen' ? { type: 'PROJECT', projectId: id } : { type: 'GLOBAL' };
  let issueTypeIds: [string, string] = [DEMO_ISSUE_TYPES.serviceRequest, DEMO_ISSUE_TYPES.incident];
  if (style === 'next-gen') {
    issueTypeIds = [nextId(state, 'issuetype', 10500), nextId(state, 'issuetype', 10500)];
    state.issueTypes.push(
      { id: issueTypeIds[0], name: 'Submit a request', description: '', subtask: false, hierarchyLevel: 0 },
      { id: issueTypeIds[1], name: 'Report an incident', description: '', subtask: false, hierarchyLevel: 0 },
    );
  }
  const requests = addWorkflow(
    state,
    `${spec.key}: Service request fulfilment workflow`,
    SERVICE_REQUEST_GRAPH,
    scope,
  );
  const incidents = addWorkflow(state, `${spec.key}: Incident management workflow`, INCIDENT_GRAPH, scope);
  const schemeId = nextId(state, 'scheme', 10300);
  state.workflowSchemes.push({
    id: schemeId,
    name: `${spec.key}: Service Management workflow scheme`,
    description: '',
    scope,
    versionNumber: 1,
    defaultWorkflow: requests.id,
    // Team-managed schemes map every issue type; company-managed ones lean on the default.
    issueTypeMappings:
      style === 'next-gen'
        ? { [issueTypeIds[0]]: requests.id, [issueTypeIds[1]]: incidents.id }
        : { [issueTypeIds[1]]: incidents.id },
  });
  const project: DoubleProject = {
    id,
    key: spec.key,
    name: spec.name ?? `Support ${spec.key}`,
    projectTypeKey: 'service_desk',
    style,
    serviceDeskId: nextId(state, 'servicedesk', 10),
    agents: [DEMO_USERS.agent.accountId, DEMO_USERS.admin.accountId],
    requestTypes: [
      { id: nextId(state, 'requesttype', 100), name: 'Get help', issueTypeId: issueTypeIds[0] },
      { id: nextId(state, 'requesttype', 100), name: 'Report a problem', issueTypeId: issueTypeIds[1] },
    ],
    issueTypeIds,
    workflowSchemeId: schemeId,
  };
  state.projects.push(project);
  return project;
}

/** `count` requests of the project's first (service request) or second (incident) kind, in `statusName`. */
export function addRequests(
  state: DoubleState,
  projectKey: string,
  statusName: string,
  count: number,
  kind: 'request' | 'incident' = 'request',
): void {
  const project = findProject(state, projectKey);
  if (!project) throw new Error(`no project ${projectKey}`);
  const requestType = project.requestTypes[kind === 'request' ? 0 : 1];
  const scope: StatusScope =
    project.style === 'next-gen' ? { type: 'PROJECT', projectId: project.id } : { type: 'GLOBAL' };
  const status = state.statuses.find((s) => sameScope(s.scope, scope) && s.name === statusName);
  if (!status || !requestType) throw new Error(`no status ${statusName} in ${projectKey}`);
  for (let i = 0; i < count; i++)
    addIssue(state, {
      summary: `${statusName} ${i + 1}`,
      reporter: DEMO_USERS.reporter.accountId,
      projectKey,
      requestTypeId: requestType.id,
      statusId: status.id,
    });
}

/** A site without the demo project: no status of the guide exists anywhere yet. */
export function withoutDemoProject(state: DoubleState): void {
  state.projects = [];
  state.issues = [];
  state.workflows = [];
  state.workflowSchemes = [];
  state.statuses = [];
}

/**
 * The project's scheme made to use another project's workflow for all its request types, as an
 * administrator may do by hand in Jira (the HELP project on SUP's "Guide des statuts – SUP").
 */
export function shareWorkflow(state: DoubleState, projectKey: string, workflowId: string): void {
  const project = findProject(state, projectKey);
  const scheme = state.workflowSchemes.find((s) => s.id === project?.workflowSchemeId);
  if (!project || !scheme) throw new Error(`no project ${projectKey} with a scheme`);
  scheme.defaultWorkflow = workflowId;
  scheme.issueTypeMappings = {};
}
