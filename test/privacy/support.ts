/** Shared by the privacy suites: customer actions, the weekly run, the registry as stored. */
import { randomUUID } from 'node:crypto';
import { privacyReport } from '../../src/index';
import { AUDIT_PROPERTY_KEY, type AuditLog, type StoredAuditRecord } from '../../src/portal/audit';
import { accountKey, issueKeyOf } from '../../src/privacy/registry';
import type { CustomerActionId } from '../../src/workflow';
import { CLOUD_ID } from '../harness/forge';
import type { DoubleIssue } from '../double/state';
import type { TestApp } from '../support/app';

export type Answer = { status?: { key: string | null }; error?: { code: string; message: string } };

export const act = (
  app: TestApp,
  issue: DoubleIssue,
  accountId: string,
  action: CustomerActionId = 'customerAnswered',
  comment: string | undefined = 'Voici les informations demandées.',
): Promise<Answer> =>
  app.portal<Answer>(
    'performCustomerAction',
    { action, submissionId: randomUUID(), ...(comment ? { comment } : {}) },
    { accountId, issueKey: issue.key },
  );

/** The weekly scheduled trigger, invoked as the platform does (55 s unless told). */
export const weeklyRun = (app: TestApp, timeoutMs?: number): Promise<{ statusCode: number }> =>
  app.forge.trigger(
    privacyReport,
    { context: { cloudId: CLOUD_ID, moduleKey: 'guide-des-statuts-privacy-report' }, contextToken: 'token' },
    timeoutMs === undefined ? {} : { timeoutMs },
  );

export const auditOf = (issue: DoubleIssue): StoredAuditRecord[] =>
  (issue.properties[AUDIT_PROPERTY_KEY] as AuditLog | undefined)?.records ?? [];

/** Registry entries for accounts the app holds, as if written `at`. */
export function seedAccounts(app: TestApp, ids: string[], at = '2026-11-02T10:00:00.000Z'): void {
  for (const id of ids) {
    const entry = { value: { since: at }, createdAt: 0, updatedAt: 0, expiresAt: null };
    app.forge.kvs.entries.set(accountKey(id), entry);
    app.forge.kvs.entries.set(issueKeyOf(id, 'SUP-1'), { ...entry });
  }
}

/** Everything the app stores, in Forge storage and on the issues: to prove nothing changed. */
export function snapshot(app: TestApp): unknown {
  return structuredClone({
    kvs: [...app.forge.kvs.entries.entries()].map(([k, e]) => [k, e.value]),
    issues: app.double.state.issues.map((i) => ({
      key: i.key,
      properties: i.properties,
      comments: i.comments.map((c) => ({ id: c.id, body: c.body, properties: c.properties })),
    })),
  });
}
