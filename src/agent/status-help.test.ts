import type { IssueBean } from '../jira/types';
import { AUDIT_PROPERTY_KEY } from '../portal/audit';
import { knownNames, namesToLookUp, recentAuditRecords, statusHelpFor, statusSince } from './status-help';

const statusChange = (id: string, created: string) => ({
  id,
  created,
  items: [{ field: 'status', fieldId: 'status', from: '1', fromString: 'A', to: '2', toString: 'B' }],
});

function issue(over: Partial<IssueBean> = {}, fields: IssueBean['fields'] = {}): IssueBean {
  return {
    id: '10001',
    key: 'SUP-1',
    fields: {
      status: { id: '10005', name: 'En attente du client' },
      created: '2025-03-01T09:00:00.000+0100',
      reporter: { accountId: 'claire', displayName: 'Claire Client' },
      ...fields,
    },
    ...over,
  };
}

describe('statusSince', () => {
  it('is the newest status change, whatever order Jira lists the history in', () => {
    const histories = [
      statusChange('1', '2025-03-02T10:00:00.000+0100'),
      statusChange('3', '2025-03-04T10:00:00.000+0100'),
      {
        id: '4',
        created: '2025-03-05T10:00:00.000+0100',
        items: [{ field: 'summary', toString: 'Nouveau titre' }],
      },
      statusChange('2', '2025-03-03T10:00:00.000+0100'),
    ];
    expect(statusSince(issue({ changelog: { total: 4, histories } }))).toBe('2025-03-04T09:00:00.000Z');
  });

  it('is the creation for an issue that never changed status, if the history is complete', () => {
    expect(statusSince(issue({ changelog: { total: 0, histories: [] } }))).toBe('2025-03-01T08:00:00.000Z');
    const summaryOnly = {
      id: '9',
      created: '2025-03-05T10:00:00.000+0100',
      items: [{ field: 'summary', toString: 'Nouveau titre' }],
    };
    expect(statusSince(issue({ changelog: { total: 150, histories: [summaryOnly] } }))).toBeNull();
  });
});

describe('audit and names', () => {
  const record = (at: string, accountId: string, action = 'customerAnswered') => ({
    at,
    accountId,
    action,
    from: 'waiting_customer',
    to: 'in_progress',
    submissionId: 's',
  });

  it('keeps well-formed records, newest first, and asks only for unknown names', () => {
    const bean = issue({
      properties: {
        [AUDIT_PROPERTY_KEY]: {
          records: [
            record('2025-03-02T10:00:00Z', 'claire'),
            record('2025-03-03T10:00:00Z', 'pierre'),
            record('2025-03-04T10:00:00Z', 'pierre', 'dance'),
            { at: 'never' },
          ],
        },
      },
    });
    const records = recentAuditRecords(bean);
    expect(records.map((r) => r.accountId)).toEqual(['pierre', 'claire']);
    const names = knownNames(bean);
    expect(namesToLookUp(records, names)).toEqual(['pierre']);
    const help = statusHelpFor(bean, records, names, 'waiting_customer');
    expect(help.recentCustomerActions.map((r) => [r.displayName, r.actionName])).toEqual([
      [null, 'Customer answered'],
      ['Claire Client', 'Customer answered'],
    ]);
  });

  it('ignores an audit property that is not one', () => {
    expect(recentAuditRecords(issue({ properties: { [AUDIT_PROPERTY_KEY]: 'oops' } }))).toEqual([]);
    expect(recentAuditRecords(issue())).toEqual([]);
  });
});

describe('statusHelpFor', () => {
  it('names the customer actions and the next team transitions of the status', () => {
    const help = statusHelpFor(issue({}, { status: { id: '1', name: 'Résolu' } }), [], new Map(), 'resolved');
    expect(help.status).toMatchObject({ key: 'resolved', responseRequired: false });
    expect(help.customerActions).toEqual([]);
    expect(help.nextTeamTransitions.map((t) => t.name)).toEqual(["Demander l'approbation", 'Clôturer']);
  });

  it('stays out of the way outside the workflow', () => {
    const help = statusHelpFor(
      issue({}, { status: { id: '1', name: 'Waiting for support' } }),
      [],
      new Map(),
      null,
    );
    expect(help.status).toEqual({ key: null, name: 'Waiting for support' });
    expect(help.customerActions).toEqual([]);
    expect(help.nextTeamTransitions).toEqual([]);
  });
});
