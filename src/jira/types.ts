/**
 * The parts of Jira's responses this app reads, typed after the OpenAPI specs in /specs
 * (CustomerRequestDTO, CommentDTO, IssueBean, Transitions…). Fields the app does not use are left out.
 */

/** JSM DateDTO. */
export interface JsmDate {
  iso8601: string;
  epochMillis: number;
  friendly?: string;
  jira?: string;
}

/** JSM UserDTO. */
export interface JsmUser {
  accountId: string;
  displayName?: string;
  emailAddress?: string;
  active?: boolean;
  timeZone?: string;
}

/** JSM CustomerRequestStatusDTO. `statusCategory` is NEW, INDETERMINATE, DONE or UNDEFINED. */
export interface JsmRequestStatus {
  status: string;
  statusCategory?: string;
  statusDate: JsmDate;
}

export interface JsmPage<T> {
  values: T[];
  size?: number;
  start?: number;
  limit?: number;
  isLastPage?: boolean;
}

/** JSM CustomerRequestDTO, as returned with `expand=participant,status`. */
export interface CustomerRequest {
  issueId: string;
  issueKey: string;
  summary?: string;
  requestTypeId?: string;
  /** Only with `expand=requestType`. */
  requestType?: { id?: string; name?: string };
  serviceDeskId?: string;
  createdDate?: JsmDate;
  reporter?: JsmUser;
  currentStatus?: JsmRequestStatus;
  participants?: JsmPage<JsmUser>;
  /** Status history; the spec describes it as chronological (oldest first). */
  status?: JsmPage<JsmRequestStatus>;
  /** `web` is the request's page on the customer portal. */
  _links?: { web?: string; self?: string; agent?: string };
}

/** JSM ServiceDeskDTO (subset). */
export interface ServiceDesk {
  id: string;
  projectId?: string;
  projectKey?: string;
}

/** JSM CommentDTO (subset): whether customers see the comment. */
export interface RequestComment {
  id: string;
  public?: boolean;
}

/** Platform Comment (subset): what the app reads back from a comment it posted. */
export interface IssueComment {
  id: string;
  /** Whether the customer sees it on the portal (JSM projects). */
  jsdPublic?: boolean;
  /** ISO 8601. */
  created?: string;
  /** Only with `expand=properties` (comment/list). */
  properties?: { key: string; value: unknown }[];
}

/** Platform StatusDetails (subset). */
export interface StatusDetails {
  id: string;
  name: string;
  statusCategory?: { key?: string; name?: string };
}

/** Platform IssueTransition (subset). */
export interface IssueTransition {
  id: string;
  name: string;
  hasScreen?: boolean;
  isAvailable?: boolean;
  to?: StatusDetails;
}

/** Platform ChangeDetails: one changed field of a changelog entry. */
export interface ChangeDetails {
  field?: string;
  fieldId?: string;
  fieldtype?: string;
  from?: string | null;
  fromString?: string | null;
  to?: string | null;
  toString?: string | null;
}

/** Platform Changelog (subset): one change to an issue. */
export interface ChangelogEntry {
  id: string;
  /** UserDetails: `accountType` is 'atlassian', 'app' or 'customer'. */
  author?: { accountId?: string; accountType?: string; displayName?: string };
  /** What the caller of the change sent with it (HistoryMetadata), e.g. an app's `type`. */
  historyMetadata?: { type?: string };
  /** Jira's date-time form, e.g. 2025-03-03T09:30:00.000+0100. */
  created?: string;
  items?: ChangeDetails[];
}

/** PageOfChangelogs, as POST /issue/{key}/changelog/list answers. */
export interface ChangelogPage {
  histories?: ChangelogEntry[];
}

/** The changelog of GET issue with `expand=changelog`: at most one page of it. */
export interface IssueChangelog {
  startAt?: number;
  maxResults?: number;
  total?: number;
  histories?: ChangelogEntry[];
}

/** Platform IssueBean with the fields this app asks for. */
export interface IssueBean {
  id: string;
  key: string;
  /** The issue properties asked for with `properties=`, by key. */
  properties?: Record<string, unknown>;
  changelog?: IssueChangelog;
  fields: {
    summary?: string;
    status?: StatusDetails;
    reporter?: { accountId: string; displayName?: string } | null;
    project?: { id: string; key: string; name?: string };
    created?: string;
    updated?: string;
    statuscategorychangedate?: string;
  };
}

/** Platform User (subset). */
export interface JiraUser {
  accountId: string;
  accountType?: string;
  displayName?: string;
  locale?: string;
  timeZone?: string;
  active?: boolean;
}

/** Platform Notification (subset): an e-mail Jira sends about an issue (POST /issue/{key}/notify). */
export interface IssueNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  to: { reporter?: boolean; users?: { accountId: string }[] };
}
