/**
 * The scan's entries in the audit record (the property customer actions use,
 * `guide-des-statuts.customer-actions`): each reminder and each outcome, with its date. Kept apart
 * from customer actions by `kind`, so readers of customer actions skip them.
 */
import { AUDIT_PROPERTY_KEY, MAX_AUDIT_RECORDS, isAuditLog } from '../portal/audit';
import type { StatusKey } from '../workflow';

export { AUDIT_PROPERTY_KEY };

export interface WaitingAuditRecord {
  kind: 'waiting';
  /** ISO 8601 instant. */
  at: string;
  action: 'reminder' | 'closeWithoutAnswer' | 'acceptWithoutAnswer';
  from: StatusKey;
  to?: StatusKey;
  /** The stay in the status it belongs to (see scan.ts, `entryOf`). */
  entry: string;
  /** Reminder number, 1…. */
  n?: number;
  /** The claim it was done under, unique: what a retry looks for. */
  submissionId: string;
  commentId?: string;
}

export function isWaitingRecord(value: unknown): value is WaitingAuditRecord {
  return value !== null && typeof value === 'object' && (value as WaitingAuditRecord).kind === 'waiting';
}

/** The scan's records of one stay in the status. */
export function waitingRecords(log: unknown, entry: string): WaitingAuditRecord[] {
  if (!isAuditLog(log)) return [];
  return (log.records as unknown[]).filter(isWaitingRecord).filter((r) => r.entry === entry);
}

/** The property's value with one more record, the newest kept within the property's size. */
export function withRecord(log: unknown, record: WaitingAuditRecord): { records: unknown[] } {
  const records = isAuditLog(log) ? [...(log.records as unknown[])] : [];
  records.push(record);
  return { records: records.slice(-MAX_AUDIT_RECORDS) };
}
