/**
 * Only the reporter and the request's participants may act on a request from the portal. The app calls
 * Jira as itself, so this rule is the only thing between a customer and someone else's request.
 */
import type { JiraClient } from '../../src/jira/client';
import type { CustomerRequest, JsmPage, JsmUser } from '../../src/jira/types';
import { isReporterOrParticipant } from '../../src/portal/access';

const user = (accountId: string): JsmUser => ({ accountId });
const page = (ids: string[], start: number, isLastPage?: boolean): JsmPage<JsmUser> => ({
  values: ids.map(user),
  start,
  size: ids.length,
  ...(isLastPage === undefined ? {} : { isLastPage }),
});

/** A client that serves participant pages from `pages` by start offset, and records what it was asked. */
function participantsClient(pages: Map<number, JsmPage<JsmUser>>) {
  const asked: { issueKey: string; start: number }[] = [];
  const client = {
    getRequestParticipants: (issueKey: string, start: number) => {
      asked.push({ issueKey, start });
      const found = pages.get(start);
      return found ? Promise.resolve(found) : Promise.reject(new Error(`no page at ${start}`));
    },
  } as unknown as JiraClient;
  return { client, asked };
}

const request = (fields: Partial<CustomerRequest>): CustomerRequest => ({
  issueId: '10001',
  issueKey: 'SUP-1',
  ...fields,
});

describe('who may act on a request', () => {
  it('lets the reporter act without reading the participants', async () => {
    const { client, asked } = participantsClient(new Map());
    const mine = request({ reporter: user('alice'), participants: page(['bob'], 0, false) });
    await expect(isReporterOrParticipant(client, mine, 'alice')).resolves.toBe(true);
    expect(asked).toEqual([]);
  });

  it('lets a participant listed with the request act', async () => {
    const { client, asked } = participantsClient(new Map());
    const theirs = request({ reporter: user('alice'), participants: page(['bob', 'carol'], 0, true) });
    await expect(isReporterOrParticipant(client, theirs, 'carol')).resolves.toBe(true);
    expect(asked).toEqual([]);
  });

  it('refuses anyone else when Jira says the list is complete', async () => {
    const { client, asked } = participantsClient(new Map());
    const theirs = request({ reporter: user('alice'), participants: page(['bob'], 0, true) });
    await expect(isReporterOrParticipant(client, theirs, 'mallory')).resolves.toBe(false);
    expect(asked).toEqual([]);
  });

  it('refuses anyone else when Jira does not say there is more', async () => {
    const { client, asked } = participantsClient(new Map());
    const theirs = request({ reporter: user('alice'), participants: page(['bob'], 0) });
    await expect(isReporterOrParticipant(client, theirs, 'mallory')).resolves.toBe(false);
    expect(asked).toEqual([]);
  });

  it('refuses everyone but the reporter when the request comes without a participants list', async () => {
    const { client, asked } = participantsClient(new Map());
    await expect(isReporterOrParticipant(client, request({ reporter: user('alice') }), 'bob')).resolves.toBe(
      false,
    );
    await expect(isReporterOrParticipant(client, request({}), 'bob')).resolves.toBe(false);
    expect(asked).toEqual([]);
  });

  it('reads on from where each page ends until it finds the participant', async () => {
    const { client, asked } = participantsClient(
      new Map([
        [2, page(['c', 'd', 'e'], 2, false)],
        [5, page(['f', 'mallory-not', 'dave'], 5, true)],
      ]),
    );
    const theirs = request({ reporter: user('alice'), participants: page(['a', 'b'], 0, false) });
    await expect(isReporterOrParticipant(client, theirs, 'dave')).resolves.toBe(true);
    expect(asked).toEqual([
      { issueKey: 'SUP-1', start: 2 },
      { issueKey: 'SUP-1', start: 5 },
    ]);
  });

  it('stops at the last page Jira announces, and refuses someone not on any page', async () => {
    const { client, asked } = participantsClient(new Map([[1, page(['b'], 1, true)]]));
    const theirs = request({ participants: page(['a'], 0, false) });
    await expect(isReporterOrParticipant(client, theirs, 'mallory')).resolves.toBe(false);
    expect(asked).toEqual([{ issueKey: 'SUP-1', start: 1 }]);
  });

  it('reads a page without a start as the first one', async () => {
    const { client, asked } = participantsClient(new Map([[1, page(['dave'], 1, true)]]));
    const first: JsmPage<JsmUser> = { values: [user('a')], isLastPage: false };
    await expect(isReporterOrParticipant(client, request({ participants: first }), 'dave')).resolves.toBe(
      true,
    );
    expect(asked).toEqual([{ issueKey: 'SUP-1', start: 1 }]);
  });

  it('gives up after 20 pages of a list that never ends, refusing rather than reading forever', async () => {
    const endless = new Map(Array.from({ length: 40 }, (_, i) => [i, page([`p${i}`], i, false)] as const));
    const { client, asked } = participantsClient(endless);
    const theirs = request({ participants: page(['p0'], 0, false) });
    await expect(isReporterOrParticipant(client, theirs, 'p30')).resolves.toBe(false);
    expect(asked).toHaveLength(19);
    // Within the 20 pages, a participant is still found.
    await expect(isReporterOrParticipant(client, theirs, 'p19')).resolves.toBe(true);
  });
});
