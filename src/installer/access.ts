/**
 * Who may preview, install and check: Jira administrators only. Jira pages show an admin page to
 * administrators, but a resolver can be invoked from any module of the app, so the resolver asks
 * Jira itself, as the caller, before it reads or writes anything else.
 */
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { AppError } from '../shared/errors';

export async function requireJiraAdmin(jira: JiraClient): Promise<void> {
  let allowed = false;
  try {
    const result = await jira.getMyPermissions(['ADMINISTER']);
    allowed = result.permissions.ADMINISTER?.havePermission === true;
  } catch (error) {
    // Portal-only customers cannot call Jira as themselves at all (ECO-838): they are refused too.
    if (error instanceof JiraError && (error.kind === 'forbidden' || error.kind === 'unauthorized'))
      allowed = false;
    else throw error;
  }
  if (!allowed) throw new AppError('NOT_ALLOWED', 'admin.error.notAdmin');
}
