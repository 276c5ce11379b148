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
  serviceDeskId?: string;
  createdDate?: JsmDate;
  reporter?: JsmUser;
  currentStatus?: JsmRequestStatus;
  participants?: JsmPage<JsmUser>;
  /** Status history; the spec describes it as chronological (oldest first). */
  status?: JsmPage<JsmRequestStatus>;
}

/** JSM CommentDTO. */
export interface JsmComment {
  id: string;
  body?: string;
  public?: boolean;
  author?: JsmUser;
  created?: JsmDate;
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

/** Platform IssueBean with the fields this app asks for. */
export interface IssueBean {
  id: string;
  key: string;
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
