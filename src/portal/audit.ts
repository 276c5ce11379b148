/**
 * The audit record of customer actions, kept on the issue itself as an issue property, so it stays
 * with the request (agents see it in the issue view; it survives the app's uninstall).
 */
import type { CustomerActionId, StatusKey } from '../workflow';

export const AUDIT_PROPERTY_KEY = 'guide-des-statuts.customer-actions';
/** Issue properties hold at most 32 KB; the newest records are kept. */
export const MAX_AUDIT_RECORDS = 100;

export interface AuditRecord {
  /** ISO 8601 instant. */
  at: string;
  accountId: string;
  action: CustomerActionId;
  from: StatusKey;
  to: StatusKey;
  submissionId: string;
  /** The public comment posted with the action, if any. */
  commentId?: string;
}

/** A record as stored: once its account is closed and erased (src/privacy), it no longer names the person. */
export type StoredAuditRecord = Omit<AuditRecord, 'accountId'> & { accountId?: string };

export interface AuditLog {
  records: StoredAuditRecord[];
}

export function isAuditLog(value: unknown): value is AuditLog {
  return value !== null && typeof value === 'object' && Array.isArray((value as AuditLog).records);
}

export function appendAudit(log: AuditLog | undefined, record: AuditRecord): AuditLog {
  const records = [...(log?.records ?? []), record];
  return { records: records.slice(-MAX_AUDIT_RECORDS) };
}

/**
 * The record of a submission, if the request's transition was made for it: written in the same
 * request as the transition, it is the proof the work was done even when the invocation that did it
 * ended before it could note it in the ledger.
 */
export function auditRecordOf(log: unknown, submissionId: string): StoredAuditRecord | undefined {
  return isAuditLog(log) ? log.records.find((r) => r.submissionId === submissionId) : undefined;
}
