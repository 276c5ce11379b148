import type { Translate } from '../api';

/**
 * Shown when the texts themselves could not be loaded: the request's view needs no translation to
 * fail, but saying so does. French is the desk's first language and the app's fallback locale.
 */
const WITHOUT_TEXTS = {
  loadError: 'Le suivi de votre demande ne peut pas être affiché pour le moment.',
  retry: 'Réessayer',
};

export function LoadError({ t, onRetry }: { t: Translate | undefined; onRetry: () => void }) {
  return (
    <div className="problem">
      <p role="alert">{t ? t('panel.loadError') : WITHOUT_TEXTS.loadError}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t ? t('panel.retry') : WITHOUT_TEXTS.retry}
      </button>
    </div>
  );
}
