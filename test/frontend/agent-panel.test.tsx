/**
 * The agent panel rendered by the real @forge/react reconciler, with a fake Forge bridge whose
 * `invoke` is answered by the real getStatusHelp resolver through the harness and the Jira double.
 */
import { bridge, find, findAll, renderRoot, textOf, waitFor, type ForgeDoc } from '../support/ui-kit';
import { randomUUID } from 'node:crypto';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AgentPanel } from '../../src/frontend/agent/AgentPanel';
import { dateTimeText } from '../../src/frontend/agent/view';
import frFR from '../../locales/fr-FR.json';
import deDE from '../../locales/de-DE.json';
import { DEMO_USERS, type DoubleIssue } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { moveIssue, requestMovedBy } from '../support/events';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  bridge.calls.length = 0;
});

const DAY = 24 * 3_600_000;

/** The resolver answers as the agent, from the issue view of `issue`, as the platform would route it. */
function answerFromResolver(issue: DoubleIssue): void {
  bridge.invoke = (functionKey, payload) =>
    app.issueView(functionKey, payload, { accountId: DEMO_USERS.agent.accountId, issueKey: issue.key });
}

function renderPanel(locale: string, now?: number): Promise<ForgeDoc> {
  bridge.context = { locale, moduleKey: 'guide-des-statuts-agent-panel' };
  return renderRoot(() =>
    ForgeReconciler.render(
      <I18nProvider>
        <AgentPanel {...(now === undefined ? {} : { now: () => now })} />
      </I18nProvider>,
    ),
  );
}

const listItems = (section: ForgeDoc): string[] => findAll(section, 'ListItem').map(textOf);
/** The Stack holding a heading with this title, i.e. one section of the panel. */
function section(root: ForgeDoc, title: string): ForgeDoc {
  const stacks = findAll(root, 'Stack').filter((s) =>
    s.children.some((c) => c.type === 'Heading' && textOf(c) === title),
  );
  const found = stacks.at(-1);
  if (!found) throw new Error(`no section ${title}`);
  return found;
}

