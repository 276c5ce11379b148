/**
 * The scan's audit record joins the issue's record as it is when the scan writes, not as the search
 * read it: a customer action recorded meanwhile (the property is rewritten whole, Jira has no
 * conditional write for it) is kept, for a reminder and for an outcome.
 */
import { AUDIT_PROPERTY_KEY } from '../../src/portal/audit';
import type { DoubleIssue } from '../double/state';
import { requestMovedBy } from '../support/events';
import { DAY, MONDAY_10, runScan, statusNameOf, waitingAudit, useWaitingApp } from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 3 },
});

/** A customer action's record, as the portal writes it. */
const customerRecord = {
  at: '2026-12-01T10:00:00.000Z',
  accountId: 'someone',
  action: 'customerAnswered',
  from: 'waiting_customer',
  to: 'in_progress',
  submissionId: 'submission-written-meanwhile',
};

/** Runs the scan; once `path` is received (its answer held back), adds a customer record to the issue's. */
async function scanWithRecordAddedDuring(issue: DoubleIssue, method: string, path: string): Promise<void> {
  app().double.faults.add({ method, path, delayMs: 500 });
  const scan = runScan(app());
  const received = () =>
    app().double.log.some((e) => e.method === method && e.path === path && e.status === 0);
  for (let waited = 0; !received(); waited += 5) {
    if (waited > 10_000) throw new Error(`${method} ${path} never sent`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const log = (issue.properties[AUDIT_PROPERTY_KEY] ?? { records: [] }) as { records: unknown[] };
  issue.properties[AUDIT_PROPERTY_KEY] = { records: [...log.records, customerRecord] };
  await scan;
}

const submissionIds = (issue: DoubleIssue): unknown[] =>
  ((issue.properties[AUDIT_PROPERTY_KEY] as { records: { submissionId: string }[] }).records ?? []).map(
    (r) => r.submissionId,
  );

describe('a customer action recorded while the scan works on the request', () => {
  let issue: DoubleIssue;
  beforeEach(() => {
    clock().set(MONDAY_10);
    issue = requestMovedBy(app().double.state, 'requestInformation');
  });

  it('is kept when the reminder is recorded', async () => {
    clock().set(MONDAY_10 + 2 * DAY);
    await scanWithRecordAddedDuring(issue, 'POST', `/rest/api/3/issue/${issue.key}/notify`);
    expect(waitingAudit(issue).map((r) => r.action)).toEqual(['reminder']);
    expect(submissionIds(issue)).toContain(customerRecord.submissionId);
  });

  it('is kept when the outcome is recorded with its transition', async () => {
    clock().set(MONDAY_10 + 3 * DAY);
    await scanWithRecordAddedDuring(issue, 'POST', `/rest/api/3/issue/${issue.key}/comment`);
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(waitingAudit(issue).map((r) => r.action)).toEqual(['closeWithoutAnswer']);
    expect(submissionIds(issue)).toContain(customerRecord.submissionId);
  });
});
