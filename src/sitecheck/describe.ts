/**
 * The site check in the administrator's words: for each check the assumption, what was observed and
 * when, and the consequence, with a verdict. Pure. A check that could not run is never a pass.
 */
import type { MessageKey, Translate } from '../i18n/locales';
import { describeFinding } from '../installer/messages';
import { getStatus, type StatusKey } from '../workflow';
import type { CheckName, Checked, MailRecord, SiteCheckRecord } from './model';

/** handled: the app copes with what was seen; act: the administrator should; pending: nothing to see yet. */
export type Verdict = 'handled' | 'act' | 'pending' | 'unchecked';

export interface CheckView {
  name: CheckName;
  title: string;
  assumption: string;
  observedAt: string;
  observed: string[];
  consequence: string;
  verdict: Verdict;
}

export interface MailView {
  answer: string;
  verdict: Verdict;
  /** True while Jira accepted the e-mail and the administrator has not said whether it arrived. */
  askConfirmation: boolean;
  consequence: string | null;
}

export interface SiteCheckView {
  lastRun: string | null;
  projectKey: string | null;
  checks: CheckView[];
  mail: MailView | null;
}

type Described = Pick<CheckView, 'observed' | 'consequence' | 'verdict'>;

/** Dates in the administrator's language, in UTC (the page does not know their time zone). */
export const formatDate = (locale: string, at: number): string =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;

const statusName = (key: StatusKey | null): string => (key ? getStatus(key).name : '?');

function describeCheck<T>(t: Translate, checked: Checked<T>, body: (seen: T) => Described): Described {
  if (!checked.ok)
    return {
      observed: [t('sitecheck.unchecked', { reason: checked.reason })],
      consequence: t('sitecheck.uncheckedNext'),
      verdict: 'unchecked',
    };
  return body(checked.seen);
}

function describeComments(t: Translate, record: SiteCheckRecord): Described {
  const project = record.projectKey;
  return describeCheck(t, record.comments, (seen) => {
    if (seen.length === 0)
      return {
        observed: [t('sitecheck.comments.none', { project })],
        consequence: t('sitecheck.comments.pending'),
        verdict: 'pending',
      };
    const observed = seen.map((c) =>
      t(c.public ? 'sitecheck.comments.public' : 'sitecheck.comments.internal', {
        issueKey: c.issueKey,
        commentId: c.commentId,
      }),
    );
    return seen.every((c) => c.public)
      ? { observed, consequence: t('sitecheck.comments.handled'), verdict: 'handled' }
      : { observed, consequence: t('sitecheck.comments.act'), verdict: 'act' };
  });
}

function describeStatusNames(t: Translate, record: SiteCheckRecord): Described {
  const project = record.projectKey;
  return describeCheck(t, record.statusNames, ({ configRecorded, samples }) => {
    if (samples.length === 0)
      return {
        observed: [t('sitecheck.statusNames.none', { project })],
        consequence: t('sitecheck.statusNames.pending'),
        verdict: 'pending',
      };
    const observed = samples.map((s) => {
      const vars = { issueKey: s.issueKey, requestType: s.requestType, shown: s.shown, jira: s.jira.name };
      if (s.actual === null) return t('sitecheck.statusNames.unknown', vars);
      if (s.appReads !== s.actual)
        return t('sitecheck.statusNames.misread', {
          ...vars,
          reads: statusName(s.appReads),
          actual: statusName(s.actual),
        });
      return t(
        s.shown === s.jira.name ? 'sitecheck.statusNames.same' : 'sitecheck.statusNames.differs',
        vars,
      );
    });
    if (!configRecorded) observed.push(t('sitecheck.statusNames.noConfig', { project }));
    if (samples.some((s) => s.actual === null || s.appReads !== s.actual))
      return { observed, consequence: t('sitecheck.statusNames.act', { project }), verdict: 'act' };
    const renamed = samples.some((s) => s.shown !== s.jira.name);
    return {
      observed,
      consequence: t(renamed ? 'sitecheck.statusNames.handledById' : 'sitecheck.statusNames.handledSame'),
      verdict: 'handled',
    };
  });
}

