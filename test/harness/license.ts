/** The licenses the harness can run an invocation with (see ForgeHarness, InvocationContext.license). */

/** A license object as Forge gives it (https://developer.atlassian.com/platform/forge/function-reference/arguments/). */
export interface HarnessLicense {
  isActive?: boolean;
  /** The older name @forge/api still types. */
  active?: boolean;
  isEvaluation?: boolean | null;
  trialEndDate?: string | null;
  [key: string]: unknown;
}

/**
 * The license an invocation runs with: `absent` (a free app, a development or staging installation:
 * no license object at all), a paid installation `active` or `inactive`, an `evaluation` (active, a
 * trial) or an `evaluation-ended` one; or any object, to model what the platform has not promised.
 */
export type LicenseSetting =
  'absent' | 'active' | 'inactive' | 'evaluation' | 'evaluation-ended' | HarnessLicense;

/** The named licenses, shaped as the function arguments reference types them. */
export const LICENSES: Readonly<Record<Exclude<LicenseSetting, object>, HarnessLicense | undefined>> = {
  absent: undefined,
  active: { isActive: true, isEvaluation: false, billingPeriod: 'MONTHLY', type: 'commercial' },
  inactive: { isActive: false, isEvaluation: false, billingPeriod: 'MONTHLY', type: 'commercial' },
  evaluation: { isActive: true, isEvaluation: true, trialEndDate: '2026-12-31T00:00:00.000Z' },
  'evaluation-ended': { isActive: false, isEvaluation: true, trialEndDate: '2026-01-31T00:00:00.000Z' },
};

export const licenseOf = (setting: LicenseSetting): HarnessLicense | undefined =>
  typeof setting === 'string' ? LICENSES[setting] : setting;
