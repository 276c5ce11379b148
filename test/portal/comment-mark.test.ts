/**
 * How a later attempt finds the comment an earlier one posted: by the mark set on the comment as it
 * was created, among the comments created since the attempts began (a minute of clock slack), newest
 * first, page by page, and only as far as needed. Against the Jira test double, counting its reads.
 */
import { JiraClient } from '../../src/jira/client';
import type { IssueComment } from '../../src/jira/types';
import { findMarkedComment, type CommentMark } from '../../src/portal/comment-mark';
import { addComment, DEMO_USERS, type DoubleIssue } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { freshRequest } from '../support/submissions';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
});

/** The key comments posted by every version of the app carry: changing it would lose them. */
const MARK_KEY = 'guide-des-statuts.submission';
/** When the earliest attempt of the submission began. */
const SINCE = Date.parse('2026-06-01T10:00:00.000Z');
const MINUTE = 60_000;

const markOf = (submissionId: string): CommentMark => ({
  submissionId,
  accountId: DEMO_USERS.reporter.accountId,
  action: 'customerAnswered',
});
const MARK = markOf('sub-1');

/** A public comment by the app, created at `created`, with these properties. */
function post(issue: DoubleIssue, created: number, properties: Record<string, unknown> = {}): string {
  return addComment(app.double.state, issue, {
    authorId: DEMO_USERS.app.accountId,
    body: 'Réponse',
    public: true,
    created,
    properties,
  }).id;
}

/** `count` comments without a mark, posted one second apart, the last at `newest`. */
function unmarked(issue: DoubleIssue, count: number, newest: number): void {
  for (let i = count - 1; i >= 0; i--) post(issue, newest - i * 1_000);
}

/** The Jira reads of the search: each page of newest comments by its start, then each properties read. */
function reads(): string[] {
  return app.double.log.map((e) => {
    if (e.method === 'POST' && e.path === '/rest/api/3/comment/list') return 'properties';
    const query = new URLSearchParams(e.query);
    if (e.method === 'GET' && e.path.endsWith('/comment') && query.get('orderBy') === '-created')
      return `newest ${query.get('maxResults')} from ${query.get('startAt')}`;
    return `${e.method} ${e.path}`;
  });
}

async function find(
  issue: DoubleIssue,
  since = SINCE,
  mark = MARK,
): Promise<{ found?: string | undefined; error?: string; reads: string[] }> {
  app.double.resetLog();
  const outcome = await app.forge.trigger<{ found?: string | undefined; error?: string }>(
    () =>
      findMarkedComment(new JiraClient('app'), issue.key, mark, since).then(
        (found) => ({ found: found?.id }),
        (error: unknown) => ({ error: error instanceof Error ? error.name : String(error) }),
      ),
    {},
  );
  return { ...outcome, reads: reads() };
}

const PAGE = ['newest 50 from 0', 'properties'];

describe('finding the marked comment', () => {
  it('finds it among the newest comments in two reads, older comments aside', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    unmarked(issue, 3, SINCE - 60 * MINUTE);
    const marked = post(issue, SINCE + 5_000, { [MARK_KEY]: MARK });
    unmarked(issue, 2, SINCE + 20_000);
    await expect(find(issue)).resolves.toEqual({ found: marked, reads: PAGE });
  });

  it.each([1, 2, 3])('finds it on page %d (counted from 0) of 50 newest comments', async (page) => {
    const issue = freshRequest(app, 'waiting_customer');
    unmarked(issue, 5, SINCE - 60 * MINUTE);
    const marked = post(issue, SINCE + 1_000, { [MARK_KEY]: MARK });
    unmarked(issue, 50 * page, SINCE + 10 * MINUTE);
    const expected = Array.from({ length: page + 1 }, (_, p) => [`newest 50 from ${50 * p}`, 'properties']);
    await expect(find(issue)).resolves.toEqual({ found: marked, reads: expected.flat() });
  });

  it('counts a comment created a minute before the attempts began, not a millisecond earlier', async () => {
    const edge = freshRequest(app, 'waiting_customer');
    const marked = post(edge, SINCE - MINUTE, { [MARK_KEY]: MARK });
    await expect(find(edge)).resolves.toEqual({ found: marked, reads: PAGE });

    const earlier = freshRequest(app, 'waiting_customer');
    post(earlier, SINCE - MINUTE - 1, { [MARK_KEY]: MARK });
    // Not even read with its properties: it is older than any attempt.
    await expect(find(earlier)).resolves.toEqual({ found: undefined, reads: ['newest 50 from 0'] });
  });

  it('answers the newest of two comments with the mark', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    post(issue, SINCE + 1_000, { [MARK_KEY]: MARK });
    const newest = post(issue, SINCE + 2_000, { [MARK_KEY]: MARK });
    unmarked(issue, 2, SINCE + 3_000);
    await expect(find(issue)).resolves.toEqual({ found: newest, reads: PAGE });
  });

  it('takes no other property, submission or value for the mark', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    post(issue, SINCE + 1_000, { 'another.app.key': MARK });
    post(issue, SINCE + 2_000, { [MARK_KEY]: markOf('sub-2') });
    post(issue, SINCE + 3_000, { [MARK_KEY]: null });
    post(issue, SINCE + 4_000, { [MARK_KEY]: 'sub-1' });
    post(issue, SINCE + 5_000, { [MARK_KEY]: ['sub-1'] });
    post(issue, SINCE + 6_000);
    await expect(find(issue)).resolves.toEqual({ found: undefined, reads: PAGE });
  });
});

