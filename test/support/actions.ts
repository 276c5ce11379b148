/** Shared by the quick suites of a customer action's steps: acting from the portal, what it left. */
import { randomUUID } from 'node:crypto';
import frFR from '../../locales/fr-FR.json';
import { handler } from '../../src/index';
import { AUDIT_PROPERTY_KEY, type AuditLog } from '../../src/portal/audit';
import { leaseKey, type Lease } from '../../src/portal/submissions';
import type { CustomerActionId } from '../../src/workflow';
import { DEMO_STATUS_IDS, DEMO_USERS, type DoubleIssue } from '../double/state';
import { portalContext, type TestApp } from './app';

export type ActionAnswer = {
  status?: { key: string | null; name: string; category: string; responseRequired: boolean; since: string };
  error?: { code: string; message: string; comment?: string };
};

/** The French messages the customer reads, by key. */
export const SAYS = frFR.error as Record<string, string>;

/** The customer's action from the portal, as the reporter, with the French messages. */
export function act(
  app: TestApp,
  issue: DoubleIssue,
  action: CustomerActionId,
  options: { comment?: string; submissionId?: string; timeoutMs?: number } = {},
): Promise<ActionAnswer> {
  const payload = {
    action,
    submissionId: options.submissionId ?? randomUUID(),
    ...(options.comment === undefined ? {} : { comment: options.comment }),
  };
  return app.forge.invoke<ActionAnswer>(handler, 'performCustomerAction', payload, {
    ...portalContext(issue.key, DEMO_USERS.reporter.accountId),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

export const leaseOf = (
  app: TestApp,
  issue: DoubleIssue,
  submissionId: string,
  n: number,
): Lease | undefined => app.forge.kvs.peek(leaseKey(issue.key, submissionId, n)) as Lease | undefined;

/** What an attempt whose invocation ended long ago left in the ledger: its lease, still held. */
export function earlierAttempt(
  app: TestApp,
  issue: DoubleIssue,
  submissionId: string,
  action: CustomerActionId,
  extra: Partial<Lease> = {},
): Lease {
  const claimedAt = Date.now() - 120_000;
  const lease: Lease = {
    accountId: DEMO_USERS.reporter.accountId,
    action,
    state: 'held',
    claimedAt,
    until: claimedAt + 25_000,
    token: 'earlier',
    ...extra,
  };
  app.forge.kvs.entries.set(leaseKey(issue.key, submissionId, 0), {
    value: lease,
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
  });
  return lease;
}

export const auditOf = (issue: DoubleIssue): AuditLog['records'] =>
  (issue.properties[AUDIT_PROPERTY_KEY] as AuditLog | undefined)?.records ?? [];

export const statusKeyOf = (issue: DoubleIssue): string =>
  Object.entries(DEMO_STATUS_IDS).find(([, id]) => id === issue.statusId)?.[0] ?? '?';

/** The Jira requests made, "METHOD path" without the issue key's variations. */
export const callsIn = (app: TestApp, issue: DoubleIssue): string[] =>
  app.double.log.map((e) => `${e.method} ${decodeURIComponent(e.path).replace(issue.key, 'KEY')}`);
