/** The app's functions: every resolver, registered by name, and the status e-mail trigger. */
import Resolver from '@forge/resolver';
import { getStatusHelp } from './agent/resolvers';
import { getMailSettings, setMailSettings } from './notifications/resolvers';
import { getRequestView, performCustomerAction } from './portal/resolvers';
import { getGuideTexts, setGuideTexts } from './texts/resolvers';
import { getWaitingRules, setWaitingRules } from './waiting/resolvers';
import {
  adminCheck,
  adminInstall,
  adminInstallProgress,
  adminListProjects,
  adminPreview,
} from './installer/resolvers';
import { siteCheckConfirmMail, siteCheckLast, siteCheckRun, siteCheckSendMail } from './sitecheck/resolvers';

const resolver = new Resolver();
resolver.define('getRequestView', getRequestView);
resolver.define('performCustomerAction', performCustomerAction);
resolver.define('getStatusHelp', getStatusHelp);
// Admin page: list, preview, install (and follow its migration), check.
resolver.define('adminListProjects', adminListProjects);
resolver.define('adminPreview', adminPreview);
resolver.define('adminInstall', adminInstall);
resolver.define('adminInstallProgress', adminInstallProgress);
resolver.define('adminCheck', adminCheck);
resolver.define('getMailSettings', getMailSettings);
resolver.define('setMailSettings', setMailSettings);
resolver.define('getGuideTexts', getGuideTexts);
resolver.define('setGuideTexts', setGuideTexts);
// Admin page: the site check (the platform's assumptions, measured on this site) and its test e-mail.
resolver.define('siteCheckLast', siteCheckLast);
resolver.define('siteCheckRun', siteCheckRun);
resolver.define('siteCheckSendMail', siteCheckSendMail);
resolver.define('siteCheckConfirmMail', siteCheckConfirmMail);
resolver.define('getWaitingRules', getWaitingRules);
resolver.define('setWaitingRules', setWaitingRules);

export const handler = resolver.getDefinitions();

/** The `trigger` function on avi:jira:updated:issue: e-mails the reporter when their request changes status. */
export { statusMailTrigger as statusMail } from './notifications/status-mail';

/** The `scheduledTrigger` function, hourly: reminders and automatic outcomes of waiting requests. */
export { waitingScanTrigger as waitingScan } from './waiting/scan';
/** The weekly `scheduledTrigger` function: reports the accounts the app holds, erases closed ones. */
export { privacyTrigger as privacyReport } from './privacy/report';
