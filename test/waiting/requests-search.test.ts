/**
 * Which requests the scan and the preview find waiting: the bounded JQL sent to Jira (by name, or by
 * the ids the installer recorded, values quoted), the fields and paging asked, Jira's last-page flag
 * obeyed, and when each request entered its status (its newest move into it, else its creation when
 * the changelog is complete and shows no status change at all).
 */
import type { JiraClient } from '../../src/jira/client';
import type { ChangeDetails, ChangelogEntry, IssueBean, IssueSearchPage } from '../../src/jira/types';
import { AUDIT_PROPERTY_KEY } from '../../src/waiting/audit';
import { entryOf, searchWaiting, toWaitingRequest, waitingJql } from '../../src/waiting/waiting-requests';

const WAITING = { id: '10010', name: 'En attente du client' };
const CREATED = '2026-11-02T09:00:00.000+0100';

/** Jira sends each change with its display strings (`toString`), which the app does not read. */
const statusItem = (to: string, fieldId: string | undefined = 'status'): ChangeDetails =>
  fieldId === undefined ? { field: 'status', to, toString: null } : { fieldId, to, toString: null };

function issue(over: Partial<IssueBean> = {}, fields: Partial<IssueBean['fields']> = {}): IssueBean {
  return {
    id: '1',
    key: 'SUP-1',
    fields: { status: WAITING, reporter: { accountId: 'cust-1' }, created: CREATED, ...fields },
    ...over,
  };
}

interface Search {
  jql: string;
  fields: readonly string[];
  extra: Record<string, unknown>;
}

/** Jira's search as the client offers it, answering the pages given and recording what was asked. */
function fakeJira(pages: IssueSearchPage[]): { jira: JiraClient; asked: Search[] } {
  const asked: Search[] = [];
  const jira = {
    searchIssues: (jql: string, fields: readonly string[], extra: Record<string, unknown> = {}) => {
      asked.push({ jql, fields, extra });
      return Promise.resolve(pages[asked.length - 1] ?? { issues: [], isLast: true });
    },
  } as unknown as JiraClient;
  return { jira, asked };
}

describe('the JQL', () => {
  it('names both waiting statuses and the project, quoted, in key order', () => {
    expect(waitingJql('SUP', null)).toBe(
      `project = "SUP" AND status in ("En attente du client", "En attente d'approbation client") ORDER BY key ASC`,
    );
  });
  it('uses the ids the installer recorded, and escapes quotes and backslashes', () => {
    const config = { statuses: { waiting_customer: '10010', waiting_approval: 'a"b\\c' }, transitions: {} };
    expect(waitingJql('S"P', config)).toBe(
      'project = "S\\"P" AND status in ("10010", "a\\"b\\\\c") ORDER BY key ASC',
    );
  });
});

describe('searchWaiting', () => {
  it('asks one page of 100 with the fields, the audit property and the changelog, then follows the token', async () => {
    const audit = { records: [] };
    const { jira, asked } = fakeJira([
      {
        issues: [
          issue({ properties: { [AUDIT_PROPERTY_KEY]: audit } }),
          issue({ id: '2', key: 'SUP-2' }, { reporter: null }),
        ],
        isLast: false,
        nextPageToken: 'p2',
      },
    ]);
    const first = await searchWaiting(jira, 'SUP', null, undefined);
    expect(asked[0]).toEqual({
      jql: waitingJql('SUP', null),
      fields: ['status', 'reporter', 'created'],
      extra: { properties: [AUDIT_PROPERTY_KEY], expand: 'changelog', maxResults: 100 },
    });
    expect(first).toEqual({
      requests: [
        {
          issueId: '1',
          issueKey: 'SUP-1',
          status: 'waiting_customer',
          entry: 'created',
          enteredAt: Date.parse(CREATED),
          reporter: 'cust-1',
          audit,
        },
        expect.objectContaining({ issueKey: 'SUP-2', reporter: null, audit: undefined }),
      ],
      skipped: 0,
      nextPageToken: 'p2',
    });
    const second = await searchWaiting(jira, 'SUP', null, 'p2');
    expect(asked[1]?.extra).toEqual(expect.objectContaining({ nextPageToken: 'p2' }));
    expect(second).toEqual({ requests: [], skipped: 0, nextPageToken: undefined });
  });

  it('stops on the last page even if Jira sends a token, and on a page without the flag', async () => {
    const { jira } = fakeJira([{ issues: [], isLast: true, nextPageToken: 'stale' }, { nextPageToken: 'x' }]);
    expect((await searchWaiting(jira, 'SUP', null, undefined)).nextPageToken).toBeUndefined();
    expect(await searchWaiting(jira, 'SUP', null, 'stale')).toEqual({
      requests: [],
      skipped: 0,
      nextPageToken: undefined,
    });
  });

  it('counts as skipped a request in another status or whose entry is unknown', async () => {
    const { jira } = fakeJira([
      {
        issues: [
          issue(),
          issue({ id: '3', key: 'SUP-3' }, { status: { id: '1', name: 'Ouvert' } }),
          issue({ id: '4', key: 'SUP-4', changelog: { total: 5, histories: [] } }),
        ],
        isLast: true,
      },
    ]);
    const page = await searchWaiting(jira, 'SUP', null, undefined);
    expect(page.requests.map((r) => r.issueKey)).toEqual(['SUP-1']);
    expect(page.skipped).toBe(2);
  });
});

