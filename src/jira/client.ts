/**
 * The one way this app talks to Jira. It wraps the real `@forge/api` product fetch, retries what is
 * safe to retry (429 after `Retry-After`, bounded), and turns every failure into a typed JiraError.
 * Every endpoint it calls is in /specs and checked by the test double.
 */
import api, { route, type APIResponse, type RequestInit, type Route } from '@forge/api';
import { plainTextDocument } from './adf';
import { Deadline, DeadlineExceeded } from './deadline';
import { JiraError, kindForStatus, messagesFromErrorBody } from './errors';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
  type RetryPolicy,
} from './retry';
import type {
  ChangelogPage,
  CustomerRequest,
  IssueBean,
  IssueComment,
  IssueNotification,
  IssueSearchPage,
  IssueTransition,
  JiraUser,
  JsmPage,
  JsmUser,
  RequestComment,
  ServiceDesk,
} from './types';
import type {
  JiraProject,
  JiraStatus,
  MyPermissions,
  PageBean,
  TaskProgress,
  WorkflowCreatePayload,
  WorkflowReadRequest,
  WorkflowSchemeProjectUsages,
  WorkflowSchemeRead,
  WorkflowSchemeUpdate,
  WorkflowSchemeUsages,
  WorkflowsResponse,
  WorkflowUpdatePayload,
  WorkflowValidationError,
} from './workflow-types';

export type Principal = 'app' | 'user';

/** Platform HistoryMetadata (subset): who caused a change, shown in the issue history. */
export interface HistoryMetadata {
  type?: string;
  activityDescription?: string;
  actor?: { id?: string; displayName?: string; type?: string };
}

export interface TransitionExtras {
  properties?: { key: string; value: unknown }[];
  historyMetadata?: HistoryMetadata;
}
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JiraClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Injected in unit tests; real waits otherwise. */
  sleep?: (ms: number) => Promise<void>;
  /** The invocation's deadline, shared with its storage operations; the runtime's otherwise. */
  deadline?: Deadline;
}

/** A retry is only worth it if the request after the wait still has this long before the deadline. */
const MIN_REQUEST_MS = 1_000;

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The path without query string, for errors and logs (queries may carry user input). */
function pathOf(r: Route): string {
  return r.value.split('?')[0] ?? r.value;
}

/**
 * Create one client per invocation (resolver call or event): the retry budget is the client's, shared
 * by all its requests, so an operation of several requests cannot wait past the platform's time limit
 * (25 s for a resolver) however many of them Jira answers with 429.
 */
export class JiraClient {
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  /** What the retries of every request of this client have waited so far. */
  private waitedMs = 0;
  /** Every request and retry of this client ends by it: no invocation outlives its limit. */
  readonly deadline: Deadline;

  /**
   * `app` acts as the app itself (needed for portal-only customers, who cannot call Jira as
   * themselves); `user` acts as the invoking user, with that user's permissions.
   */
  constructor(
    readonly principal: Principal,
    options: JiraClientOptions = {},
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? realSleep;
    this.deadline = options.deadline ?? Deadline.forInvocation();
  }

