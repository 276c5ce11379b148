/** What every user of Forge storage (`@forge/kvs`) shares. */
import { ForgeKvsAPIError } from '@forge/kvs';

/**
 * A `keyPolicy: 'FAIL_IF_EXISTS'` write refused because the key exists. Recognised by its HTTP
 * status, 409, whatever the error's code: Atlassian documents the policy, not the code of the refusal
 * (https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-basic/).
 */
export function isKeyConflict(error: unknown): boolean {
  return (
    error instanceof ForgeKvsAPIError &&
    (error.responseDetails.status === 409 || error.code === 'KEY_CONFLICT')
  );
}
