/**
 * The parts of Jira's administration APIs the installer reads and writes, typed after the OpenAPI
 * spec in /specs (Project, JiraStatus, JiraWorkflow, WorkflowCreateRequest, WorkflowUpdateRequest,
 * WorkflowSchemeReadResponse, WorkflowSchemeUpdateRequest, TaskProgressBeanObject…). Response
 * fields are optional where the spec does not require them: the code must cope with their absence.
 */
import type { StatusCategory } from '../workflow';

/** GET /rest/api/3/mypermissions. */
export interface MyPermissions {
  permissions: Record<string, { key?: string; havePermission?: boolean } | undefined>;
}

/** Platform PageBean… envelopes (PageBeanProject, PageOfStatuses). */
export interface PageBean<T> {
  values?: T[];
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
  nextPage?: string;
}

/** Platform Project (subset), as GET /rest/api/3/project/search returns it with `expand=issueTypes`. */
export interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
  /** 'classic' is company-managed, 'next-gen' team-managed. */
  style?: 'classic' | 'next-gen';
  simplified?: boolean;
  issueTypes?: { id?: string; name?: string; subtask?: boolean }[];
}

export interface WorkflowScope {
  type?: 'GLOBAL' | 'PROJECT';
  project?: { id: string } | null;
}

/** GET /rest/api/3/statuses/search → PageOfStatuses.values. */
export interface JiraStatus {
  id?: string;
  name?: string;
  description?: string;
  statusCategory?: StatusCategory;
  scope?: WorkflowScope;
}

export interface DocumentVersion {
  id?: string;
  versionNumber?: number;
}

export interface WorkflowRule {
  id?: string | null;
  ruleKey: string;
  parameters?: Record<string, string>;
}

export interface WorkflowTrigger {
  id?: string;
  ruleKey: string;
  parameters: Record<string, string>;
}

export interface ConditionGroup {
  operation?: 'ANY' | 'ALL';
  conditions?: WorkflowRule[];
  conditionGroups?: ConditionGroup[];
}

export interface WorkflowTransitionLink {
  fromStatusReference?: string | null;
  fromPort?: number | null;
  toPort?: number | null;
}

export type TransitionType = 'INITIAL' | 'GLOBAL' | 'DIRECTED';

/** JiraWorkflow.transitions[] (WorkflowTransitions). */
export interface JiraWorkflowTransition {
  id?: string;
  name?: string;
  description?: string;
  type?: TransitionType;
  toStatusReference?: string;
  links?: WorkflowTransitionLink[];
  properties?: Record<string, string>;
  actions?: WorkflowRule[];
  validators?: WorkflowRule[];
  triggers?: WorkflowTrigger[];
  conditions?: ConditionGroup | null;
  transitionScreen?: WorkflowRule | null;
  customIssueEventId?: string | null;
}

export interface Layout {
  x?: number | null;
  y?: number | null;
}

/** JiraWorkflow.statuses[] (WorkflowReferenceStatus). */
export interface WorkflowReferenceStatus {
  statusReference?: string;
  properties?: Record<string, string>;
  layout?: Layout | null;
  approvalConfiguration?: Record<string, unknown> | null;
  deprecated?: boolean;
}

export interface JiraWorkflow {
  id?: string;
  name?: string;
  description?: string;
  scope?: WorkflowScope;
  version?: DocumentVersion;
  isEditable?: boolean;
  statuses?: WorkflowReferenceStatus[];
  transitions?: JiraWorkflowTransition[];
  startPointLayout?: Layout | null;
  loopedTransitionContainerLayout?: Layout | null;
  taskId?: string | null;
}

/** JiraWorkflowStatus: a status with the reference the same response's workflows use for it. */
export interface JiraWorkflowStatus {
  id?: string;
  name?: string;
  description?: string;
  statusCategory?: StatusCategory;
  statusReference?: string;
  scope?: WorkflowScope;
}

/** POST /rest/api/3/workflows, /workflows/create and /workflows/update answer with this shape. */
export interface WorkflowsResponse {
  workflows?: JiraWorkflow[];
  statuses?: JiraWorkflowStatus[];
  taskId?: string | null;
}

