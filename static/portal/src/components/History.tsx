import { useState } from 'react';
import type { RequestView } from '../api';
import type { Texts } from '../texts';

/** Steps shown before the customer asks for the older ones. */
const RECENT_STEPS = 3;
/** Hiding a single step would save no room: its toggle takes as much. */
const FEWEST_HIDDEN = 2;

interface Props {
  texts: Texts;
  history: RequestView['history'];
}

/** The statuses the request went through, newest first. */
export function History({ texts: { t, dateTime }, history }: Props) {
  const [expanded, setExpanded] = useState(false);
  if (history.length === 0) return null;
  const older = history.length - RECENT_STEPS;
  const collapsible = older >= FEWEST_HIDDEN;
  const steps = expanded || !collapsible ? history : history.slice(0, RECENT_STEPS);
  return (
    <section className="section" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        {t('panel.historyTitle')}
      </h2>
      <ol id="history-steps" className="timeline">
        {steps.map((step, index) => (
          <li key={`${step.at}-${index}`} aria-current={index === 0 ? 'step' : undefined}>
            <span className="step-name">{step.name}</span>
            <time className="step-date" dateTime={step.at}>
              {dateTime(step.at)}
            </time>
          </li>
        ))}
      </ol>
      {collapsible && (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          aria-controls="history-steps"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('panel.historyLess') : t('panel.historyMore', { count: older })}
        </button>
      )}
    </section>
  );
}
