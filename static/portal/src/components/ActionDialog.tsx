import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { checkComment, commentLength } from '../../../../src/workflow';
import type { CommentState } from '../../../../src/shared/errors';
import type { StatusKey } from '../../../../src/workflow';
import { isError, performCustomerAction, type ActionView, type RequestStatusView } from '../api';
import { forgetDraft, keepDraft, keptDraft } from '../drafts';
import type { Texts } from '../texts';

interface Props {
  texts: Texts;
  issueKey: string;
  /** The request's status now: a kept submission from another status is not resumed. */
  status: StatusKey | null;
  action: ActionView;
  /** Cancel or Escape. */
  onClose: () => void;
  /** The action was performed; the request is now in `status`. */
  onDone: (status: RequestStatusView) => void;
  /** The request changed under the customer's feet: the panel behind should be read again. */
  onStale: () => void;
}

const FOCUSABLE = 'button, textarea, [href], input, select, [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside the dialog. */
function trapTab(event: KeyboardEvent<HTMLElement>): void {
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Confirms one action with the customer's comment. The text survives every failure, and the same
 * submission id is sent on every try, also from a dialog opened again after a failure (see
 * drafts.ts), so a retry never posts the comment twice. Once the server says the comment is, or may
 * be, posted, the text can no longer be changed: what is sent again is what may already be there.
 */
export function ActionDialog({ texts, issueKey, status, action, onClose, onDone, onStale }: Props) {
  const { t, locale, number } = texts;
  const [kept] = useState(() => keptDraft(issueKey, action.id, status));
  const [text, setText] = useState(kept?.text ?? '');
  const [attempted, setAttempted] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [submissionId] = useState(() => kept?.submissionId ?? crypto.randomUUID());
  const [locked, setLocked] = useState<CommentState | undefined>(kept?.comment);
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => fieldRef.current?.focus(), []);

  const max = action.maxCommentLength;
  const problem = checkComment({ required: action.commentRequired, maxLength: max }, text);
  const fieldError =
    problem === 'COMMENT_TOO_LONG'
      ? t('error.COMMENT_TOO_LONG', { max: number(max) })
      : problem === 'COMMENT_REQUIRED' && attempted
        ? t('error.COMMENT_REQUIRED')
        : null;

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setAttempted(true);
    if (problem) {
      fieldRef.current?.focus();
      return;
    }
    setSending(true);
    setFailure(null);
    const keep = (comment: CommentState | undefined) =>
      keepDraft(issueKey, action.id, {
        submissionId,
        text,
        status,
        ...(comment ? { comment } : {}),
        at: Date.now(),
      });
    // Kept before sending: should the page be closed or reloaded while it is sent, the dialog opened
    // again resumes this submission, its text locked, since the comment may then be posted.
    keep('unknown');
    // Once an answer said the comment is, or may be, posted, no later answer unlocks the text: a
    // failure before any write says nothing of what an earlier attempt did.
    const unfinished = (comment: CommentState | undefined) => {
      const state = locked ?? comment;
      setLocked(state);
      keep(state);
    };
    try {
      const answer = await performCustomerAction({
        action: action.id,
        submissionId,
        locale,
        ...(text.trim() === '' ? {} : { comment: text }),
      });
      if (!isError(answer)) {
        forgetDraft(issueKey, action.id);
        onDone(answer.status);
        return;
      }
      setFailure(answer.error.message);
      unfinished(answer.error.comment);
      if (answer.error.code === 'NOT_AVAILABLE') onStale();
    } catch {
      // The bridge failed (the invocation may have been ended midway): the comment may be posted.
      unfinished('unknown');
      setFailure(t('error.OUTCOME_UNKNOWN'));
    }
    setSending(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && !sending) onClose();
    else if (event.key === 'Tab') trapTab(event);
  }

  const prefix = `action.${action.id}` as const;
  return (
    <div className="backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        aria-describedby="dialog-effect"
        onKeyDown={onKeyDown}
      >
        <form noValidate onSubmit={(event) => void confirm(event)}>
          <h2 id="dialog-title" className="dialog-title">
            {t(`${prefix}.title`)}
          </h2>
          <p id="dialog-effect">{t(`${prefix}.effect`)}</p>
          <label htmlFor="dialog-comment" className="field-label">
            {t(`${prefix}.commentLabel`)}{' '}
            <span className="muted">
              ({t(action.commentRequired ? 'dialog.required' : 'dialog.optional')})
            </span>
          </label>
          <textarea
            id="dialog-comment"
            ref={fieldRef}
            rows={5}
            value={text}
            readOnly={sending || locked !== undefined}
            aria-required={action.commentRequired}
            aria-invalid={fieldError !== null}
            aria-describedby={[
              fieldError && 'dialog-field-error',
              locked && 'dialog-locked',
              'dialog-counter',
            ]
              .filter(Boolean)
              .join(' ')}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <p
            id="dialog-counter"
            className={problem === 'COMMENT_TOO_LONG' ? 'counter counter-over' : 'counter'}
          >
            {t('dialog.counter', { count: number(commentLength(text)), max: number(max) })}
          </p>
          {locked && (
            <p id="dialog-locked" className="muted">
              {t('dialog.locked')}
            </p>
          )}
          {fieldError && (
            <p id="dialog-field-error" className="field-error" role="alert">
              {fieldError}
            </p>
          )}
          {failure && (
            <p className="alert" role="alert">
              {failure}
            </p>
          )}
          <div className="dialog-buttons">
            <button
              type="button"
              className="button"
              aria-disabled={sending}
              onClick={() => !sending && onClose()}
            >
              {t('dialog.cancel')}
            </button>
            <button type="submit" className="button button-primary" aria-disabled={sending}>
              {sending ? t('dialog.sending') : t('dialog.confirm')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
