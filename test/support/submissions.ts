/** Shared by the suites that prove customer actions are done once: fresh requests, time passing. */
import type { StatusKey } from '../../src/workflow';
import type { DoubleIssue } from '../double/state';
import type { TestApp } from './app';

/** A new request in `status`, a copy of the demo one, with no comment, property or history yet. */
export function freshRequest(app: TestApp, status: StatusKey): DoubleIssue {
  const issue: DoubleIssue = structuredClone(app.issueIn(status));
  const number = Math.max(...app.double.state.issues.map((i) => Number(i.key.split('-')[1]))) + 1;
  Object.assign(issue, { id: String(30000 + number), key: `SUP-${number}`, comments: [], properties: {} });
  issue.changelog = [];
  app.double.state.issues.push(issue);
  return issue;
}

/** Time passes: every attempt of the submission is long over, its lease past its end and grace. */
export function ageLeases(app: TestApp, submissionId: string): void {
  for (const [key, entry] of app.forge.kvs.entries) {
    if (!key.includes(submissionId)) continue;
    const lease = entry.value as { claimedAt: number; until: number };
    entry.value = { ...lease, claimedAt: lease.claimedAt - 120_000, until: lease.until - 120_000 };
  }
}
