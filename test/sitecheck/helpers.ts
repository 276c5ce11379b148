/** What the site-check suites share: the admin, a customer's answer on the portal, the section's view. */
import { randomUUID } from 'node:crypto';
import type { SiteCheckView } from '../../src/sitecheck/resolvers';
import type { CheckName } from '../../src/sitecheck/model';
import { DEMO_USERS } from '../double/state';
import type { TestApp } from '../support/app';

export const ADMIN = { accountId: DEMO_USERS.admin.accountId };

/** Claire answers on the portal on the request waiting for her: the app posts her words as a comment. */
export async function customerAnswers(app: TestApp): Promise<string> {
  const issue = app.issueIn('waiting_customer');
  const answer = await app.portal<{ error?: unknown }>(
    'performCustomerAction',
    { action: 'customerAnswered', submissionId: randomUUID(), comment: 'Voici le justificatif demandé.' },
    { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
  );
  expect(answer.error).toBeUndefined();
  return issue.key;
}

export const runCheck = (app: TestApp, locale = 'fr-FR'): Promise<SiteCheckView> =>
  app.adminPage<SiteCheckView>('siteCheckRun', { projectKey: 'SUP', locale }, ADMIN);

export function checkOf(view: SiteCheckView, name: CheckName): SiteCheckView['checks'][number] {
  const found = view.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} in ${JSON.stringify(view)}`);
  return found;
}
