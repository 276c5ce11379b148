/** The last site check and the last test e-mail, in Forge storage, shown again on the next visit. */
import { kvs } from '@forge/kvs';
import type { MailRecord, SiteCheckRecord } from './model';

export const LAST_CHECK_KEY = 'sitecheck:last';
export const LAST_MAIL_KEY = 'sitecheck:mail';

export const readLastCheck = async (): Promise<SiteCheckRecord | null> =>
  (await kvs.get<SiteCheckRecord>(LAST_CHECK_KEY)) ?? null;

export const readLastMail = async (): Promise<MailRecord | null> =>
  (await kvs.get<MailRecord>(LAST_MAIL_KEY)) ?? null;

export const saveCheck = (record: SiteCheckRecord): Promise<void> => kvs.set(LAST_CHECK_KEY, record);

export const saveMail = (record: MailRecord): Promise<void> => kvs.set(LAST_MAIL_KEY, record);
