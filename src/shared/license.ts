/**
 * The installation's license, and the one rule the app applies to it: when the platform gives a
 * license and it is not active, the app writes nothing (no Jira change, no e-mail, no storage write);
 * it still shows what it knows. Free and development installations get no license object and work
 * as before.
 *
 * Where Forge gives the license:
 * - every function's `context.license` ("Context is the same for all modules": resolvers, product
 *   event triggers, scheduled triggers), `{ isActive, isEvaluation?, trialEndDate?, … }`
 *   (https://developer.atlassian.com/platform/forge/function-reference/arguments/); @forge/resolver
 *   copies it into the resolver request's `context.license` from the platform's own payload, never
 *   from what the browser sends (node_modules/@forge/resolver/out/index.js, `getDefinitions`);
 * - `getAppContext().license` in @forge/api (https://developer.atlassian.com/platform/forge/runtime-reference/app-context-api/),
 *   typed there with `isActive` and the older `active`;
 * - the front ends' `view.getContext()` / `useProductContext()` also carry it, but that context is
 *   not to be trusted for authorization, so the app decides here, in the back end.
 * No license object for free apps and for installations outside production: what developers report
 * from Atlassian's listing guide (https://community.developer.atlassian.com/t/license-information-in-forge-backend/75297,
 * https://developer.atlassian.com/platform/marketplace/listing-forge-apps/); the reference pages
 * above type `license` as optional without saying when it is absent.
 *
 * Assumption, not documented: a license object whose `isActive` (or `active`) is not `true` is not an
 * active license. The app refuses to write then: a paying customer whose license says nothing is
 * asked to look at the subscription rather than silently given a free app.
 */
import { getAppContext } from '@forge/api';
import type { MessageKey } from '../i18n/locales';
import { AppError } from './errors';

/** `absent`: no license object (free app, development or staging installation). */
export type LicenceState = 'absent' | 'active' | 'inactive';

/** What one license object says, whatever its shape. */
export function stateOfLicense(license: unknown): LicenceState {
  if (license === undefined || license === null) return 'absent';
  // A primitive (the platform gives JSON: a string, a number) has neither property: inactive.
  const record = license as { isActive?: unknown; active?: unknown };
  const active = record.isActive ?? record.active;
  return active === true ? 'active' : 'inactive';
}

/** The runtime's copy (getAppContext); none outside a Forge runtime. */
function appContextLicense(): unknown {
  try {
    return getAppContext().license;
  } catch {
    // Not in a Forge runtime: no license (undefined).
  }
}

/**
 * The license of this invocation, from the function's context (`context.license`) and the runtime's
 * app context: inactive when either gives a license that is not active, active when one gives an
 * active one, else absent. Both come from the platform; the stricter one wins.
 */
export function licenceOf(context: unknown): LicenceState {
  const given =
    context !== null && typeof context === 'object' ? (context as { license?: unknown }).license : undefined;
  const states = [stateOfLicense(given), stateOfLicense(appContextLicense())];
  if (states.includes('inactive')) return 'inactive';
  return states.includes('active') ? 'active' : 'absent';
}

/** May this invocation change anything? Everything but an inactive license may. */
export function mayWrite(context: unknown): boolean {
  return licenceOf(context) !== 'inactive';
}

/**
 * Refuses a write under an inactive license, with `refusal` as the message: the administrator's
 * reason on the admin page, a neutral one for customers (they never read licensing words).
 */
export function requireWritable(context: unknown, refusal: MessageKey): void {
  if (!mayWrite(context)) throw new AppError('NOT_AVAILABLE', refusal);
}
