/**
 * What every resolver answers from the platform context and from a failure: the issue only from the
 * context, the caller only when the platform names one, and every failure a localized answer that
 * says what happened without logging personal data.
 */
import { getTranslator } from '../../src/i18n';
import { JiraError } from '../../src/jira/errors';
import { AppError } from '../../src/shared/errors';
import {
  answer,
  callerFromContext,
  issueKeyFromContext,
  localeFromPayload,
  logJiraFailure,
  type ResolverContext,
} from '../../src/shared/resolver';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  // The translations bundle is read through the Forge harness.
  app = await startTestApp();
});
afterAll(() => app.close());

const onRequest = (key: unknown) => ({ extension: { request: { key } } });

describe('the issue comes from the platform context, and only a real issue key is taken', () => {
  it.each(['SUP-1', 'A-9', 'SUP_2-123456789012345678', `A${'B'.repeat(254)}-1`])('accepts %s', (key) => {
    expect(issueKeyFromContext(onRequest(key), 'request')).toBe(key);
  });

  it.each([
    'sup-1',
    'SUP-0',
    'SUP-01',
    '1SUP-1',
    'SUP-',
    '-1',
    'xSUP-1',
    'SUP-1x',
    'SUP-1/../SUP-2',
    'SUP-1234567890123456789',
    `A${'B'.repeat(255)}-1`,
    '',
    42,
    undefined,
    // An array whose text is a key is still not one.
    ['SUP-1'],
  ])('refuses %p as invalid input', (key) => {
    expect(() => issueKeyFromContext(onRequest(key), 'request')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('reads the place the module is shown on, not another one', () => {
    const context = { extension: { issue: { key: 'SUP-7' } } };
    expect(issueKeyFromContext(context, 'issue')).toBe('SUP-7');
    expect(() => issueKeyFromContext(context, 'request')).toThrow(AppError);
    expect(() => issueKeyFromContext({}, 'issue')).toThrow(AppError);
  });
});

describe('the caller is the account the platform names', () => {
  it('answers the account id', () => {
    expect(callerFromContext({ accountId: 'acc-1' })).toBe('acc-1');
  });
  it.each([undefined, '', 7])('refuses an anonymous caller (%p) as not allowed', (accountId: unknown) => {
    // The context is the platform's; a caller without a string account id is anonymous.
    expect(() => callerFromContext({ accountId } as ResolverContext)).toThrow(
      expect.objectContaining({ code: 'NOT_ALLOWED' }),
    );
  });
});

describe('the locale the front end sends is only a hint', () => {
  it('takes a short string', () => {
    expect(localeFromPayload({ locale: 'nl_BE' })).toBe('nl_BE');
    expect(localeFromPayload({ locale: 'x'.repeat(35) })).toBe('x'.repeat(35));
  });
  it.each([null, undefined, 'fr_FR', 3, {}, { locale: 3 }, { locale: 'x'.repeat(36) }])(
    'ignores %p',
    (payload) => {
      expect(localeFromPayload(payload)).toBeUndefined();
    },
  );
});

describe('every failure becomes a localized answer', () => {
  const asCustomer = { payload: { locale: 'en_US' }, context: {} };
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('passes a successful answer through untouched', async () => {
    await expect(answer(asCustomer, () => Promise.resolve({ ok: 1 }))).resolves.toEqual({ ok: 1 });
  });

  it("tells an app refusal in the caller's language, with its own message and values", async () => {
    const { t } = await getTranslator('en_US');
    await expect(answer(asCustomer, () => Promise.reject(new AppError('NOT_ALLOWED')))).resolves.toEqual({
      error: { code: 'NOT_ALLOWED', message: t('error.NOT_ALLOWED') },
    });
    const tooLong = new AppError('COMMENT_TOO_LONG', undefined, { max: 4000 });
    await expect(answer(asCustomer, () => Promise.reject(tooLong))).resolves.toEqual({
      error: { code: 'COMMENT_TOO_LONG', message: t('error.COMMENT_TOO_LONG', { max: 4000 }) },
    });
    expect(t('error.COMMENT_TOO_LONG', { max: 4000 })).toContain('4');
  });

  it('says when the comment is saved or may be, from the message chosen', async () => {
    const { t } = await getTranslator('fr_FR');
    const french = { payload: { locale: 'fr_FR' }, context: {} };
    const saved = new AppError('JIRA_UNAVAILABLE', 'error.COMMENT_SAVED_STATUS_UNKNOWN');
    await expect(answer(french, () => Promise.reject(saved))).resolves.toEqual({
      error: {
        code: 'JIRA_UNAVAILABLE',
        message: t('error.COMMENT_SAVED_STATUS_UNKNOWN'),
        comment: 'saved',
      },
    });
    const unknown = new AppError('JIRA_UNAVAILABLE', 'error.OUTCOME_UNKNOWN');
    await expect(answer(french, () => Promise.reject(unknown))).resolves.toMatchObject({
      error: { comment: 'unknown', message: t('error.OUTCOME_UNKNOWN') },
    });
  });

  it.each([
    ['not-found', 404, 'NOT_ALLOWED'],
    ['forbidden', 403, 'NOT_ALLOWED'],
    ['server', 500, 'JIRA_UNAVAILABLE'],
    ['bad-request', 400, 'JIRA_UNAVAILABLE'],
    ['timeout', null, 'JIRA_UNAVAILABLE'],
  ] as const)(
    'answers a Jira %s (%p) as %s and logs the request without its query',
    async (kind, status, code) => {
      const { t } = await getTranslator('en_US');
      const failure = new JiraError(kind, status, 'GET', '/rest/api/3/issue/SUP-1', ['Alice cannot see it']);
      await expect(answer(asCustomer, () => Promise.reject(failure))).resolves.toEqual({
        error: { code, message: t(`error.${code}`) },
      });
      expect(warn).toHaveBeenCalledWith(
        `Jira request failed: GET /rest/api/3/issue/SUP-1 ${status ?? '-'} ${kind}`,
      );
      expect(error).not.toHaveBeenCalled();
    },
  );

  it('answers anything else as Jira unavailable and logs only what kind of failure it was', async () => {
    const { t } = await getTranslator('de_DE');
    const german = { payload: { locale: 'de_DE' }, context: {} };
    const failure = new TypeError('cannot read alice@example.com');
    await expect(answer(german, () => Promise.reject(failure))).resolves.toEqual({
      error: { code: 'JIRA_UNAVAILABLE', message: t('error.JIRA_UNAVAILABLE') },
    });
    expect(error).toHaveBeenCalledWith('Unexpected resolver failure', 'TypeError');
    // A thrown non-Error (some libraries do) is named by its type only.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    await answer(german, () => Promise.reject('a string'));
    expect(error).toHaveBeenLastCalledWith('Unexpected resolver failure', 'string');
    expect(warn).not.toHaveBeenCalled();
  });

  it('logs a Jira failure by its request only, and nothing for a failure that is not Jira’s', () => {
    logJiraFailure(new JiraError('conflict', 409, 'POST', '/rest/api/3/issue/SUP-1/transitions'));
    expect(warn).toHaveBeenCalledWith(
      'Jira request failed: POST /rest/api/3/issue/SUP-1/transitions 409 conflict',
    );
    warn.mockClear();
    logJiraFailure(new Error('storage failed'));
    logJiraFailure(undefined);
    expect(warn).not.toHaveBeenCalled();
  });

  it('answers in French when the front end sent no usable locale', async () => {
    const { t } = await getTranslator('fr_FR');
    await expect(
      answer({ payload: null, context: {} }, () => Promise.reject(new AppError('INVALID_INPUT'))),
    ).resolves.toEqual({ error: { code: 'INVALID_INPUT', message: t('error.INVALID_INPUT') } });
  });
});