describe('when the request entered its status', () => {
  const at = (iso: string) => Date.parse(iso);

  it('its newest move into the status, by fieldId or by field', () => {
    const histories: ChangelogEntry[] = [
      { id: 'h3', created: '2026-11-20T10:00:00.000+0100', items: [statusItem('20')] },
      {
        id: 'h2',
        created: '2026-11-10T10:00:00.000+0100',
        items: [{ fieldId: 'resolution', to: null, toString: null }, statusItem('10010', undefined)],
      },
      { id: 'h1', created: '2026-11-05T10:00:00.000+0100', items: [statusItem('10010')] },
    ];
    expect(entryOf(issue({ changelog: { total: 3, histories } }))).toEqual({
      entry: 'h2',
      at: at('2026-11-10T10:00:00.000+0100'),
    });
  });

  it('not a change of another field to the same value, nor a status change to another status', () => {
    const histories: ChangelogEntry[] = [
      {
        id: 'h2',
        created: '2026-11-20T10:00:00.000+0100',
        items: [{ fieldId: 'priority', to: '10010', toString: null }],
      },
      { id: 'h1', created: '2026-11-10T10:00:00.000+0100', items: [statusItem('20')] },
    ];
    // A status change is seen but none into this status: the entry is not known.
    expect(entryOf(issue({ changelog: { total: 2, histories } }))).toBeUndefined();
    // Another field changed only: the request never changed status, it waits since its creation.
    expect(entryOf(issue({ changelog: { total: 1, histories: histories.slice(0, 1) } }))).toEqual({
      entry: 'created',
      at: at(CREATED),
    });
  });

  it('skips a move into the status without a readable date', () => {
    const histories: ChangelogEntry[] = [
      { id: 'h2', items: [statusItem('10010')] },
      { id: 'h1', created: '2026-11-10T10:00:00.000+0100', items: [statusItem('10010')] },
    ];
    expect(entryOf(issue({ changelog: { total: 2, histories } }))?.entry).toBe('h1');
  });

  it('its creation only when the changelog is complete and the creation date readable', () => {
    expect(entryOf(issue())).toEqual({ entry: 'created', at: at(CREATED) });
    expect(entryOf(issue({ changelog: { total: 0, histories: [] } }))).toEqual({
      entry: 'created',
      at: at(CREATED),
    });
    // Jira cut the changelog short: the move into the status may be among the entries not sent.
    const one: ChangelogEntry[] = [
      { id: 'h1', created: CREATED, items: [{ fieldId: 'summary', to: 'x', toString: null }] },
    ];
    expect(entryOf(issue({ changelog: { total: 2, histories: one } }))).toBeUndefined();
    expect(entryOf(issue({ changelog: { total: 1, histories: one } }))?.entry).toBe('created');
    expect(entryOf(issue({}, { created: undefined }))).toBeUndefined();
    expect(entryOf(issue({}, { created: 'not a date' }))).toBeUndefined();
  });

  it('a history without items counts as no status change', () => {
    expect(entryOf(issue({ changelog: { histories: [{ id: 'h1', created: CREATED }] } }))?.entry).toBe(
      'created',
    );
  });

  it('a request in no waiting status is not a waiting request', () => {
    expect(toWaitingRequest(issue({}, { status: { id: '1', name: 'Ouvert' } }), null)).toBeNull();
    expect(toWaitingRequest(issue({}, { status: undefined }), null)).toBeNull();
  });
});
