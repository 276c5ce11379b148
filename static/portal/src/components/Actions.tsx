import type { ActionView } from '../api';
import type { Texts } from '../texts';

interface Props {
  texts: Texts;
  actions: readonly ActionView[];
  onOpen: (action: ActionView) => void;
}

/** One button per action the server offers now, the first one emphasised; or why there is none. */
export function Actions({ texts: { t }, actions, onOpen }: Props) {
  return (
    <section className="section" aria-labelledby="actions-title">
      <h2 id="actions-title" className="section-title">
        {t('panel.actionsTitle')}
      </h2>
      {actions.length === 0 ? (
        <p className="muted">{t('panel.noAction')}</p>
      ) : (
        <div className="actions">
          {actions.map((action, index) => (
            <button
              key={action.id}
              type="button"
              className={index === 0 ? 'button button-primary' : 'button'}
              data-action={action.id}
              onClick={() => onOpen(action)}
            >
              {t(`action.${action.id}.label`)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
