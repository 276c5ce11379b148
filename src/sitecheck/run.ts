/**
 * Runs every check of the site check, each on its own: one that fails is "could not check" and the
 * others still run. Nothing here writes to Jira; in Forge storage, only the storage probe's own key
 * (deleted afterwards) and the result.
 */
import { check } from '../installer/install';
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { checkComments } from './comments';
import { checkLicence, checkStorage } from './environment';
import type { Checked, SiteCheckRecord } from './model';
import { checkStatusNames } from './status-names';
import { saveCheck } from './store';

/** A short reason for the log and the page: the failed request, never data. */
function reasonOf(error: unknown): string {
  if (error instanceof JiraError)
    return `${error.method} ${error.path}: ${error.status ?? '-'} ${error.kind}`;
  if (error instanceof Error) return error.name === 'Error' ? error.message.slice(0, 120) : error.name;
  return typeof error;
}

async function checked<T>(name: string, body: () => Promise<T> | T): Promise<Checked<T>> {
  try {
    const seen = await body();
    return { ok: true, at: Date.now(), seen };
  } catch (error) {
    const reason = reasonOf(error);
    console.warn(`sitecheck: ${name} could not be checked: ${reason}`);
    return { ok: false, at: Date.now(), reason };
  }
}

/**
 * `admin` is the administrator's own client (the workflow check reads as them, as the installer
 * does); the other checks read as the app, as the portal and the e-mails do.
 */
export async function runSiteCheck(admin: JiraClient, projectKey: string): Promise<SiteCheckRecord> {
  const app = new JiraClient('app', { deadline: admin.deadline });
  const [comments, statusNames, storage, licence, workflow] = await Promise.all([
    checked('comments', () => checkComments(app, projectKey)),
    checked('statusNames', () => checkStatusNames(app, projectKey)),
    checked('storage', checkStorage),
    checked('licence', checkLicence),
    checked('workflow', async () => {
      const plan = await check(admin, projectKey);
      return { state: plan.state, findings: plan.findings };
    }),
  ]);
  const record: SiteCheckRecord = {
    projectKey,
    ranAt: Date.now(),
    comments,
    statusNames,
    storage,
    licence,
    workflow,
  };
  await saveCheck(record);
  return record;
}
