/**
 * The scan's claims in Forge storage: each expires (a TTL on the write, so storage does not fill up
 * with the claims of requests long closed), and an outcome retried hour after hour still finds its
 * latest attempt, however many came before (a 20-key storage page in key order must not lose it).
 */
import { MAX_OUTCOME_ATTEMPTS, outcomeAttemptKey } from '../../src/waiting/claims';
import { requestMovedBy } from '../support/events';
import { DAY, MONDAY_10, publicComments, runScan, statusNameOf, useWaitingApp } from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 3 },
});

const claimEntries = () =>
  [...app().forge.kvs.entries.entries()].filter(([key]) => key.startsWith('waiting-claim:'));

describe('the claims of a reminder and of an outcome', () => {
  it('are written with an expiry that outlasts the longest stay in a waiting status', async () => {
    clock().set(MONDAY_10);
    const issue = requestMovedBy(app().double.state, 'requestInformation');
    clock().set(MONDAY_10 + 2 * DAY);
    // The demo project's own waiting requests are reminded and decided too.
    expect((await runScan(app())).reminded).toBeGreaterThanOrEqual(1);
    clock().set(MONDAY_10 + 3 * DAY);
    expect((await runScan(app())).decided).toBeGreaterThanOrEqual(1);
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');

    const claims = claimEntries();
    // The reminder's, the outcome's attempt, the outcome e-mail's.
    expect(claims.map(([key]) => key.split(':').slice(3, 4)[0])).toEqual(
      expect.arrayContaining(['reminder', 'outcome', 'outcome-mail']),
    );
    for (const [key, entry] of claims) {
      expect({ key, expires: entry.expiresAt !== null }).toEqual({ key, expires: true });
      // An outcome falls at most 120 working days (about 170 calendar days) after the entry.
      expect(entry.expiresAt! - entry.updatedAt).toBeGreaterThanOrEqual(180 * DAY);
    }
  });
});

describe('an outcome whose transition fails hour after hour', () => {
  it('still takes its next attempt after the 28th, and makes the outcome once Jira accepts', async () => {
    clock().set(MONDAY_10);
    const issue = requestMovedBy(app().double.state, 'requestInformation');
    clock().set(MONDAY_10 + 3 * DAY);
    const failing = 28;
    // POST answered 500 is not retried: each run's attempt ends with its claim left held.
    app().double.faults.add({
      method: 'POST',
      path: `/rest/api/3/issue/${issue.key}/transitions`,
      status: 500,
      times: failing,
    });
    for (let run = 0; run < failing; run++) {
      await runScan(app());
      // The attempt is surely over: the next run takes over with a new one.
      clock().advance(17 * 60_000);
    }
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    const attempts = claimEntries().filter(
      ([key]) => key.includes(`${issue.id}:`) && key.includes(':outcome:'),
    );
    expect(attempts).toHaveLength(failing);

    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(publicComments(issue)).toHaveLength(1);
  }, 60_000);
});

describe('an outcome that failed at every attempt allowed', () => {
  it('is not attempted again (an agent sees the request still waiting)', async () => {
    clock().set(MONDAY_10);
    const issue = requestMovedBy(app().double.state, 'requestInformation');
    clock().set(MONDAY_10 + 3 * DAY);
    const entry = issue.changelog.at(-1)!.id;
    for (let n = 1; n <= MAX_OUTCOME_ATTEMPTS; n++) {
      const at = MONDAY_10 + 2 * DAY;
      app().forge.kvs.entries.set(outcomeAttemptKey(issue.id, entry, n), {
        value: { state: 'claimed', at },
        createdAt: at,
        updatedAt: at,
        expiresAt: null,
      });
    }
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(publicComments(issue)).toHaveLength(0);
    expect(claimEntries().filter(([key]) => key.includes(`${issue.id}:`))).toHaveLength(MAX_OUTCOME_ATTEMPTS);
  });
});
