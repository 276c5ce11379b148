/**
 * The audit record a reminder writes on the issue: exactly one record, complete; what the property
 * already held kept (other stays, customer actions, values the scan cannot read), none of it taken
 * for this stay's reminder; and the newest 100 records kept when it is full.
 */
import { MAX_AUDIT_RECORDS } from '../../src/portal/audit';
import { reminderClaimKey } from '../../src/waiting/claims';
import type { DoubleIssue } from '../double/state';
import { requestMovedBy } from '../support/events';
import { DAY, MONDAY_10, mailsTo, runScan, useWaitingApp } from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
});

const AUDIT = 'guide-des-statuts.customer-actions';
const REMINDED_AT = MONDAY_10 + 2 * DAY;

function askedOnMonday(): { issue: DoubleIssue; entry: string } {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation');
  const entry = issue.changelog.at(-1)!.id;
  clock().set(REMINDED_AT);
  return { issue, entry };
}

const records = (issue: DoubleIssue): unknown[] =>
  (issue.properties[AUDIT] as { records: unknown[] }).records;

const reminderRecord = (issue: DoubleIssue, entry: string) => ({
  kind: 'waiting',
  at: new Date(REMINDED_AT).toISOString(),
  action: 'reminder',
  from: 'waiting_customer',
  entry,
  n: 1,
  submissionId: reminderClaimKey(issue.id, entry, 1),
});

it('a first reminder writes exactly its own record', async () => {
  const { issue, entry } = askedOnMonday();
  delete issue.properties[AUDIT];
  await runScan(app());
  expect(mailsTo(app(), issue)).toHaveLength(1);
  expect(issue.properties[AUDIT]).toEqual({ records: [reminderRecord(issue, entry)] });
});

it('keeps what the property held, and takes none of it for this stay’s reminder', async () => {
  const { issue, entry } = askedOnMonday();
  const held = [
    null,
    'unreadable',
    { kind: 'customer', action: 'reminder', entry, n: 1 },
    { kind: 'waiting', action: 'reminder', entry: 'an-earlier-stay', n: 1 },
    { kind: 'waiting', action: 'closeWithoutAnswer', entry },
  ];
  issue.properties[AUDIT] = { records: held };
  await runScan(app());
  expect(mailsTo(app(), issue)).toHaveLength(1);
  expect(records(issue)).toEqual([...held, reminderRecord(issue, entry)]);
});

it(`keeps the newest ${MAX_AUDIT_RECORDS} records when the property is full`, async () => {
  const { issue, entry } = askedOnMonday();
  const held = Array.from({ length: MAX_AUDIT_RECORDS }, (_, i) => ({ kind: 'customer', action: `a${i}` }));
  issue.properties[AUDIT] = { records: held };
  await runScan(app());
  expect(records(issue)).toEqual([...held.slice(1), reminderRecord(issue, entry)]);
});

it('a property that is not an audit log: the reminder goes, the property starts again with its record', async () => {
  const { issue, entry } = askedOnMonday();
  issue.properties[AUDIT] = { records: 'not a list' };
  await runScan(app());
  expect(mailsTo(app(), issue)).toHaveLength(1);
  expect(issue.properties[AUDIT]).toEqual({ records: [reminderRecord(issue, entry)] });
});