describe('the agent panel', () => {
  it('shows, in French, what the customer reads, the badge, how long they have been waited on and what they can do', async () => {
    const issue = requestMovedBy(app.double.state, 'requestInformation');
    answerFromResolver(issue);
    const root = await renderPanel('fr-FR', issue.statusChangedAt + 3 * DAY + 2 * 3_600_000);

    await waitFor(() => expect(findAll(root, 'Heading').length).toBeGreaterThan(0));
    expect(textOf(find(root, 'Heading'))).toBe('En attente du client');
    expect(textOf(find(root, 'Lozenge'))).toBe('Réponse requise');
    expect(find(root, 'Lozenge').props.appearance).toBe('moved');
    const since = dateTimeText(new Date(issue.statusChangedAt).toISOString(), 'fr-FR');
    expect(findAll(root, 'Text').map(textOf)).toContain(
      `L'équipe attend le client depuis 3 jours : la demande est passée à ce statut le ${since}.`,
    );

    const portalWords = find(root, 'SectionMessage');
    expect(portalWords.props.title).toBe('Ce que le client lit sur le portail');
    expect(findAll(portalWords, 'Text').map(textOf)).toEqual([
      frFR.status.waiting_customer.meaning,
      frFR.status.waiting_customer.todo,
    ]);
    expect(listItems(section(root, 'Ce que le client peut faire maintenant'))).toEqual([
      "« Customer answered » (sur le portail : « Répondre à l'équipe »)",
    ]);
    expect(textOf(section(root, "Suite habituelle pour l'équipe"))).toContain(
      "Aucune transition d'équipe ne part de ce statut.",
    );
    expect(textOf(section(root, 'Dernières actions du client'))).toContain(
      "Le client n'a encore rien fait depuis le portail.",
    );
    // One invoke, with the agent's locale; the resolver read Jira as the agent.
    expect(bridge.calls.filter((c) => c.command === 'invoke').map((c) => c.data)).toEqual([
      { functionKey: 'getStatusHelp', payload: { locale: 'fr-FR' } },
    ]);
  });

  it('shows, in German, the next team transitions and who did what from the portal', async () => {
    const issue = requestMovedBy(app.double.state, 'requestInformation');
    issue.participants = [DEMO_USERS.participant.accountId];
    for (const accountId of [DEMO_USERS.reporter.accountId, DEMO_USERS.participant.accountId]) {
      const answer = await app.portal<{ error?: unknown }>(
        'performCustomerAction',
        { action: 'customerAnswered', comment: 'Voilà.', submissionId: randomUUID() },
        { accountId, issueKey: issue.key },
      );
      expect(answer.error).toBeUndefined();
      if (accountId === DEMO_USERS.reporter.accountId)
        moveIssue(app.double.state, issue, 'requestInformation');
    }
    answerFromResolver(issue);
    app.double.resetLog();
    const root = await renderPanel('de-DE');

    await waitFor(() => expect(findAll(root, 'Heading').length).toBeGreaterThan(0));
    expect(textOf(find(root, 'Heading'))).toBe('En progression');
    expect(findAll(root, 'Lozenge')).toEqual([]);
    const since = dateTimeText(new Date(issue.statusChangedAt).toISOString(), 'de-DE');
    expect(findAll(root, 'Text').map(textOf)).toContain(`Seit dem ${since} in diesem Status.`);
    expect(findAll(find(root, 'SectionMessage'), 'Text').map(textOf)).toEqual([
      deDE.status.in_progress.meaning,
      deDE.status.in_progress.todo,
    ]);
    expect(textOf(section(root, 'Was der Kunde jetzt tun kann'))).toContain(
      'In diesem Status ist keine Aktion des Kunden vorgesehen.',
    );
    expect(listItems(section(root, 'Was das Team üblicherweise als Nächstes tut'))).toEqual([
      'Transférer au développement',
      'Demander des informations',
      "Demander l'approbation",
      'Résoudre',
    ]);
    const audit = listItems(section(root, 'Letzte Aktionen des Kunden'));
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatch(/ – Pierre Participant: „Customer answered“$/);
    expect(audit[1]).toMatch(/ – Claire Client: „Customer answered“$/);
    // Jira, for this display: the issue, then the participant's name.
    expect(app.double.log.map((e) => `${e.method} ${e.path}`)).toEqual([
      `GET /rest/api/3/issue/${issue.key}`,
      'GET /rest/api/3/user/bulk',
    ]);
  });

  it('stays out of the way on a status outside the workflow', async () => {
    bridge.invoke = () =>
      Promise.resolve({
        issueKey: 'SUP-1',
        status: { key: null, name: 'Waiting for support' },
        customerActions: [],
        nextTeamTransitions: [],
        recentCustomerActions: [],
      });
    const root = await renderPanel('en-US');
    await waitFor(() => expect(findAll(root, 'Text')).toHaveLength(1));
    expect(textOf(root)).toBe(
      'The status "Waiting for support" is not part of the status guide: nothing to explain here.',
    );
    expect(findAll(root, 'Heading')).toEqual([]);
    expect(findAll(root, 'SectionMessage')).toEqual([]);
  });

  it('says it cannot show the guide when the resolver answers an error, and retries on demand', async () => {
    bridge.invoke = () =>
      Promise.resolve({
        error: { code: 'JIRA_UNAVAILABLE', message: 'Le service de support ne répond pas.' },
      });
    const root = await renderPanel('fr-FR');
    await waitFor(() => expect(findAll(root, 'Button')).toHaveLength(1));
    const warning = find(root, 'SectionMessage');
    expect(warning.props.appearance).toBe('warning');
    expect(textOf(find(warning, 'Text'))).toBe(
      'Le guide des statuts ne peut pas être affiché pour le moment.',
    );
    expect(textOf(find(warning, 'Button'))).toBe('Réessayer');

    answerFromResolver(app.issueIn('closed'));
    const onClick = find(root, 'Button').props.onClick as () => void;
    onClick();
    await waitFor(() => expect(textOf(find(root, 'Heading'))).toBe('Fermé'));
    expect(listItems(section(root, 'Ce que le client peut faire maintenant'))).toEqual([
      '« Reopen » (sur le portail : « Rouvrir la demande »)',
    ]);
  });

  it('says it cannot show the guide when the call itself fails', async () => {
    bridge.invoke = () => Promise.reject(new Error('network down'));
    const root = await renderPanel('nl-NL');
    await waitFor(() => expect(findAll(root, 'Button')).toHaveLength(1));
    expect(textOf(find(root, 'SectionMessage'))).toBe(
      'De statusgids kan op dit moment niet worden getoond.Opnieuw proberen',
    );
  });

  it('renders from its resource entry point, as Forge loads it', async () => {
    const issue = app.issueIn('waiting_approval');
    answerFromResolver(issue);
    bridge.context = { locale: 'fr-FR' };
    const root = await renderRoot(() => import('../../src/frontend/agent-panel'));
    await waitFor(() => expect(textOf(find(root, 'Heading'))).toBe("En attente d'approbation client"));
    expect(listItems(section(root, 'Ce que le client peut faire maintenant'))).toEqual([
      '« Accepted by customer » (sur le portail : « Accepter »)',
      '« Refused by customer » (sur le portail : « Refuser »)',
    ]);
  });
});