  /** Sends one request and returns the parsed JSON body (undefined for 204 or an empty body). */
  async request<T>(method: Method, path: Route, body?: unknown): Promise<T | undefined> {
    const requester = this.principal === 'app' ? api.asApp() : api.asUser();
    const init: RequestInit = {
      method,
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      // JSON.stringify(undefined) is undefined: no body.
      body: JSON.stringify(body),
    };
    for (let attempt = 1; ; attempt++) {
      let response: APIResponse;
      let text: string | undefined;
      try {
        // The body is read within the deadline too: a slow body is as late as a slow answer.
        [response, text] = await this.deadline.run(`${method} ${pathOf(path)}`, async (signal) => {
          const answer = await requester.requestJira(path, { ...init, signal });
          return [answer, answer.ok || answer.status === 303 ? await answer.text() : undefined] as const;
        });
      } catch (cause) {
        const kind = cause instanceof DeadlineExceeded ? 'timeout' : 'network';
        throw Object.assign(new JiraError(kind, null, method, pathOf(path)), { cause });
      }
      // 303 is how Jira answers a request that started an asynchronous task (the body describes the
      // task); whether the platform follows the redirect to the task is not documented, so both count.
      if (text !== undefined) return text === '' ? undefined : (JSON.parse(text) as T);
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), Date.now());
      const wanted = isRetryableStatus(response.status, method)
        ? retryDelay(this.policy, attempt, retryAfter, this.waitedMs)
        : null;
      // No retry whose wait would leave the request after it too little time before the deadline.
      // No retry wanted counts as a wait no deadline allows.
      // Stryker disable next-line LogicalOperator: with no retry wanted the delay is null whatever the deadline allows
      const delay = this.deadline.allows((wanted ?? Number.POSITIVE_INFINITY) + MIN_REQUEST_MS)
        ? wanted
        : null;
      if (delay === null) {
        throw new JiraError(
          kindForStatus(response.status),
          response.status,
          method,
          pathOf(path),
          // None read (not JSON, too late): JiraError's default, no messages.
          // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded this catch swallows
          await this.deadline.run('error body', () => readMessages(response)).catch(() => undefined),
        );
      }
      // The body is only drained before the retry: what it says, or a failure to read it, is discarded.
      // Stryker disable next-line StringLiteral,ArrowFunction: the label only reaches a DeadlineExceeded this catch swallows; draining only frees the connection, which no request or answer shows
      await this.deadline.run('error body', () => response.text()).catch(() => undefined);
      await this.sleep(delay);
      this.waitedMs += delay;
    }
  }

  private async required<T>(method: Method, path: Route, body?: unknown): Promise<T> {
    const result = await this.request<T>(method, path, body);
    if (result === undefined)
      throw new JiraError('server', 200, method, pathOf(path), ['empty response body']);
    return result;
  }

  // --- Jira Service Management ---------------------------------------------------------------

  /** One call gives reporter, participants, current status and the status history. */
  getCustomerRequest(issueKey: string): Promise<CustomerRequest> {
    return this.required('GET', route`/rest/servicedeskapi/request/${issueKey}?expand=participant,status`);
  }

  getRequestParticipants(issueKey: string, start: number): Promise<JsmPage<JsmUser>> {
    return this.required('GET', route`/rest/servicedeskapi/request/${issueKey}/participant?start=${start}`);
  }

  /** The service desk of a project: JSM takes `projectKey:ABC` where a service desk id is asked. */
  getServiceDeskOfProject(projectKey: string): Promise<ServiceDesk> {
    return this.required('GET', route`/rest/servicedeskapi/servicedesk/${`projectKey:${projectKey}`}`);
  }

  /** One page of a service desk's requests the caller may see, latest activity first (documented), with their request type. */
  getServiceDeskRequests(serviceDeskId: string, limit: number): Promise<JsmPage<CustomerRequest>> {
    const query = new URLSearchParams({
      serviceDeskId,
      requestOwnership: 'ALL_REQUESTS',
      requestStatus: 'ALL_REQUESTS',
      expand: 'requestType',
      limit: String(limit),
    });
    return this.required('GET', route`/rest/servicedeskapi/request?${query}`);
  }

  /** One comment as JSM shows it, with its `public` flag (customers see public ones only). */
  getRequestComment(issueKey: string, commentId: string): Promise<RequestComment> {
    return this.required('GET', route`/rest/servicedeskapi/request/${issueKey}/comment/${commentId}`);
  }

  // --- Jira platform ------------------------------------------------------------------------

  /**
   * A comment in exactly these words, public to the customer on the portal. Posted as an ADF
   * document of plain text (see adf.ts), marked public with JSM's `sd.public.comment` property.
   */
  addPublicComment(
    issueKey: string,
    text: string,
    properties: readonly { key: string; value: unknown }[] = [],
  ): Promise<IssueComment> {
    return this.required('POST', route`/rest/api/3/issue/${issueKey}/comment`, {
      body: plainTextDocument(text),
      properties: [{ key: 'sd.public.comment', value: { internal: false } }, ...properties],
    });
  }

  /** The issue's newest comments, newest first (ids and dates; bodies are not used). */
  async getLatestComments(issueKey: string, maxResults: number, startAt = 0): Promise<IssueComment[]> {
    const query = new URLSearchParams({
      orderBy: '-created',
      maxResults: String(maxResults),
      startAt: String(startAt),
    });
    const page = await this.required<{ comments?: IssueComment[] }>(
      'GET',
      route`/rest/api/3/issue/${issueKey}/comment?${query}`,
    );
    return page.comments ?? [];
  }

  /**
   * Comments by id with their properties: `expand=properties` is documented on this bulk read, not
   * on the issue's comment list (a POST that only reads).
   */
  async getCommentsWithProperties(ids: readonly string[]): Promise<IssueComment[]> {
    if (ids.length === 0) return [];
    const page = await this.required<{ values?: IssueComment[] }>(
      'POST',
      route`/rest/api/3/comment/list?expand=properties`,
      { ids: ids.map(Number) },
    );
    return page.values ?? [];
  }

  /** Replaces a comment property (the comment mark, when an account is erased: src/privacy/erase.ts). */
  async setCommentProperty(commentId: string, propertyKey: string, value: unknown): Promise<void> {
    await this.request('PUT', route`/rest/api/3/comment/${commentId}/properties/${propertyKey}`, value);
  }

  /**
   * The issue with the given fields; `properties` and `expand` (e.g. 'changelog') add issue
   * properties and the most recent history in the same request.
   */
  getIssue(
    issueKey: string,
    fields: readonly string[],
    extra: { properties?: readonly string[]; expand?: readonly string[] } = {},
  ): Promise<IssueBean> {
    const query = new URLSearchParams({ fields: fields.join(',') });
    if (extra.properties?.length) query.set('properties', extra.properties.join(','));
    if (extra.expand?.length) query.set('expand', extra.expand.join(','));
    return this.required('GET', route`/rest/api/3/issue/${issueKey}?${query}`);
  }

  /** The changelog entries of the given ids (Jira's ids are numbers; others are left out). */
  getChangelogsByIds(issueKey: string, ids: readonly string[]): Promise<ChangelogPage> {
    const changelogIds = ids.filter((id) => /^\d+$/.test(id)).map(Number);
    return this.required('POST', route`/rest/api/3/issue/${issueKey}/changelog/list`, { changelogIds });
  }

  /** The user the client acts as: asApp, the app's own account. */
  getMyself(): Promise<JiraUser> {
    return this.required('GET', route`/rest/api/3/myself`);
  }

  /** One user, with their locale (needs "Browse users and groups", which the app holds). */
  getUser(accountId: string): Promise<JiraUser> {
    const query = new URLSearchParams({ accountId });
    return this.required('GET', route`/rest/api/3/user?${query}`);
  }

  /** Several users in one request, one page sized to the ids (callers ask for a handful). */
  async getUsers(accountIds: readonly string[]): Promise<JiraUser[]> {
    const query = new URLSearchParams({ maxResults: String(accountIds.length) });
    for (const id of accountIds) query.append('accountId', id);
    const page = await this.required<{ values?: JiraUser[] }>('GET', route`/rest/api/3/user/bulk?${query}`);
    return page.values ?? [];
  }

  /** Queues an e-mail about the issue; Jira answers 204 and sends it later. */
  async notify(issueKey: string, notification: IssueNotification): Promise<void> {
    await this.request('POST', route`/rest/api/3/issue/${issueKey}/notify`, notification);
  }

  async getTransitions(issueKey: string): Promise<IssueTransition[]> {
    const result = await this.required<{ transitions?: IssueTransition[] }>(
      'GET',
      route`/rest/api/3/issue/${issueKey}/transitions`,
    );
    return result.transitions ?? [];
  }

  /**
   * Performs a transition, optionally setting issue properties and changelog metadata in the same
   * request. No comment here: Jira drops `update.comment` on transitions without a screen.
   */
  async transitionIssue(issueKey: string, transitionId: string, extra: TransitionExtras = {}): Promise<void> {
    await this.request('POST', route`/rest/api/3/issue/${issueKey}/transitions`, {
      transition: { id: transitionId },
      ...(extra.properties ? { properties: extra.properties } : {}),
      ...(extra.historyMetadata ? { historyMetadata: extra.historyMetadata } : {}),
    });
  }

  /** An issue property's value, or undefined when the issue has none under that key. */
  async getIssueProperty<T>(issueKey: string, propertyKey: string): Promise<T | undefined> {
    try {
      const result = await this.request<{ key: string; value: T }>(
        'GET',
        route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`,
      );
      return result?.value;
    } catch (error) {
      if (error instanceof JiraError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  async setIssueProperty(issueKey: string, propertyKey: string, value: unknown): Promise<void> {
    await this.request('PUT', route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, value);
  }

  // --- Jira administration (the workflow installer) ------------------------------------------------

  /** Global permissions of the caller, e.g. ['ADMINISTER']. */
  getMyPermissions(keys: readonly string[]): Promise<MyPermissions> {
    const query = new URLSearchParams({ permissions: keys.join(',') });
    return this.required('GET', route`/rest/api/3/mypermissions?${query}`);
  }

  /** One page of service projects, with their issue types. `keys` narrows to those projects. */
  searchServiceProjects(startAt: number, keys: readonly string[] = []): Promise<PageBean<JiraProject>> {
    const query = new URLSearchParams({
      typeKey: 'service_desk',
      expand: 'issueTypes',
      startAt: String(startAt),
      maxResults: '50',
    });
    for (const key of keys) query.append('keys', key);
    return this.required('GET', route`/rest/api/3/project/search?${query}`);
  }

  /** Projects of any type by id, for their keys and names (`id` takes 50 at most). */
  getProjectsById(ids: readonly string[]): Promise<PageBean<JiraProject>> {
    const query = new URLSearchParams({ maxResults: '50' });
    for (const id of ids) query.append('id', id);
    return this.required('GET', route`/rest/api/3/project/search?${query}`);
  }

  /** One page of the statuses of a scope: global ones, or those of one team-managed project. */
  searchStatuses(projectId: string | undefined, startAt: number): Promise<PageBean<JiraStatus>> {
    const query = new URLSearchParams({ startAt: String(startAt), maxResults: '200' });
    if (projectId !== undefined) query.set('projectId', projectId);
    return this.required('GET', route`/rest/api/3/statuses/search?${query}`);
  }

  /** Workflows by id or name, with the statuses they use (a POST that only reads). */
  readWorkflows(request: WorkflowReadRequest): Promise<WorkflowsResponse> {
    return this.required('POST', route`/rest/api/3/workflows`, request);
  }

  async validateCreateWorkflows(payload: WorkflowCreatePayload): Promise<WorkflowValidationError[]> {
    const result = await this.required<{ errors?: WorkflowValidationError[] }>(
      'POST',
      route`/rest/api/3/workflows/create/validation`,
      { payload, validationOptions: { levels: ['ERROR'] } },
    );
    return result.errors ?? [];
  }

  /** Creates the statuses and workflows of the payload in one request. */
  createWorkflows(payload: WorkflowCreatePayload): Promise<WorkflowsResponse> {
    return this.required('POST', route`/rest/api/3/workflows/create`, payload);
  }

  async validateUpdateWorkflows(payload: WorkflowUpdatePayload): Promise<WorkflowValidationError[]> {
    const result = await this.required<{ errors?: WorkflowValidationError[] }>(
      'POST',
      route`/rest/api/3/workflows/update/validation`,
      { payload, validationOptions: { levels: ['ERROR'] } },
    );
    return result.errors ?? [];
  }

  updateWorkflows(payload: WorkflowUpdatePayload): Promise<WorkflowsResponse> {
    return this.required('POST', route`/rest/api/3/workflows/update`, payload);
  }

  /** The workflow schemes of the given projects (a POST that only reads). */
  readWorkflowSchemes(projectIds: readonly string[]): Promise<WorkflowSchemeRead[]> {
    return this.required('POST', route`/rest/api/3/workflowscheme/read`, { projectIds });
  }

  /** One page (200 at most) of the projects that use a workflow scheme. */
  getWorkflowSchemeProjectUsages(
    schemeId: string,
    nextPageToken?: string,
  ): Promise<WorkflowSchemeProjectUsages> {
    const query = new URLSearchParams({ maxResults: '200' });
    if (nextPageToken !== undefined) query.set('nextPageToken', nextPageToken);
    return this.required('GET', route`/rest/api/3/workflowscheme/${schemeId}/projectUsages?${query}`);
  }

  /** One page (200 at most) of the workflow schemes that use a workflow (getWorkflowSchemeUsagesForWorkflow). */
  getWorkflowSchemeUsages(workflowId: string, nextPageToken?: string): Promise<WorkflowSchemeUsages> {
    const query = new URLSearchParams({ maxResults: '200' });
    if (nextPageToken !== undefined) query.set('nextPageToken', nextPageToken);
    return this.required('GET', route`/rest/api/3/workflow/${workflowId}/workflowSchemes?${query}`);
  }

  /**
   * Updates a workflow scheme. When issues must move, Jira answers 303 with the migration task;
   * null means the change applied at once.
   */
  async updateWorkflowScheme(update: WorkflowSchemeUpdate): Promise<TaskProgress | null> {
    const result = await this.request<Partial<TaskProgress>>(
      'POST',
      route`/rest/api/3/workflowscheme/update`,
      update,
    );
    return isTask(result) ? result : null;
  }

  getTask(taskId: string): Promise<TaskProgress> {
    return this.required('GET', route`/rest/api/3/task/${taskId}`);
  }

  /**
   * One page of the issues a bounded JQL query finds (POST /rest/api/3/search/jql, a POST that only
   * reads), with the given fields, up to 5 issue properties and optional `expand` (e.g. 'changelog').
   */
  searchIssues(
    jql: string,
    fields: readonly string[],
    extra: {
      properties?: readonly string[];
      expand?: string;
      nextPageToken?: string;
      maxResults?: number;
    } = {},
  ): Promise<IssueSearchPage> {
    return this.required('POST', route`/rest/api/3/search/jql`, {
      jql,
      fields: [...fields],
      maxResults: extra.maxResults ?? 100,
      ...(extra.properties?.length ? { properties: [...extra.properties] } : {}),
      ...(extra.expand ? { expand: extra.expand } : {}),
      ...(extra.nextPageToken ? { nextPageToken: extra.nextPageToken } : {}),
    });
  }

  /** Jira's estimate of how many issues match a bounded JQL query. */
  async countIssues(jql: string): Promise<number> {
    const body = { jql };
    const result = await this.required<{ count?: number }>(
      'POST',
      route`/rest/api/3/search/approximate-count`,
      body,
    );
    return result.count ?? 0;
  }
}

function isTask(value: Partial<TaskProgress> | undefined): value is TaskProgress {
  return typeof value?.id === 'string' && typeof value.status === 'string';
}

/** Jira's messages in an error body; its caller answers none when the body is not JSON or not there. */
async function readMessages(response: APIResponse): Promise<string[]> {
  return messagesFromErrorBody(JSON.parse(await response.text()));
}
