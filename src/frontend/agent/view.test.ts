import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatusHelp } from '../../agent/status-help';
import { formatMessage, lookup, type Locale, type Translate } from '../../i18n/locales';
import { dateTimeText, durationText, panelView } from './view';

function translator(locale: Locale): Translate {
  const messages: unknown = JSON.parse(
    readFileSync(join(__dirname, '../../../locales', `${locale}.json`), 'utf8'),
  );
  return (key, vars) => formatMessage(lookup(messages, key) ?? key, vars);
}

const HOUR = 3_600_000;

describe('durationText', () => {
  it.each([
    [0, "moins d'une heure"],
    [59 * 60_000, "moins d'une heure"],
    [HOUR, '1 heure'],
    [5 * HOUR, '5 heures'],
    [24 * HOUR, '1 jour'],
    [75 * HOUR, '3 jours'],
    [-HOUR, "moins d'une heure"],
  ])('%i ms is "%s"', (elapsed, text) => {
    expect(durationText(translator('fr-FR'), 1_000_000_000, 1_000_000_000 + elapsed)).toBe(text);
  });

  it('uses the dative German needs after "seit"', () => {
    expect(durationText(translator('de-DE'), 0, 2 * 24 * HOUR)).toBe('2 Tagen');
    expect(durationText(translator('de-DE'), 0, 24 * HOUR)).toBe('einem Tag');
  });
});

describe('panelView', () => {
  const help: StatusHelp = {
    issueKey: 'SUP-3',
    status: { key: 'resolved', name: 'Résolu', responseRequired: false, since: '2025-03-03T08:30:00.000Z' },
    customerActions: [],
    nextTeamTransitions: [{ id: 'close', name: 'Clôturer' }],
    recentCustomerActions: [],
  };

  it('says since when the request is in a status that does not wait on the customer, without badge', () => {
    const view = panelView(help, translator('nl-NL'), 'nl-NL', Date.parse('2025-03-10T00:00:00Z'));
    expect(view).toMatchObject({
      kind: 'known',
      badge: null,
      since: `Sinds ${dateTimeText('2025-03-03T08:30:00.000Z', 'nl-NL')} in deze status.`,
      nextTransitions: ['Clôturer'],
    });
  });

  it('leaves the date out when Jira did not give it', () => {
    const undated: StatusHelp = {
      ...help,
      status: { key: 'resolved', name: 'Résolu', responseRequired: false, since: null },
    };
    const view = panelView(undated, translator('fr-FR'), 'fr-FR', 0);
    expect(view.kind === 'known' && view.since).toBeNull();
  });
});
