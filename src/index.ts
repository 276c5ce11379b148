/** The app's functions: every resolver, registered by name, and the status e-mail trigger. */
import Resolver from '@forge/resolver';
import { getStatusHelp } from './agent/resolvers';
import { getMailSettings, setMailSettings } from './notifications/resolvers';
import { getRequestView, performCustomerAction } from './portal/resolvers';
import {
  adminCheck,
  adminInstall,
  adminInstallProgress,
  adminListProjects,
  adminPreview,
} from './installer/resolvers';

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

export const handler = resolver.getDefinitions();

/** The `trigger` function on avi:jira:updated:issue: e-mails the reporter when their request changes status. */
export { statusMailTrigger as statusMail } from './notifications/status-mail';

/** The weekly `scheduledTrigger` function: reports the accounts the app holds, erases closed ones. */
export { privacyTrigger as privacyReport } from './privacy/report';
