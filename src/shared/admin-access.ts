/**
 * Who may call the admin page's resolvers (the installer's and the e-mail settings'): a Jira
 * administrator, from the admin page. Jira shows the admin page to administrators only, but any module
 * of the app can invoke any resolver (the portal panel, where customers are, included), so each
 * resolver checks where the call comes from, then asks Jira itself, as the caller, before it reads or
 * writes anything else.
 */
import type { MessageKey } from '../i18n/locales';
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { AppError } from './errors';
import { callerFromContext, logJiraFailure, type ResolverContext } from './resolver';

/** The module type the platform reports in `context.extension.type` for the admin page. */
export const ADMIN_PAGE_EXTENSION = 'jira:adminPage';

/** Refuses, with `refusal` as the message, a call that does not come from the admin page. */
export function requireAdminPage(context: ResolverContext, refusal: MessageKey): void {
  const extension = context.extension as { type?: unknown } | undefined;
  if (extension?.type !== ADMIN_PAGE_EXTENSION) throw new AppError('NOT_ALLOWED', refusal);
}

/** Refuses, with `refusal` as the message, a caller Jira does not call an administrator. */
export async function requireJiraAdmin(jira: JiraClient, refusal: MessageKey): Promise<void> {
  let allowed: boolean;
  try {
    const result = await jira.getMyPermissions(['ADMINISTER']);
    allowed = result.permissions.ADMINISTER?.havePermission === true;
  } catch (error) {
    // Portal-only customers cannot call Jira as themselves at all (ECO-838): they are refused too.
    if (error instanceof JiraError && (error.kind === 'forbidden' || error.kind === 'unauthorized'))
      allowed = false;
    else throw error;
  }
  if (!allowed) throw new AppError('NOT_ALLOWED', refusal);
}

/**
 * The caller, asked as themselves whether they are a Jira administrator: `refusal` when they are not,
 * `unavailable` (in the administrator's terms: the generic message speaks to customers) when Jira
 * cannot say. Answers the client acting as the caller.
 */
export async function requireJiraAdminCaller(
  context: ResolverContext,
  messages: { refusal: MessageKey; unavailable: MessageKey },
): Promise<JiraClient> {
  callerFromContext(context);
  // Stryker disable next-line StringLiteral: any principal but 'app' asks as the caller, which the tests check
  const jira = new JiraClient('user');
  try {
    await requireJiraAdmin(jira, messages.refusal);
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    logJiraFailure(error);
    throw new AppError('JIRA_UNAVAILABLE', messages.unavailable);
  }
  return jira;
}
