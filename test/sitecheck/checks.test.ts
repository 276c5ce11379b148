/**
 * The site check against the test double, set to behave either way for each assumption: each check
 * reports what the double does, with the right consequence, in a bounded number of Jira requests,
 * and writes nothing to Jira.
 */
import {
  DEMO_ISSUE_TYPES,
  DEMO_REQUEST_TYPES,
  DEMO_STATUS_IDS,
  DEMO_USERS,
  addIssue,
  type DoubleState,
} from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, writesIn, type TestApp } from '../support/app';
import { checkOf, customerAnswers, runCheck } from './helpers';

let app: TestApp;
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
});

async function start(seed?: (state: DoubleState) => void): Promise<TestApp> {
  app = await startTestApp(seed ? { seed } : {});
  return app;
}

/** Customers see other names for one request type's statuses (JSM's per-request-type setting). */
function renameForCustomers(
  names: Record<string, string>,
  requestTypeId: string = DEMO_REQUEST_TYPES.assistance,
): (state: DoubleState) => void {
  return (state) => {
    const type = state.projects[0]?.requestTypes.find((r) => r.id === requestTypeId);
    if (!type) throw new Error('no assistance request type');
    type.customerStatusNames = names;
  };
}

describe('the site check, on a site that behaves as the app assumes', () => {
  it('reports each assumption as handled, reading a few requests and writing nothing to Jira', async () => {
    await start();
    app.configureDemoProject();
    const issueKey = await customerAnswers(app);
    app.double.resetLog();
    const notificationsBefore = app.double.state.notifications.length;

    const view = await runCheck(app);

    expect(view.checks.map((c) => [c.name, c.verdict])).toEqual([
      ['comments', 'handled'],
      ['statusNames', 'handled'],
      ['storage', 'handled'],
      ['licence', 'handled'],
      ['workflow', 'handled'],
    ]);
    const comments = checkOf(view, 'comments');
    expect(comments.assumption).toContain('sd.public.comment');
    expect(comments.observed).toEqual([
      expect.stringMatching(new RegExp(`^${issueKey} : le commentaire \\d+ est public`)),
    ]);
    expect(comments.consequence).toContain('rien à faire');
    expect(comments.observedAt).toMatch(/^Constaté le .*\d{4}.* UTC :$/);
    expect(
      checkOf(view, 'statusNames').observed.every((line) => line.includes('le nom Jira du statut')),
    ).toBe(true);
    expect(checkOf(view, 'statusNames').observed).toContainEqual(
      expect.stringContaining("(type « Demande d'assistance ») : le client voit"),
    );
    expect(checkOf(view, 'storage').observed).toEqual([
      'La seconde écriture a été refusée : statut 409, code KEY_CONFLICT.',
    ]);
    expect(checkOf(view, 'licence').observed).toEqual([
      "Aucun objet licence dans le contexte de l'application.",
    ]);
    expect(checkOf(view, 'workflow').observed).toEqual([
      'Flux sur SUP : Installé.',
      'Aucune différence avec le modèle.',
    ]);
    expect(view.lastRun).toMatch(/^Dernière vérification : .*, avec le projet SUP\.$/);

    // Bounded: 1 permission check, comments 1 + 1, status names 2 + one per request type (2 here),
    // the installer's check 6. Only reads; no e-mail.
    expect(writesIn(app.double)).toEqual([]);
    expect(jiraCalls(app.double).length).toBeLessThanOrEqual(18);
    expect(app.double.state.notifications.length).toBe(notificationsBefore);
    // The storage probe's key is gone; the result is kept.
    expect([...app.forge.kvs.entries.keys()].filter((k) => k.startsWith('sitecheck:probe:'))).toEqual([]);
    expect(app.forge.kvs.peek('sitecheck:last')).toMatchObject({ projectKey: 'SUP' });
  });

  it('stays within its stated bound on a busy project: 3 comments, 5 request types, 18 requests', async () => {
    await start((state) => {
      const project = state.projects[0];
      if (!project) throw new Error('no project');
      for (let n = 1; n <= 5; n++) {
        const id = String(100 + n);
        project.requestTypes.push({ id, name: `Type ${n}`, issueTypeId: DEMO_ISSUE_TYPES.serviceRequest });
        for (let k = 0; k < 2; k++)
          addIssue(state, {
            summary: `Demande ${n}.${k}`,
            reporter: DEMO_USERS.reporter.accountId,
            requestTypeId: id,
            statusId: DEMO_STATUS_IDS.waiting_customer,
          });
      }
    });
    app.configureDemoProject();
    for (let k = 0; k < 4; k++) await customerAnswers(app);
    app.double.resetLog();
    const view = await runCheck(app);
    expect(checkOf(view, 'comments').observed).toHaveLength(3);
    expect(checkOf(view, 'statusNames').observed).toHaveLength(5);
    const calls = jiraCalls(app.double);
    expect(
      calls.filter((c) => c.startsWith('GET /rest/servicedeskapi/request/') && c.includes('/comment/')),
    ).toHaveLength(3);
    expect(calls.filter((c) => /^GET \/rest\/api\/3\/issue\/SUP-\d+$/.test(c))).toHaveLength(5);
    expect(calls.length).toBeLessThanOrEqual(18);
    expect(writesIn(app.double)).toEqual([]);
  });

  it('says there is nothing to read back yet, never a pass, while the app has posted no comment', async () => {
    await start();
    app.configureDemoProject();
    const comments = checkOf(await runCheck(app), 'comments');
    expect(comments.verdict).toBe('pending');
    expect(comments.observed).toEqual([
      "Aucun commentaire publié par l'application sur SUP ces 30 derniers jours : rien à relire.",
    ]);
  });
});

