/** How the admin page calls its resolvers, and what they answer when they cannot do what was asked. */

import type { ResolverError } from '../../shared/errors';

export type { ResolverError };
export { isResolverError as isError } from '../../shared/errors';

/** What the page sends: project keys, task ids, status keys, texts as JSON (the locale is added for it). */
export type Payload = Readonly<Record<string, unknown>>;

/** Invokes a resolver in the page's language; rejects only when the bridge itself fails. */
export type Call = <T>(functionKey: string, payload?: Payload) => Promise<T | ResolverError>;