export interface WorkflowReadRequest {
  workflowIds?: string[];
  workflowNames?: string[];
}

// --- request bodies ------------------------------------------------------------------------------

/** WorkflowStatusUpdate: a status of a create/update payload; with `id`, an existing status. */
export interface WorkflowStatusUpdate {
  id?: string;
  name: string;
  statusCategory: StatusCategory;
  statusReference: string;
  description?: string;
}

export interface StatusLayoutUpdate {
  statusReference: string;
  properties: Record<string, string>;
  layout?: { x?: number; y?: number };
  approvalConfiguration?: Record<string, unknown>;
}

/** TransitionUpdateDTO. */
export interface TransitionUpdate {
  id?: string;
  name?: string;
  description?: string;
  type?: TransitionType;
  toStatusReference?: string;
  links?: WorkflowTransitionLink[];
  properties?: Record<string, string>;
  actions?: WorkflowRule[];
  validators?: WorkflowRule[];
  triggers?: WorkflowTrigger[];
  conditions?: ConditionGroup & { operation: 'ANY' | 'ALL' };
  transitionScreen?: WorkflowRule;
  customIssueEventId?: string;
}

export interface WorkflowCreatePayload {
  scope: { type: 'GLOBAL' } | { type: 'PROJECT'; project: { id: string } };
  statuses: WorkflowStatusUpdate[];
  workflows: {
    name: string;
    description?: string;
    startPointLayout?: { x?: number; y?: number };
    statuses: StatusLayoutUpdate[];
    transitions: TransitionUpdate[];
  }[];
}

export interface WorkflowUpdatePayload {
  statuses: WorkflowStatusUpdate[];
  workflows: {
    id: string;
    version: DocumentVersion;
    description?: string;
    startPointLayout?: { x?: number; y?: number };
    statuses: StatusLayoutUpdate[];
    transitions: TransitionUpdate[];
  }[];
}

/** WorkflowValidationErrorList.errors[]. */
export interface WorkflowValidationError {
  code?: string;
  level?: 'WARNING' | 'ERROR';
  message?: string;
  type?: string;
}

// --- workflow schemes and tasks -----------------------------------------------------------------------

export interface WorkflowMetadata {
  id: string;
  name: string;
  description?: string;
  version?: DocumentVersion;
}

/** POST /rest/api/3/workflowscheme/read → WorkflowSchemeReadResponse[]. */
export interface WorkflowSchemeRead {
  id: string;
  name: string;
  description?: string | null;
  scope: WorkflowScope;
  version: DocumentVersion;
  defaultWorkflow?: WorkflowMetadata;
  workflowsForIssueTypes: { issueTypeIds: string[]; workflow: WorkflowMetadata }[];
  taskId?: string | null;
}

/** WorkflowSchemeUpdateRequest. */
export interface WorkflowSchemeUpdate {
  id: string;
  name: string;
  description: string;
  version: DocumentVersion;
  defaultWorkflowId?: string;
  workflowsForIssueTypes?: { workflowId: string; issueTypeIds: string[] }[];
  statusMappingsByWorkflows?: {
    oldWorkflowId: string;
    newWorkflowId: string;
    statusMappings: { oldStatusId: string; newStatusId: string }[];
  }[];
}

/** GET /rest/api/3/workflowscheme/{id}/projectUsages. */
export interface WorkflowSchemeProjectUsages {
  workflowSchemeId?: string;
  projects?: { values?: { id?: string }[]; nextPageToken?: string };
}

/** WorkflowSchemeUsageDTO: the workflow schemes that use a workflow. */
export interface WorkflowSchemeUsages {
  workflowId?: string;
  workflowSchemes?: { values?: { id?: string }[]; nextPageToken?: string };
}

export type TaskStatus =
  'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED' | 'CANCEL_REQUESTED' | 'CANCELLED' | 'DEAD';

/** TaskProgressBeanObject. */
export interface TaskProgress {
  id: string;
  self?: string;
  status: TaskStatus;
  progress?: number;
  message?: string;
}
