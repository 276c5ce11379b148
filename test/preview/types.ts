/** What the preview server answers its page (test/preview/page/), shared by both sides. */
import type { UiKitEvent, WireDoc } from './rendered/wire';
import type { OutlineNode, Surface, UiKitView } from './ui-kit-host';

export type { OutlineNode, Surface, UiKitEvent, UiKitView, WireDoc };

/** Where a resolver call came from: the portal panel (in the browser), the agent panel or the admin page. */
export type Origin = 'portal' | Surface;

export interface ViewerOption {
  accountId: string;
  displayName: string;
  /** How the demo site knows them: the reporter, a participant, a customer of another request. */
  role: 'reporter' | 'participant' | 'otherCustomer';
}

export interface RequestSummary {
  key: string;
  summary: string;
  statusName: string;
}

export interface SiteView {
  projectName: string;
  requests: RequestSummary[];
  viewers: ViewerOption[];
  /** As Jira names them, e.g. fr_FR. */
  locales: string[];
  /** Who calls the agent and admin resolvers. */
  agentName: string;
  adminName: string;
}

export interface CommentView {
  id: string;
  author: string;
  public: boolean;
  /** ISO 8601. */
  created: string;
  body: string;
}

export interface RequestState {
  key: string;
  summary: string;
  requestType: string;
  status: { name: string; since: string };
  reporter: string;
  participants: string[];
  /** Oldest first. */
  comments: CommentView[];
  /** The issue property guide-des-statuts.customer-actions as stored, or null when there is none. */
  audit: unknown;
  /** Status changes, oldest first. */
  history: { at: string; author: string; from: string | null; to: string }[];
}

/** One Jira request the double received during an invocation. */
export interface JiraRequestView {
  method: string;
  /** Decoded, with the query string when there was one. */
  path: string;
  status: number;
  /** Absent while the request is still being answered. */
  durationMs?: number;
  kind: 'read' | 'write';
}

export interface InvocationView {
  id: number;
  origin: Origin;
  functionKey: string;
  issueKey?: string;
  /** The display name of the caller, or "anonymous". */
  caller: string;
  /** ISO 8601. */
  startedAt: string;
  /** Null while running. */
  durationMs: number | null;
  /** 'ok', the error code the resolver answered, 'failed' when it threw, or 'running'. */
  outcome: string;
  answer?: unknown;
  requests: JiraRequestView[];
}

/** The newest resolver calls, and what the double found off-spec in the app's requests (nothing, normally). */
export interface CallsView {
  calls: InvocationView[];
  violations: { method: string; path: string; message: string }[];
}

/** What the server pushes on /__preview/api/events when an invocation starts or ends. */
export interface ChangeEvent {
  id: number;
  origin: Origin;
  functionKey: string;
  phase: 'start' | 'end';
  /** Jira writes the invocation made (0 at start). */
  writes: number;
}

export interface UiKitRequest {
  surface: Surface;
  /** Forge's form, e.g. fr-FR. */
  locale: string;
  issueKey?: string;
  reload?: boolean;
  press?: string;
  event?: UiKitEvent;
}
