/**
 * Which statuses send an e-mail to the reporter, per project, in Forge storage. A project nobody
 * configured gets the statuses the customer documentation (8.6) announces an e-mail for, plus
 * "En attente du client", where the customer must answer.
 */
import { kvs } from '@forge/kvs';
import { AppError } from '../shared/errors';
import { STATUS_KEYS, isStatusKey, type StatusKey } from '../workflow';

export const DEFAULT_MAIL_STATUSES: readonly StatusKey[] = [
  'in_progress',
  'waiting_customer',
  'resolved',
  'waiting_approval',
];

export interface MailSettings {
  projectKey: string;
  /** In the workflow's order. */
  statuses: StatusKey[];
  /** True while the project still uses the defaults (nothing stored). */
  isDefault: boolean;
}

interface StoredMailSettings {
  statuses: StatusKey[];
}

export const mailSettingsKey = (projectKey: string): string => `mail-settings:${projectKey}`;

/** Jira project keys: an uppercase letter, then uppercase letters, digits or underscores. */
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;

export function parseProjectKey(value: unknown): string {
  if (typeof value !== 'string' || !PROJECT_KEY.test(value)) throw new AppError('INVALID_INPUT');
  return value;
}

/** A list of workflow status keys, each at most once (may be empty: no e-mail); returned in the workflow's order. */
export function parseStatuses(value: unknown): StatusKey[] {
  if (!Array.isArray(value) || !value.every(isStatusKey)) throw new AppError('INVALID_INPUT');
  const wanted = new Set<StatusKey>(value);
  if (wanted.size !== value.length) throw new AppError('INVALID_INPUT');
  return STATUS_KEYS.filter((k) => wanted.has(k));
}

/** Stored settings written by hand or by an older version are checked like input; bad ones mean defaults. */
function storedStatuses(stored: unknown): StatusKey[] | null {
  if (stored === null || typeof stored !== 'object') return null;
  try {
    return parseStatuses((stored as Partial<StoredMailSettings>).statuses);
  } catch {
    return null;
  }
}

export async function readMailSettings(projectKey: string): Promise<MailSettings> {
  const statuses = storedStatuses(await kvs.get<unknown>(mailSettingsKey(projectKey)));
  return statuses
    ? { projectKey, statuses, isDefault: false }
    : { projectKey, statuses: STATUS_KEYS.filter((k) => DEFAULT_MAIL_STATUSES.includes(k)), isDefault: true };
}

export async function saveMailSettings(
  projectKey: string,
  statuses: readonly StatusKey[],
): Promise<MailSettings> {
  const stored: StoredMailSettings = { statuses: [...statuses] };
  await kvs.set(mailSettingsKey(projectKey), stored);
  return { projectKey, statuses: [...statuses], isDefault: false };
}
