import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Locale } from '../../../src/i18n/locales';
import {
  getRequestView,
  isError,
  loadContext,
  loadTranslate,
  type ActionView,
  type RequestStatusView,
  type RequestView,
  type ResolverError,
} from './api';
import { ActionDialog } from './components/ActionDialog';
import { Actions } from './components/Actions';
import { History } from './components/History';
import { LoadError } from './components/LoadError';
import { forgetOutdatedDrafts, setDraftOwner } from './drafts';
import { Loading } from './components/Loading';
import { StatusCard } from './components/StatusCard';
import { makeTexts, type Texts } from './texts';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed' }
  /** The caller may not see this request (getRequestView answered NOT_ALLOWED). */
  | { kind: 'hidden' }
  | { kind: 'ready'; view: RequestView };

function phaseOf(answer: RequestView | ResolverError): Phase {
  if (!isError(answer)) {
    // A submission kept from another status will not be resumed: the request has moved on.
    forgetOutdatedDrafts(answer.issueKey, answer.status.key);
    return { kind: 'ready', view: answer };
  }
  return answer.error.code === 'NOT_ALLOWED' ? { kind: 'hidden' } : { kind: 'failed' };
}

/** The customer-portal panel: the request's status explained, and what the customer can do about it. */
export function App() {
  const [texts, setTexts] = useState<Texts>();
  const [locale, setLocale] = useState<Locale>('fr-FR');
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [dialog, setDialog] = useState<ActionView | null>(null);
  const [notice, setNotice] = useState('');
  const contentRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLHeadingElement>(null);
  /**
   * Where focus goes once the dialog has closed: the button of the action it was opened for (found
   * again by its action, the view may have been read anew meanwhile), else the status.
   */
  const focusNext = useRef<ActionView['id'] | 'status' | null>(null);

  const refresh = useCallback(async (locale: Locale) => {
    try {
      setPhase(phaseOf(await getRequestView(locale)));
    } catch {
      setPhase({ kind: 'failed' });
    }
  }, []);

  const start = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const context = await loadContext();
      document.documentElement.lang = context.locale;
      setDraftOwner(context.accountId);
      setLocale(context.locale);
      // The view brings the status's own words: it shows as soon as it arrives, whether or not the
      // panel's other texts (buttons, history) have loaded; they follow when they do.
      const translations = loadTranslate(context.locale).then((t) => setTexts(makeTexts(t, context)));
      const answer = await getRequestView(context.locale);
      setPhase(phaseOf(answer));
      await translations;
    } catch {
      setPhase({ kind: 'failed' });
    }
  }, []);

  useEffect(() => void start(), [start]);

  // While the dialog is open, the panel behind it is out of reach; once it closes, focus goes back
  // (before the browser paints, so focus never rests on the page itself).
  useLayoutEffect(() => {
    if (contentRef.current) contentRef.current.inert = dialog !== null;
    if (dialog !== null || focusNext.current === null) return;
    const opener = contentRef.current?.querySelector<HTMLElement>(`[data-action="${focusNext.current}"]`);
    focusNext.current = null;
    (opener ?? statusRef.current)?.focus();
  }, [dialog, phase]);

  function retry() {
    if (texts) {
      setPhase({ kind: 'loading' });
      void refresh(texts.locale);
    } else void start();
  }

  function open(action: ActionView) {
    setNotice('');
    setDialog(action);
  }

  function close() {
    focusNext.current = dialog?.id ?? null;
    setDialog(null);
  }

  /**
   * Shows the new status at once, then reads the whole view again for the new history and actions.
   * Jira's own status on the portal page stays as it is until the customer reloads: @forge/bridge's
   * view.refresh() is only honoured by the modules the host supports (it throws "not refreshable"
   * otherwise, and no portal module is documented among them), and router.reload() reloads the
   * whole page, which would throw away the confirmation shown here.
   */
  function done(status: RequestStatusView) {
    if (!texts || !dialog) return;
    setNotice(texts.t(`action.${dialog.id}.success`));
    setPhase((current) =>
      current.kind === 'ready' ? { kind: 'ready', view: { ...current.view, status, actions: [] } } : current,
    );
    focusNext.current = 'status';
    setDialog(null);
    void refresh(texts.locale);
  }

  return (
    <main className="app">
      {/* The panel's name (the module's title) as its first heading, for screen readers. */}
      {texts && <h1 className="visually-hidden">{texts.t('module.portalPanel.title')}</h1>}
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <div ref={contentRef}>
        {phase.kind === 'loading' && <Loading t={texts?.t} />}
        {phase.kind === 'failed' && <LoadError t={texts?.t} onRetry={retry} />}
        {phase.kind === 'hidden' && texts && <p className="muted">{texts.t('panel.notVisible')}</p>}
        {phase.kind === 'ready' && (
          <>
            <StatusCard texts={texts} locale={locale} status={phase.view.status} headingRef={statusRef} />
            {texts && phase.view.status.key !== null && (
              <Actions texts={texts} actions={phase.view.actions} onOpen={open} />
            )}
            {texts && <History texts={texts} history={phase.view.history} />}
          </>
        )}
      </div>
      {dialog && texts && phase.kind === 'ready' && (
        <ActionDialog
          key={dialog.id}
          texts={texts}
          issueKey={phase.view.issueKey}
          status={phase.view.status.key}
          action={dialog}
          onClose={close}
          onDone={done}
          onStale={() => void refresh(texts.locale)}
        />
      )}
    </main>
  );
}
