/**
 * Unfinished submissions, per request and action: once the customer has sent an action and it did
 * not go through, its submission id and text are kept until it succeeds or the request's status moves
 * on, so a dialog opened again (after Cancel, Escape or a reload) resumes the same submission and the
 * server does the work once. Kept in the panel's localStorage (the Custom UI iframe is sandboxed with
 * `allow-same-origin`: https://developer.atlassian.com/platform/forge/custom-ui/iframe), and in memory
 * when the browser refuses storage.
 */
import type { StatusKey } from '../../../src/workflow';
import type { CommentState } from '../../../src/shared/errors';

export interface Draft {
  submissionId: string;
  text: string;
  /** The status the request was in when the action was sent: another status ends the draft. */
  status: StatusKey | null;
  /** The server said the comment is, or may be, posted: the text is sent again as it is. */
  comment?: CommentState;
  /** Epoch ms it was last sent. */
  at: number;
}

/** A week: the server's ledger keeps a submission's attempts longer (30 days), so a resumed one is known. */
const KEEP_MS = 7 * 24 * 3_600_000;
const STORAGE_KEY = 'guide-des-statuts.drafts';

/** Used when the browser refuses storage: the drafts then last as long as the page. */
let memory: Record<string, Draft> = {};
/** Whose drafts: a browser shared by two customers keeps each one's apart. */
let owner = '';

export function setDraftOwner(accountId: string | undefined): void {
  owner = accountId ?? '';
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Read afresh each time: another tab of the same panel may have changed them. */
function all(): Record<string, Draft> {
  try {
    const stored = storage()?.getItem(STORAGE_KEY);
    if (stored === undefined || stored === null) return memory;
    const parsed: unknown = JSON.parse(stored);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Draft>) : {};
  } catch {
    return memory;
  }
}

function save(drafts: Record<string, Draft>): void {
  memory = drafts;
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(drafts));
  } catch {
    // Full or refused: the drafts still live in memory for this page.
  }
}

const keyOf = (issueKey: string, action: string): string => `${owner}:${issueKey}:${action}`;

/** The draft to resume for this action, if it is still for the request's current status. */
export function keptDraft(issueKey: string, action: string, status: StatusKey | null): Draft | undefined {
  const key = keyOf(issueKey, action);
  const draft = all()[key];
  if (!draft) return undefined;
  if (draft.status === status && Date.now() - draft.at < KEEP_MS) return draft;
  forgetDraft(issueKey, action);
  return undefined;
}

export function keepDraft(issueKey: string, action: string, draft: Draft): void {
  save({ ...all(), [keyOf(issueKey, action)]: draft });
}

export function forgetDraft(issueKey: string, action: string): void {
  const store = all();
  const key = keyOf(issueKey, action);
  if (!(key in store)) return;
  delete store[key];
  save(store);
}

/** Ends the request's drafts sent from another status than `status`: the status has moved on. */
export function forgetOutdatedDrafts(issueKey: string, status: StatusKey | null): void {
  const store = all();
  const prefix = `${owner}:${issueKey}:`;
  const outdated = Object.keys(store).filter((k) => k.startsWith(prefix) && store[k]?.status !== status);
  if (outdated.length === 0) return;
  for (const key of outdated) delete store[key];
  save(store);
}
