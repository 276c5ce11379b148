/**
 * The outcome's transition, found as the portal finds a customer's: by the id the installer
 * recorded, and when Jira refuses that id (the workflow was edited by hand since the install), looked
 * up once more by its name and target among those Jira offers, so the hourly run is not stuck until
 * an administrator runs the installer again.
 */
import { projectConfigKey, type ProjectWorkflowConfig } from '../../src/shared/project-config';
import { DEMO_STATUS_IDS, DEMO_TRANSITION_IDS } from '../double/state';
import { requestMovedBy } from '../support/events';
import {
  DAY,
  MONDAY_10,
  publicComments,
  runScan,
  statusNameOf,
  waitingAudit,
  useWaitingApp,
} from './support';

const { app, clock } = useWaitingApp({ waiting_customer: { closeAfterDays: 3 } });

/** The project's configuration as the installer recorded it, with one transition id since gone. */
function recordStaleId(transition: 'closeWithoutAnswer' | 'acceptWithoutAnswer'): void {
  const config: ProjectWorkflowConfig = {
    statuses: DEMO_STATUS_IDS,
    transitions: { ...DEMO_TRANSITION_IDS, [transition]: '9999' },
  };
  app().forge.kvs.entries.set(projectConfigKey('SUP'), {
    value: config,
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
  });
}

describe('a recorded outcome transition id Jira no longer knows', () => {
  it('is looked up again by name once: the request is closed in this run, with one comment', async () => {
    recordStaleId('closeWithoutAnswer');
    clock().set(MONDAY_10);
    const issue = requestMovedBy(app().double.state, 'requestInformation');
    clock().set(MONDAY_10 + 3 * DAY);
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(publicComments(issue)).toHaveLength(1);
    expect(waitingAudit(issue).filter((r) => r.action === 'closeWithoutAnswer')).toHaveLength(1);
    const transitionPosts = app().double.log.filter(
      (r) => r.method === 'POST' && r.path === `/rest/api/3/issue/${issue.key}/transitions`,
    );
    // The refused id, then the one found by name.
    expect(transitionPosts.map((r) => r.status)).toEqual([400, 204]);
  });
});
