import type { Translate } from '../api';

/** The panel's shape while the request loads; the text appears as soon as the locale is known. */
export function Loading({ t }: { t: Translate | undefined }) {
  return (
    <div className="loading" aria-busy="true">
      <div className="skeleton skeleton-label" />
      <div className="skeleton skeleton-title" />
      <div className="skeleton skeleton-line" />
      <div className="skeleton skeleton-line skeleton-short" />
      <p className="muted" role="status">
        {t?.('panel.loading')}
      </p>
    </div>
  );
}
