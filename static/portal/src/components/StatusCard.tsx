import type { Ref } from 'react';
import type { RequestStatusView } from '../api';
import type { Texts } from '../texts';

interface Props {
  texts: Texts;
  status: RequestStatusView;
  /** Focus comes back here after an action, so the new status is read out. */
  headingRef: Ref<HTMLHeadingElement>;
}

/** The status under the name JSM shows the customer, what the real status means, what to do, since when. */
export function StatusCard({ texts: { t, dateTime }, status, headingRef }: Props) {
  const tone = status.responseRequired ? 'act' : status.category.toLowerCase();
  return (
    <section className={`status status-${tone}`} aria-labelledby="status-name">
      <p className="eyebrow">{t('panel.statusLabel')}</p>
      <h2 id="status-name" className="status-name" ref={headingRef} tabIndex={-1}>
        {status.name}
      </h2>
      {status.responseRequired && <p className="badge">{t('badge.responseRequired')}</p>}
      {status.since && <p className="since">{t('panel.since', { date: dateTime(status.since) })}</p>}
      {status.key === null ? (
        <p className="meaning">{t('panel.outsideWorkflow')}</p>
      ) : (
        <>
          <p className="meaning">{t(`status.${status.key}.meaning`)}</p>
          <p className="todo">{t(`status.${status.key}.todo`)}</p>
          {status.deadline && (
            <p className="deadline">
              {t(`waiting.deadline.${status.deadline.outcome}`, { date: dateTime(status.deadline.at) })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
