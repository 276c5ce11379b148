import type { Ref } from 'react';
import type { Locale } from '../../../../src/i18n/locales';
import { localNameOf } from '../../../../src/texts/model';
import type { RequestStatusView } from '../api';
import type { Texts } from '../texts';

interface Props {
  /** The panel's own texts; until they load, the card shows what the view brought. */
  texts: Texts | undefined;
  locale: Locale;
  status: RequestStatusView;
  /** Focus comes back here after an action, so the new status is read out. */
  headingRef: Ref<HTMLHeadingElement>;
}

/**
 * The status under the name JSM shows the customer (the portal's own lozenge says the same), its name
 * in the customer's language beside it outside French, what it means and what to do, in the desk's
 * words (`status.texts`, from the view itself: nothing else is awaited), and since when.
 */
export function StatusCard({ texts, locale, status, headingRef }: Props) {
  const t = texts?.t;
  const tone = status.responseRequired ? 'act' : status.category.toLowerCase();
  const words = status.texts;
  const localName = localNameOf(locale, words?.label, status.name);
  return (
    <section className={`status status-${tone}`} aria-labelledby="status-name">
      {/* A no-break space holds the line until the label arrives, so nothing moves. */}
      <p className="eyebrow">{t?.('panel.statusLabel') ?? '\u00a0'}</p>
      <h2 id="status-name" className="status-name" ref={headingRef} tabIndex={-1}>
        {status.name}
      </h2>
      {localName !== null && (
        <p className="status-local" lang={locale}>
          {localName}
        </p>
      )}
      {status.responseRequired && t && <p className="badge">{t('badge.responseRequired')}</p>}
      {status.since && texts && (
        <p className="since">{t?.('panel.since', { date: texts.dateTime(status.since) })}</p>
      )}
      {status.key === null ? (
        t && <p className="meaning">{t('panel.outsideWorkflow')}</p>
      ) : words ? (
        <>
          <p className="meaning">{words.meaning}</p>
          <p className="todo">{words.todo}</p>
        </>
      ) : (
        // The status just changed by an action: its words come with the view, read again at once.
        <div aria-hidden="true">
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-line skeleton-short" />
        </div>
      )}
    </section>
  );
}
