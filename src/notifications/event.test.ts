import { statusChangeOf } from './event';

/** Shaped as the Forge events reference documents avi:jira:updated:issue. */
const event = (over: Record<string, unknown> = {}) => ({
  eventType: 'avi:jira:updated:issue',
  selfGenerated: false,
  atlassianId: '5f1a2b3c4d5e6f7a8b9c0d01',
  issue: {
    id: '10123',
    key: 'SUP-12',
    fields: { project: { id: '10000', key: 'SUP' }, updated: '2025-03-03T09:30:00.000+0100' },
  },
  changelog: {
    id: '20456',
    items: [
      {
        field: 'assignee',
        fieldtype: 'jira',
        fieldId: 'assignee',
        from: null,
        fromString: null,
        to: 'x',
        toString: 'Aline',
      },
      {
        field: 'status',
        fieldtype: 'jira',
        fieldId: 'status',
        from: '10004',
        fromString: 'En progression',
        to: '10005',
        toString: 'En attente du client',
      },
    ],
  },
  ...over,
});

describe('statusChangeOf', () => {
  it('reads the status item among the changes', () => {
    expect(statusChangeOf(event())).toEqual({
      issueId: '10123',
      issueKey: 'SUP-12',
      projectKey: 'SUP',
      changelogId: '20456',
      from: { id: '10004', name: 'En progression' },
      to: { id: '10005', name: 'En attente du client' },
      selfGenerated: false,
      updatedAt: Date.parse('2025-03-03T08:30:00.000Z'),
    });
  });

  it('works without the undocumented changelog id, project or update time', () => {
    const bare = event({
      issue: { id: 10123, key: 'SUP-12' },
      changelog: { items: event().changelog.items },
    });
    expect(statusChangeOf(bare)).toMatchObject({
      issueId: '10123',
      changelogId: null,
      projectKey: null,
      updatedAt: null,
    });
  });

  it('keeps the platform flag for changes the app made', () => {
    expect(statusChangeOf(event({ selfGenerated: true }))?.selfGenerated).toBe(true);
  });

  it.each([
    ['another event', event({ eventType: 'avi:jira:created:issue' })],
    [
      'an update without a status change',
      event({ changelog: { id: '1', items: [event().changelog.items[0]] } }),
    ],
    ['no changelog', event({ changelog: undefined })],
    ['no issue key', event({ issue: { id: '1' } })],
    ['not an object', 'avi:jira:updated:issue'],
    ['nothing', undefined],
  ])('is null for %s', (_, value) => {
    expect(statusChangeOf(value)).toBeNull();
  });
});
