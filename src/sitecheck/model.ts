/**
 * What the site check observed, as facts (no texts): kept in Forge storage and phrased in the
 * administrator's language each time it is shown. A check that failed says so and never passes.
 */
import type { Finding, InstallState } from '../installer/analysis';
import type { StatusKey } from '../workflow';

/** One check's outcome: what was seen, or that it could not be seen. */
export type Checked<T> = { ok: true; at: number; seen: T } | { ok: false; at: number; reason: string };

export interface CommentSeen {
  issueKey: string;
  commentId: string;
  /** JSM's `public` flag on the comment, read back as the app. */
  public: boolean;
}

export interface StatusSample {
  requestTypeId: string;
  /** The request type's name, as JSM gives it (its id when it does not). */
  requestType: string;
  issueKey: string;
  /** The name and category JSM reports (what customers see). */
  shown: string;
  shownCategory: string | null;
  /** The platform issue's status. */
  jira: { id: string; name: string };
  /** The status the app takes the request to be in (by name when it trusts it, else by id). */
  appReads: StatusKey | null;
  /** The status it really is in, by the installer's recorded id (by Jira name when none is recorded). */
  actual: StatusKey | null;
}

export interface StorageSeen {
  /** Whether the second "set if absent" was refused. */
  refused: boolean;
  status: number | null;
  code: string | null;
  /** Whether the app's `isKeyConflict` takes that refusal for a taken key. */
  recognised: boolean;
}

export interface LicenceSeen {
  present: boolean;
  /** `isActive` (or the older `active`) when a license object is given. */
  active: boolean | null;
}

export interface WorkflowSeen {
  state: InstallState;
  findings: Finding[];
}

export interface SiteCheckRecord {
  projectKey: string;
  ranAt: number;
  comments: Checked<CommentSeen[]>;
  statusNames: Checked<{ configRecorded: boolean; samples: StatusSample[] }>;
  storage: Checked<StorageSeen>;
  licence: Checked<LicenceSeen>;
  workflow: Checked<WorkflowSeen>;
}

export interface MailRecord {
  at: number;
  /** The request whose reporter got it; no name is kept, so the record holds no personal data. */
  requestKey: string;
  /** Jira's answer: 204 when it queued the e-mail, else its status (null: no answer) and messages. */
  accepted: boolean;
  status: number | null;
  messages: string[];
  /** The administrator's word on whether the e-mail arrived. */
  confirmation?: { arrived: boolean; at: number };
}

export const CHECK_NAMES = ['comments', 'statusNames', 'storage', 'licence', 'workflow'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];
