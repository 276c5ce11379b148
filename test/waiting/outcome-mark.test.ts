/**
 * A later attempt at an outcome looks for the comment an earlier one posted through the same paged
 * search the portal uses for a customer's comment: found even when more than one page of comments
 * was added since, so the customer never reads the outcome twice.
 */
import { OUTCOME_MARK_KEY } from '../../src/waiting/outcome-mark';
import { DEMO_USERS, addComment, type DoubleIssue } from '../double/state';
import { requestMovedBy } from '../support/events';
import { DAY, HOUR, MONDAY_10, runScan, statusNameOf, waitingAudit, useWaitingApp } from './support';

const { app, clock } = useWaitingApp({ waiting_customer: { closeAfterDays: 3 } });

const outcomeCommentsOf = (issue: DoubleIssue) =>
  issue.comments.filter((c) => c.properties?.[OUTCOME_MARK_KEY] !== undefined);

/**
 * A request waiting since Monday, its outcome due on Thursday: the first attempt posts its comment,
 * then its transition fails (a POST 500 is not retried).
 */
async function outcomeCommentedNotMade(): Promise<DoubleIssue> {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation');
  clock().set(MONDAY_10 + 3 * DAY);
  app().double.faults.add({
    method: 'POST',
    path: `/rest/api/3/issue/${issue.key}/transitions`,
    status: 500,
  });
  await runScan(app());
  return issue;
}

/** Agents' internal notes on the issue, `count` of them, one every `everyMs`. */
function addAgentNotes(issue: DoubleIssue, count: number, everyMs: number): void {
  for (let i = 0; i < count; i++) {
    clock().advance(everyMs);
    addComment(app().double.state, issue, {
      authorId: DEMO_USERS.agent.accountId,
      body: `Note ${i}`,
      public: false,
    });
  }
}

describe('an outcome comment posted, then more than a page of comments, then the next attempt', () => {
  it('finds the comment on a later page and posts no second one', async () => {
    const issue = await outcomeCommentedNotMade();
    const outcomeComments = () => outcomeCommentsOf(issue);
    expect(outcomeComments()).toHaveLength(1);
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');

    // Agents write 60 internal notes meanwhile: the outcome comment is on the second page now.
    addAgentNotes(issue, 60, 10_000);
    clock().advance(17 * 60_000);
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(outcomeComments()).toHaveLength(1);
    const record = waitingAudit(issue).find((r) => r.action === 'closeWithoutAnswer') as {
      commentId?: string;
    };
    expect(record.commentId).toBe(outcomeComments()[0]!.id);
  });

  it('with more recent comments than it reads, posts none, makes no outcome, and the run goes on', async () => {
    const issue = await outcomeCommentedNotMade();
    addAgentNotes(issue, 201, 1_000);
    clock().advance(17 * 60_000);
    // runScan expects the trigger's 200: the scan is not failed by this one request.
    await runScan(app());
    clock().advance(HOUR);
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(outcomeCommentsOf(issue)).toHaveLength(1);
  });
});