describe('the site check, on a site that does not', () => {
  it('reports comments JSM keeps internal, and what the administrator should do', async () => {
    await start((state) => {
      state.platformCommentsStayInternal = true;
    });
    app.configureDemoProject();
    const issueKey = await customerAnswers(app);
    const comments = checkOf(await runCheck(app), 'comments');
    expect(comments.verdict).toBe('act');
    expect(comments.observed[0]).toMatch(
      new RegExp(`^${issueKey} : le commentaire \\d+ est une note interne`),
    );
    expect(comments.consequence).toContain('Rendez ces commentaires publics dans Jira');
  });

  it('reports customer-visible names, which the app recognizes by id', async () => {
    await start(renameForCustomers({ [DEMO_STATUS_IDS.waiting_customer]: 'Votre réponse est attendue' }));
    app.configureDemoProject();
    // The most recent assistance request is the one waiting for the customer.
    app.issueIn('waiting_customer').statusChangedAt = Date.now() + 60_000;
    const names = checkOf(await runCheck(app), 'statusNames');
    expect(names.verdict).toBe('handled');
    expect(names.observed).toContainEqual(
      expect.stringContaining(
        'le client voit « Votre réponse est attendue » pour le statut Jira « En attente du client »',
      ),
    );
    expect(names.consequence).toContain('par leur identifiant');
  });

  it("tells a customer-visible name that is another status's own, of another category, by JSM's category", async () => {
    const issue = (state: DoubleState) => state.issues.find((i) => i.statusId === DEMO_STATUS_IDS.reopened);
    let requestTypeId = '';
    await start((state) => {
      requestTypeId = issue(state)?.requestTypeId ?? '';
      renameForCustomers({ [DEMO_STATUS_IDS.reopened]: 'En progression' }, requestTypeId)(state);
    });
    app.configureDemoProject();
    app.issueIn('reopened').statusChangedAt = Date.now() + 60_000;
    const names = checkOf(await runCheck(app), 'statusNames');
    expect(names.verdict).toBe('handled');
    expect(names.observed).toContainEqual(
      expect.stringContaining('le client voit « En progression » pour le statut Jira « ReOuvert »'),
    );
  });

  it("reports a customer-visible name that is another status's own, which the app would misread", async () => {
    // Same category (in progress): JSM's category cannot tell them apart.
    await start(
      renameForCustomers(
        { [DEMO_STATUS_IDS.waiting_approval]: 'En attente du client' },
        DEMO_REQUEST_TYPES.problem,
      ),
    );
    app.configureDemoProject();
    expect(app.issueIn('waiting_approval').requestTypeId).toBe(DEMO_REQUEST_TYPES.problem);
    app.issueIn('waiting_approval').statusChangedAt = Date.now() + 60_000;
    const names = checkOf(await runCheck(app), 'statusNames');
    expect(names.verdict).toBe('act');
    expect(names.observed).toContainEqual(
      expect.stringContaining(
        "l'application y lirait « En attente du client » au lieu de « En attente d'approbation client »",
      ),
    );
  });

  it('says when the installer has recorded no ids: statuses are then known by their Jira names', async () => {
    await start();
    const names = checkOf(await runCheck(app), 'statusNames');
    expect(names.observed).toContain(
      "Les identifiants des statuts ne sont pas enregistrés pour SUP : l'application reconnaît les statuts par leur nom Jira.",
    );
  });

  it.each([
    [{ status: 409, code: 'CONFLICT' }, 'handled', 'statut 409, code CONFLICT'],
    [{ status: 400, code: 'KEY_CONFLICT' }, 'handled', 'statut 400, code KEY_CONFLICT'],
    [{ status: 412, code: 'PRECONDITION_FAILED' }, 'act', 'statut 412, code PRECONDITION_FAILED'],
  ])('reports what a refused "set if absent" answers (%j): %s', async (conflict, verdict, seen) => {
    await start();
    app.forge.kvs.conflict = conflict;
    const storage = checkOf(await runCheck(app), 'storage');
    expect(storage.verdict).toBe(verdict);
    expect(storage.observed).toEqual([`La seconde écriture a été refusée : ${seen}.`]);
    if (verdict === 'act') expect(storage.consequence).toContain("L'application ne reconnaît pas ce refus");
    expect([...app.forge.kvs.entries.keys()].filter((k) => k.startsWith('sitecheck:probe:'))).toEqual([]);
  });

  it.each([
    [{ isActive: true }, 'Un objet licence est présent, et la licence est active.'],
    [{ active: true }, 'Un objet licence est présent, et la licence est active.'],
  ])('reports the installation license %j as handled', async (license, seen) => {
    await start();
    app.forge.appContext.license = license;
    const licence = checkOf(await runCheck(app), 'licence');
    expect([licence.verdict, licence.observed]).toEqual(['handled', [seen]]);
  });

  // Licensing is enabled: under a license that is not active the check, which writes, does not run at
  // all (src/shared/license.ts); the administrator reads why, and nothing is kept.
  it.each([[{ isActive: false }], [{ active: false }], [{ type: 'commercial' }]])(
    'does not run under the installation license %j',
    async (license) => {
      await start();
      app.forge.appContext.license = license;
      app.forge.kvs.log.length = 0;
      expect(await runCheck(app)).toEqual({
        error: {
          code: 'NOT_AVAILABLE',
          message:
            "La licence de Guide des statuts n'est pas active sur ce site : rien ne peut être enregistré ni modifié. Activez ou renouvelez l'abonnement dans la gestion des applications de Jira.",
        },
      });
      expect(app.forge.kvs.log).toEqual([]);
    },
  );

  it("summarizes the installer's own check: a project whose workflow ids are not recorded needs an install", async () => {
    await start();
    const workflow = checkOf(await runCheck(app), 'workflow');
    expect(workflow.verdict).toBe('act');
    expect(workflow.observed[0]).toBe('Flux sur SUP : Partiellement installé.');
    // Then the installer's own findings, in its words (here: the workflow's ids are not recorded).
    expect(workflow.observed.length).toBeGreaterThan(1);
    expect(workflow.consequence).toContain("Ouvrez l'aperçu de SUP");
  });
});

