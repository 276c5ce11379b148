/**
 * The one licensing rule, read where the platform gives the license: the function's context and the
 * runtime's app context. An inactive license on either stops every write; none at all (free app,
 * development installation) changes nothing; a license whose state is unclear counts as inactive.
 */
import { AppError } from '../../src/shared/errors';
import { licenceOf, mayWrite, requireWritable, stateOfLicense } from '../../src/shared/license';
import { LICENSES, installForgeHarness, type ForgeHarness, type HarnessLicense } from '../harness/forge';

describe('what one license object says', () => {
  it.each<[string, unknown, string]>([
    ['no license', undefined, 'absent'],
    ['a null license', null, 'absent'],
    ['an active license', LICENSES.active, 'active'],
    ['an evaluation', LICENSES.evaluation, 'active'],
    ['an inactive license', LICENSES.inactive, 'inactive'],
    ['an ended evaluation', LICENSES['evaluation-ended'], 'inactive'],
    ['the older `active` field', { active: true }, 'active'],
    ['the older field, false', { active: false }, 'inactive'],
    ['`isActive` null, `active` true', { isActive: null, active: true }, 'active'],
    ['`isActive` false before `active` true', { isActive: false, active: true }, 'inactive'],
    ['`isActive` true before `active` false', { isActive: true, active: false }, 'active'],
    ['a license that says nothing', {}, 'inactive'],
    ['"true" as a string', { isActive: 'true' }, 'inactive'],
    ['1 for true', { isActive: 1 }, 'inactive'],
    ['a string', 'active', 'inactive'],
    ['a number', 1, 'inactive'],
    ['true itself', true, 'inactive'],
  ])('%s is %s', (_, license, state) => {
    expect(stateOfLicense(license)).toBe(state);
  });
});

describe("the invocation's license, from its context and the runtime", () => {
  let forge: ForgeHarness | undefined;
  afterEach(() => {
    forge?.uninstall();
    forge = undefined;
  });
  /** The runtime's app context (getAppContext) reports `runtime`. */
  const runtimeSays = (runtime: HarnessLicense | undefined): void => {
    forge = installForgeHarness('http://127.0.0.1:9');
    forge.appContext.license = runtime;
  };

  it.each<[string, HarnessLicense | undefined, HarnessLicense | undefined, string]>([
    ['neither gives one', undefined, undefined, 'absent'],
    ['only the context, active', LICENSES.active, undefined, 'active'],
    ['only the runtime, active', undefined, LICENSES.active, 'active'],
    ['only the context, inactive', LICENSES.inactive, undefined, 'inactive'],
    ['only the runtime, inactive', undefined, LICENSES.inactive, 'inactive'],
    ['both, active', LICENSES.active, LICENSES.evaluation, 'active'],
    ['an active context and an inactive runtime', LICENSES.active, LICENSES.inactive, 'inactive'],
    ['an inactive context and an active runtime', LICENSES['evaluation-ended'], LICENSES.active, 'inactive'],
  ])('%s', (_, context, runtime, state) => {
    runtimeSays(runtime);
    const invocation = context === undefined ? { installContext: 'site' } : { license: context };
    expect(licenceOf(invocation)).toBe(state);
    expect(mayWrite(invocation)).toBe(state !== 'inactive');
  });

  it.each([undefined, null, 'a context', 7])('reads a context of %p as giving no license', (context) => {
    runtimeSays(undefined);
    expect(licenceOf(context)).toBe('absent');
    expect(mayWrite(context)).toBe(true);
    forge?.uninstall();
    runtimeSays(LICENSES.inactive);
    expect(licenceOf(context)).toBe('inactive');
  });

  it('is absent outside a Forge runtime when the context gives none', () => {
    expect(licenceOf({})).toBe('absent');
    expect(licenceOf({ license: LICENSES.inactive })).toBe('inactive');
  });
});

describe('a write under the license', () => {
  it('is refused under an inactive license, with the message the caller reads', () => {
    const refusal = (): void => requireWritable({ license: LICENSES.inactive }, 'licensing.admin.refused');
    expect(refusal).toThrow(AppError);
    expect(refusal).toThrow(
      expect.objectContaining({ code: 'NOT_AVAILABLE', messageKey: 'licensing.admin.refused' }),
    );
  });

  it.each([LICENSES.active, LICENSES.evaluation, undefined])('goes ahead under %p', (license) => {
    expect(() => requireWritable({ license }, 'licensing.admin.refused')).not.toThrow();
  });
});