describe('where the search stops', () => {
  it('reads no further than a page that reaches older comments', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    unmarked(issue, 60, SINCE - 2 * MINUTE);
    unmarked(issue, 49, SINCE + 10 * MINUTE);
    await expect(find(issue)).resolves.toEqual({ found: undefined, reads: PAGE });
  });

  it('reads no further than a page shorter than 50, or an empty one', async () => {
    const short = freshRequest(app, 'waiting_customer');
    unmarked(short, 49, SINCE + 10 * MINUTE);
    await expect(find(short)).resolves.toEqual({ found: undefined, reads: PAGE });

    const full = freshRequest(app, 'waiting_customer');
    unmarked(full, 50, SINCE + 10 * MINUTE);
    await expect(find(full)).resolves.toEqual({
      found: undefined,
      reads: [...PAGE, 'newest 50 from 50'],
    });

    const none = freshRequest(app, 'waiting_customer');
    await expect(find(none)).resolves.toEqual({ found: undefined, reads: ['newest 50 from 0'] });
  });

  it('cannot tell past 4 full pages of recent comments, and says so', async () => {
    const fourPages = [0, 50, 100, 150].flatMap((start) => [`newest 50 from ${start}`, 'properties']);
    const tooMany = freshRequest(app, 'waiting_customer');
    unmarked(tooMany, 10, SINCE - 2 * MINUTE);
    unmarked(tooMany, 200, SINCE + 10 * MINUTE);
    await expect(find(tooMany)).resolves.toEqual({ error: 'TooManyRecentComments', reads: fourPages });

    // One recent comment less: the fourth page reaches an older one, so it was not posted.
    const justEnough = freshRequest(app, 'waiting_customer');
    unmarked(justEnough, 10, SINCE - 2 * MINUTE);
    unmarked(justEnough, 199, SINCE + 10 * MINUTE);
    await expect(find(justEnough)).resolves.toEqual({ found: undefined, reads: fourPages });
  });
});

describe('comments as Jira may give them', () => {
  it('counts a comment without a creation date as recent, and skips one without properties or deleted', async () => {
    // 13 was deleted between the two reads: the bulk read leaves it out.
    const latest: IssueComment[] = [{ id: '13' }, { id: '12' }, { id: '11' }];
    const detailed: IssueComment[] = [
      { id: '12' },
      { id: '11', properties: [{ key: MARK_KEY, value: MARK }] },
    ];
    const seen: string[][] = [];
    const jira = {
      getLatestComments: () => Promise.resolve(latest),
      getCommentsWithProperties: (ids: readonly string[]) => {
        seen.push([...ids]);
        return Promise.resolve(detailed);
      },
    } as unknown as JiraClient;
    await expect(findMarkedComment(jira, 'SUP-1', MARK, Date.now())).resolves.toEqual({ id: '11' });
    expect(seen).toEqual([['13', '12', '11']]);
  });
});
