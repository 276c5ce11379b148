/**
 * What the portal may send to performCustomerAction. The browser is not trusted: anything but the four
 * known fields, in their shapes, is refused as invalid input before the app reads Jira.
 */
import { MAX_COMMENT_PAYLOAD, parseActionPayload } from '../../src/portal/payload';

const valid = {
  action: 'reopen',
  comment: 'Encore en panne',
  submissionId: 'a1b2c3d4-0000-4000-8000-000000000000',
};
const refused = (payload: unknown) =>
  expect(() => parseActionPayload(payload)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));

describe('an action payload', () => {
  it('is taken as sent, the comment exactly as typed', () => {
    expect(parseActionPayload({ ...valid, comment: '  deux  espaces\n', locale: 'fr_BE' })).toEqual({
      action: 'reopen',
      comment: '  deux  espaces\n',
      submissionId: valid.submissionId,
      locale: 'fr_BE',
    });
  });

  it('may come without a comment (null or absent) and without a locale', () => {
    expect(
      parseActionPayload({ action: 'acceptedByCustomer', submissionId: 'ABCDEFGH', comment: null }),
    ).toEqual({
      action: 'acceptedByCustomer',
      comment: undefined,
      submissionId: 'ABCDEFGH',
      locale: undefined,
    });
  });

  it.each([null, undefined, 'reopen', 7, [valid]])('is refused when it is not an object: %p', (payload) => {
    refused(payload);
  });

  it('is refused with a field the panel never sends', () => {
    refused({ ...valid, issueKey: 'SUP-2' });
  });

  it.each(['close', 'Reopen', '', undefined, 3])('is refused with an unknown action %p', (action) => {
    refused({ ...valid, action });
  });

  it('takes a comment up to the payload limit, and refuses anything larger or not text', () => {
    expect(parseActionPayload({ ...valid, comment: 'x'.repeat(MAX_COMMENT_PAYLOAD) }).comment).toHaveLength(
      MAX_COMMENT_PAYLOAD,
    );
    refused({ ...valid, comment: 'x'.repeat(MAX_COMMENT_PAYLOAD + 1) });
    refused({ ...valid, comment: 42 });
    refused({ ...valid, comment: { type: 'doc' } });
  });

  it.each(['12345678', 'a'.repeat(64), 'ABC-def-123'])('takes the submission id %s', (submissionId) => {
    expect(parseActionPayload({ ...valid, submissionId }).submissionId).toBe(submissionId);
  });

  it.each([
    ['too short', '1234567'],
    ['too long', 'a'.repeat(65)],
    ['with a colon, the lease keys’ separator', 'abcd:1234'],
    ['with a path', '../../abcdefgh'],
    ['with text before it', `x y${valid.submissionId}`],
    ['with a line after it', `${valid.submissionId}\nx`],
    ['with a space', 'abcd 1234'],
    ['not a string', 12345678],
    ['absent', undefined],
  ])('refuses a submission id %s', (_, submissionId) => {
    refused({ ...valid, submissionId });
  });

  it('takes a locale of up to 35 characters, and refuses a longer one or one that is not text', () => {
    expect(parseActionPayload({ ...valid, locale: 'x'.repeat(35) }).locale).toBe('x'.repeat(35));
    refused({ ...valid, locale: 'x'.repeat(36) });
    refused({ ...valid, locale: 5 });
  });
});
