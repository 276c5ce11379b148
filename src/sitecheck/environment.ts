/** Forge itself: what a refused "set if absent" answers, and the installation's license. */
import { randomUUID } from 'node:crypto';
import { getAppContext } from '@forge/api';
import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { isKeyConflict } from '../shared/storage';
import type { LicenceSeen, StorageSeen } from './model';

/** The probe's own keys; an hour of life in case the delete after it fails. */
const PROBE_PREFIX = 'sitecheck:probe:';
const PROBE_TTL = { value: 1, unit: 'HOURS' } as const;

/**
 * Writes a key of its own with `keyPolicy: 'FAIL_IF_EXISTS'` twice (the second must be refused),
 * then deletes it. Atlassian documents the policy, not the refusal's status or code
 * (https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-basic/).
 */
export async function checkStorage(): Promise<StorageSeen> {
  const key = `${PROBE_PREFIX}${randomUUID()}`;
  const write = (): Promise<void> =>
    kvs.set(key, { probe: true }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: PROBE_TTL });
  try {
    await write();
    try {
      await write();
      return { refused: false, status: null, code: null, recognised: false };
    } catch (error) {
      // Anything but a storage answer (no status at all) is not an observation: could not check.
      if (!(error instanceof ForgeKvsAPIError)) throw error;
      return {
        refused: true,
        status: error.responseDetails.status,
        code: error.code,
        recognised: isKeyConflict(error),
      };
    }
  } finally {
    await kvs.delete(key).catch(() => undefined);
  }
}

/**
 * `getAppContext().license` (@forge/api): Forge gives no license object to free apps and to
 * installations outside production; `isActive` says whether a paid one is active.
 */
export function checkLicence(): LicenceSeen {
  const license = getAppContext().license;
  if (!license) return { present: false, active: null };
  const active = license.isActive ?? license.active;
  return { present: true, active: typeof active === 'boolean' ? active : null };
}