describe('the site check, when Jira or storage fails', () => {
  it('says "could not check" for the check that failed, never a pass, and still runs the others', async () => {
    await start();
    app.configureDemoProject();
    await customerAnswers(app);
    app.double.faults.add({ path: /^\/rest\/servicedeskapi\/servicedesk\//, status: 500, times: 5 });
    app.double.faults.add({ path: '/rest/api/3/comment/list', status: 503, times: 5 });
    app.forge.kvs.addFault({ op: 'set', key: /^sitecheck:probe:/, mode: 'before' });
    const view = await runCheck(app);
    expect(view.checks.map((c) => [c.name, c.verdict])).toEqual([
      ['comments', 'unchecked'],
      ['statusNames', 'unchecked'],
      ['storage', 'unchecked'],
      ['licence', 'handled'],
      ['workflow', 'handled'],
    ]);
    const names = checkOf(view, 'statusNames');
    expect(names.observed).toEqual([
      expect.stringMatching(
        /^Vérification impossible \(GET \/rest\/servicedeskapi\/servicedesk\/.*: 500 server\)\.$/,
      ),
    ]);
    expect(names.consequence).toContain("Ce n'est pas un succès");
  });

  it('answers "Jira is not answering" when the permission check itself fails, and keeps nothing', async () => {
    await start();
    app.double.faults.add({ path: '/rest/api/3/mypermissions', status: 500, times: 5 });
    const answer = await runCheck(app);
    expect(answer).toEqual({
      error: {
        code: 'JIRA_UNAVAILABLE',
        message:
          "Jira ne répond pas pour le moment : rien n'a été vérifié ni envoyé. Réessayez dans un instant.",
      },
    });
    expect(app.forge.kvs.peek('sitecheck:last')).toBeUndefined();
  });
});