function describeStorage(t: Translate, record: SiteCheckRecord): Described {
  return describeCheck(t, record.storage, (seen) => {
    if (!seen.refused)
      return {
        observed: [t('sitecheck.storage.notRefused')],
        consequence: t('sitecheck.storage.notAtomic'),
        verdict: 'act',
      };
    const observed = [t('sitecheck.storage.refused', { status: seen.status ?? '-', code: seen.code ?? '-' })];
    return seen.recognised
      ? { observed, consequence: t('sitecheck.storage.handled'), verdict: 'handled' }
      : { observed, consequence: t('sitecheck.storage.unrecognised'), verdict: 'act' };
  });
}

function describeLicence(t: Translate, record: SiteCheckRecord): Described {
  return describeCheck(t, record.licence, (seen) => {
    if (!seen.present)
      return {
        observed: [t('sitecheck.licence.absent')],
        consequence: t('sitecheck.licence.handled'),
        verdict: 'handled',
      };
    if (seen.active === true)
      return {
        observed: [t('sitecheck.licence.active')],
        consequence: t('sitecheck.licence.handled'),
        verdict: 'handled',
      };
    const observed = [
      t(seen.active === false ? 'sitecheck.licence.inactive' : 'sitecheck.licence.unknownState'),
    ];
    return { observed, consequence: t('sitecheck.licence.inactiveAct'), verdict: 'act' };
  });
}

function describeWorkflow(t: Translate, record: SiteCheckRecord): Described {
  const project = record.projectKey;
  return describeCheck(t, record.workflow, (seen) => {
    const observed = [t('sitecheck.workflow.state', { project, state: t(`admin.state.${seen.state}`) })];
    observed.push(
      ...(seen.findings.length > 0
        ? seen.findings.map((f) => describeFinding(t, f))
        : [t('sitecheck.workflow.noFinding')]),
    );
    return seen.state === 'installed' && seen.findings.length === 0
      ? { observed, consequence: t('sitecheck.workflow.handled'), verdict: 'handled' }
      : { observed, consequence: t('sitecheck.workflow.act', { project }), verdict: 'act' };
  });
}

const DESCRIBERS: Record<CheckName, (t: Translate, record: SiteCheckRecord) => Described> = {
  comments: describeComments,
  statusNames: describeStatusNames,
  storage: describeStorage,
  licence: describeLicence,
  workflow: describeWorkflow,
};

export function describeRecord(t: Translate, locale: string, record: SiteCheckRecord): CheckView[] {
  return (Object.keys(DESCRIBERS) as CheckName[]).map((name) => {
    const title: MessageKey = `sitecheck.${name}.title`;
    const assumption: MessageKey = `sitecheck.${name}.assumption`;
    return {
      name,
      title: t(title),
      assumption: t(assumption, { project: record.projectKey }),
      observedAt: t('sitecheck.observedAt', { date: formatDate(locale, record[name].at) }),
      ...DESCRIBERS[name](t, record),
    };
  });
}

export function describeMail(t: Translate, locale: string, mail: MailRecord): MailView {
  const vars = { date: formatDate(locale, mail.at), issueKey: mail.requestKey };
  if (!mail.accepted) {
    const details = mail.messages.length > 0 ? ` (${mail.messages.join(' ; ')})` : '';
    return {
      answer: t('sitecheck.mail.refused', { ...vars, status: mail.status ?? '-', details }),
      verdict: 'act',
      askConfirmation: false,
      consequence: t('sitecheck.mail.refusedAct'),
    };
  }
  const answer = t('sitecheck.mail.accepted', vars);
  if (!mail.confirmation) return { answer, verdict: 'pending', askConfirmation: true, consequence: null };
  const date = formatDate(locale, mail.confirmation.at);
  return mail.confirmation.arrived
    ? {
        answer,
        verdict: 'handled',
        askConfirmation: false,
        consequence: t('sitecheck.mail.arrived', { date }),
      }
    : { answer, verdict: 'act', askConfirmation: false, consequence: t('sitecheck.mail.missing', { date }) };
}
