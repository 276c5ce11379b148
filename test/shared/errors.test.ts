/**
 * A resolver's refusal, as the front ends tell it from an answer, and the app's own error that the
 * resolver wrapper turns into one.
 */
import { AppError, commentStateOf, isResolverError } from '../../src/shared/errors';

describe('a refusal is told from an answer', () => {
  it.each([
    [{ error: { code: 'NOT_ALLOWED', message: 'No.' } }, true],
    [{ error: undefined }, true],
    [{ status: { key: 'in_progress' } }, false],
    [{}, false],
    [[], false],
    [null, false],
    [undefined, false],
    ['error', false],
    [0, false],
  ])('%p is a refusal: %p', (value, refusal) => {
    expect(isResolverError(value)).toBe(refusal);
  });
});

describe("the app's own error", () => {
  it('carries its code, the message to show and its values', () => {
    const error = new AppError('COMMENT_TOO_LONG', 'error.COMMENT_TOO_LONG', { max: 4000 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'AppError',
      message: 'COMMENT_TOO_LONG',
      code: 'COMMENT_TOO_LONG',
      messageKey: 'error.COMMENT_TOO_LONG',
      vars: { max: 4000 },
    });
  });

  it('has no values and the message named after its code unless told', () => {
    const error = new AppError('NOT_ALLOWED');
    expect(error.messageKey).toBeUndefined();
    expect(error.vars).toEqual({});
  });
});

describe("what a failed action's message says about the comment", () => {
  it.each([
    ['error.COMMENT_SAVED_STATUS_UNCHANGED', 'saved'],
    ['error.COMMENT_SAVED_STATUS_UNKNOWN', 'saved'],
    ['error.NOT_AVAILABLE_COMMENT_SAVED', 'saved'],
    ['error.OUTCOME_UNKNOWN', 'unknown'],
    ['error.IN_PROGRESS', 'unknown'],
    ['error.NOT_AVAILABLE_COMMENT_UNKNOWN', 'unknown'],
    ['error.JIRA_UNAVAILABLE', undefined],
    ['error.NOT_ALLOWED', undefined],
  ] as const)('%s: %p', (key, state) => {
    expect(commentStateOf(key)).toBe(state);
  });
});
