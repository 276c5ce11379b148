/**
 * The guide texts resolvers, for the admin page. Only the admin page may call them (any module of the
 * app can invoke any resolver) and only for a Jira administrator, asked of Jira as the caller before
 * anything is read or written, as for the installer and the e-mail settings.
 */
import { parseProjectKey } from '../notifications/settings';
import { requireAdminPage, requireJiraAdminCaller } from '../shared/admin-access';
import { AppError, type ResolverError } from '../shared/errors';
import { requireWritable } from '../shared/license';
import { answer, type ResolverRequest } from '../shared/resolver';
import type { TextOverrides, TextSet } from './model';
import { allDefaults } from './resolve';
import { readOverrides, saveOverrides } from './store';
import { parseOverrides } from './validate';

export interface GuideTexts {
  projectKey: string;
  /** Only the project's overrides, never an empty value. */
  texts: TextOverrides;
  /** Every field of the four locales. */
  defaults: TextSet;
}

const GET_KEYS = new Set(['projectKey', 'locale']);
const SET_KEYS = new Set(['projectKey', 'texts', 'locale']);

/**
 * @forge/resolver hands over `payload || {}`, so the payload is never null or undefined; any other
 * value that is not an object with the allowed keys (a string, an array, a number) fails the key check
 * here or the project key after it, with the same words.
 */
function payloadOf(payload: unknown, allowed: ReadonlySet<string>): Record<string, unknown> {
  const record = Object(payload) as Record<string, unknown>;
  if (Object.keys(record).some((k) => !allowed.has(k)))
    throw new AppError('INVALID_INPUT', 'texts.error.invalidPayload');
  return record;
}

function projectKeyOf(payload: Record<string, unknown>): string {
  try {
    return parseProjectKey(payload.projectKey);
  } catch {
    throw new AppError('INVALID_INPUT', 'texts.error.invalidPayload');
  }
}

/**
 * Where the call comes from, then who makes it: nothing else is looked at before both are known. A
 * write is refused in between under an inactive license, before Jira is asked anything.
 */
async function requireAdmin(request: ResolverRequest, options: { writes?: boolean } = {}): Promise<void> {
  requireAdminPage(request.context, 'texts.error.notAdmin');
  if (options.writes) requireWritable(request.context, 'licensing.admin.refused');
  await requireJiraAdminCaller(request.context, {
    refusal: 'texts.error.notAdmin',
    unavailable: 'texts.error.unavailable',
  });
}

export function getGuideTexts(request: ResolverRequest): Promise<GuideTexts | ResolverError> {
  return answer(request, async () => {
    await requireAdmin(request);
    const projectKey = projectKeyOf(payloadOf(request.payload, GET_KEYS));
    const [texts, defaults] = await Promise.all([readOverrides(projectKey), allDefaults()]);
    return { projectKey, texts, defaults };
  });
}

/**
 * `ok` as before; since then also the project and the set as stored (normalized: blanks dropped, line
 * breaks `\n`, NFC), so the editor shows what was saved without reading it back (and asking Jira
 * whether the caller is an administrator a second time).
 */
export interface SavedGuideTexts {
  ok: true;
  projectKey: string;
  texts: TextOverrides;
}

export function setGuideTexts(request: ResolverRequest): Promise<SavedGuideTexts | ResolverError> {
  return answer(request, async () => {
    await requireAdmin(request, { writes: true });
    const payload = payloadOf(request.payload, SET_KEYS);
    const projectKey = projectKeyOf(payload);
    // Everything is checked before the one write: a bad set stores nothing.
    const texts = parseOverrides(payload.texts);
    await saveOverrides(projectKey, texts);
    return { ok: true as const, projectKey, texts };
  });
}
