/**
 * Site check resolvers, for the admin page only, for Jira administrators only (asked of Jira, as the
 * caller, before anything else is read, written or sent), like the installer's. Thin: each parses its
 * payload, runs one module and answers the whole section as the administrator should read it.
 */
import { getTranslator, type Locale } from '../i18n';
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { requireAdminPage, requireJiraAdmin } from '../shared/admin-access';
import { AppError, type ResolverError } from '../shared/errors';
import { answer, callerFromContext, logJiraFailure, type ResolverRequest } from '../shared/resolver';
import { describeMail, describeRecord, formatDate, type SiteCheckView } from './describe';
import { confirmTestMail, sendTestMail } from './mail';
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

async function view(locale: Locale): Promise<SiteCheckView> {
  const { t } = await getTranslator(locale);
  const [record, mail] = await Promise.all([readLastCheck(), readLastMail()]);
  return {
    lastRun: record
      ? t('sitecheck.lastRun', { date: formatDate(locale, record.ranAt), project: record.projectKey })
      : null,
    projectKey: record?.projectKey ?? null,
    checks: record ? describeRecord(t, locale, record) : [],
    mail: mail ? describeMail(t, locale, mail) : null,
  };
}

function siteCheckResolver(
  allowed: readonly (keyof Input)[],
  body: (admin: JiraClient, input: Input) => Promise<unknown>,
): (request: ResolverRequest) => Promise<SiteCheckView | ResolverError> {
  return (request) =>
    answer(request, async () => {
      requireAdminPage(request.context, 'sitecheck.error.notAdmin');
      callerFromContext(request.context);
      const input = parseInput(request.payload, allowed);
      const admin = new JiraClient('user');
      try {
        await requireJiraAdmin(admin, 'sitecheck.error.notAdmin');
        await body(admin, input);
      } catch (error) {
        if (!(error instanceof JiraError)) throw error;
        logJiraFailure(error);
        if (error.kind === 'not-found') throw new AppError('NOT_AVAILABLE', 'sitecheck.mail.notFound');
        throw new AppError('JIRA_UNAVAILABLE', 'sitecheck.error.unavailable');
      }
      const { locale } = await getTranslator(input.locale);
      return view(locale);
    });
}

/** The last result and the last test e-mail, as kept. */
export const siteCheckLast = siteCheckResolver(['locale'], () => Promise.resolve());

/** Runs every check on the project named; writes nothing to Jira. */
export const siteCheckRun = siteCheckResolver(['locale', 'projectKey'], (admin, input) =>
  runSiteCheck(admin, input.projectKey ?? ''),
);

/** Sends the test e-mail to the reporter of the request named, a portal-only customer. */
export const siteCheckSendMail = siteCheckResolver(['locale', 'requestKey'], (_admin, input) =>
  sendTestMail(input.requestKey ?? ''),
);

/** Keeps the administrator's answer: did the test e-mail arrive? */
export const siteCheckConfirmMail = siteCheckResolver(['locale', 'arrived'], (_admin, input) =>
  confirmTestMail(input.arrived === true),
);
