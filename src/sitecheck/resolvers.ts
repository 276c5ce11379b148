/**
 * Site check resolvers, for the admin page only, for Jira administrators only (asked of Jira, as the
 * caller, before anything else is read, written or sent), like the installer's. Thin: each parses its
 * payload, runs one module and answers the whole section as the administrator should read it.
 */
import { getTranslator } from '../i18n';
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { requireAdminPage, requireJiraAdmin } from '../shared/admin-access';
import { AppError, type ResolverError } from '../shared/errors';
import { requireWritable } from '../shared/license';
import { answer, callerFromContext, logJiraFailure, type ResolverRequest } from '../shared/resolver';
import { describeMail, describeRecord, formatDate, type SiteCheckView } from './describe';
import { confirmTestMail, sendTestMail } from './mail';
import type { MailRecord, SiteCheckRecord } from './model';
import { runSiteCheck } from './run';
import { readLastCheck, readLastMail } from './store';

export type { SiteCheckView };

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;
const REQUEST_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

interface Input {
  locale?: string;
  projectKey?: string;
  requestKey?: string;
  arrived?: boolean;
}

function parseInput(payload: unknown, allowed: readonly (keyof Input)[]): Input {
  const given: unknown = payload ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new AppError('INVALID_INPUT', 'sitecheck.error.invalidInput');
  const input: Input = {};
  const refuse = (): never => {
    throw new AppError('INVALID_INPUT', 'sitecheck.error.invalidInput');
  };
  for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
    if (key === 'locale' && typeof value === 'string' && value.length <= 35) input.locale = value;
    else if (
      key === 'projectKey' &&
      allowed.includes(key) &&
      typeof value === 'string' &&
      PROJECT_KEY.test(value)
    )
      input.projectKey = value;
    else if (
      key === 'requestKey' &&
      allowed.includes(key) &&
      typeof value === 'string' &&
      REQUEST_KEY.test(value)
    )
      input.requestKey = value;
    else if (key === 'arrived' && allowed.includes(key) && (value === 'yes' || value === 'no'))
      input.arrived = value === 'yes';
    else refuse();
  }
  if (allowed.some((key) => key !== 'locale' && input[key] === undefined)) refuse();
  return input;
}

/** What a resolver has just produced; the rest of the section is read from storage. */
interface Fresh {
  record?: SiteCheckRecord;
  mail?: MailRecord;
}

/**
 * The whole section in the administrator's language. After a run or an e-mail, the other half is read
 * best effort: what was just done is answered even when storage cannot give the rest.
 */
async function view(rawLocale: string | undefined, fresh: Fresh | null): Promise<SiteCheckView> {
  const { locale, t } = await getTranslator(rawLocale);
  const lenient = <T>(read: Promise<T | null>): Promise<T | null> => (fresh ? read.catch(() => null) : read);
  const [record, mail] = await Promise.all([
    fresh?.record ?? lenient(readLastCheck()),
    fresh?.mail ?? lenient(readLastMail()),
  ]);
  return {
    lastRun: record
      ? t('sitecheck.lastRun', { date: formatDate(locale, record.ranAt), project: record.projectKey })
      : null,
    projectKey: record?.projectKey ?? null,
    checks: record ? describeRecord(t, locale, record) : [],
    mail: mail ? describeMail(t, locale, mail) : null,
  };
}

/** `writes`: the resolver stores a result or sends an e-mail, refused under an inactive license. */
function siteCheckResolver(
  allowed: readonly (keyof Input)[],
  body: (admin: JiraClient, input: Input) => Promise<Fresh | null>,
  writes = true,
): (request: ResolverRequest) => Promise<SiteCheckView | ResolverError> {
  return (request) =>
    answer(request, async () => {
      requireAdminPage(request.context, 'sitecheck.error.notAdmin');
      callerFromContext(request.context);
      if (writes) requireWritable(request.context, 'licensing.admin.refused');
      const input = parseInput(request.payload, allowed);
      const admin = new JiraClient('user');
      try {
        await requireJiraAdmin(admin, 'sitecheck.error.notAdmin');
        return await view(input.locale, await body(admin, input));
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (!(error instanceof JiraError)) {
          // Forge storage, the only other thing these resolvers call: said in the administrator's terms.
          console.warn('sitecheck: storage failed', error instanceof Error ? error.name : typeof error);
          throw new AppError('JIRA_UNAVAILABLE', 'sitecheck.error.storage');
        }
        logJiraFailure(error);
        // Only the test e-mail reads a request the administrator names; the checks catch their own errors.
        if (error.kind === 'not-found') throw new AppError('NOT_AVAILABLE', 'sitecheck.mail.notFound');
        throw new AppError('JIRA_UNAVAILABLE', 'sitecheck.error.unavailable');
      }
    });
}

/** The last result and the last test e-mail, as kept. */
export const siteCheckLast = siteCheckResolver(['locale'], () => Promise.resolve(null), false);

/** Runs every check on the project named; writes nothing to Jira, but keeps the result and probes storage. */
export const siteCheckRun = siteCheckResolver(['locale', 'projectKey'], async (admin, input) => ({
  record: await runSiteCheck(admin, input.projectKey ?? ''),
}));

/** Sends the test e-mail to the reporter of the request named, a portal-only customer. */
export const siteCheckSendMail = siteCheckResolver(['locale', 'requestKey'], async (_admin, input) => ({
  mail: await sendTestMail(input.requestKey ?? ''),
}));

/** Keeps the administrator's answer: did the test e-mail arrive? */
export const siteCheckConfirmMail = siteCheckResolver(['locale', 'arrived'], async (_admin, input) => ({
  mail: await confirmTestMail(input.arrived === true),
}));
