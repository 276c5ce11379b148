/**
 * What the customer reads: the reminder and the outcome e-mail, word for word in fr-FR (plain text and
 * HTML), the deadline and the outcome in the other languages, dates in the reader's language and the
 * rules' time zone.
 */
import { getTranslator } from '../../src/i18n';
import {
  composeOutcomeMail,
  composeReminder,
  formatDate,
  outcomeComment,
  type RequestFacts,
} from '../../src/waiting/messages';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  // The translations bundle is read through the Forge harness.
  app = await startTestApp();
});
afterAll(() => app.close());

/** Monday 7 December 2026, 10:00 in Brussels. */
const DEADLINE = Date.parse('2026-12-07T09:00:00Z');

const FACTS: RequestFacts = {
  issueKey: 'SUP-5',
  summary: '  Mon   écran\n reste <noir>  ',
  statusName: 'En attente du client',
  status: 'waiting_customer',
  portalUrl: 'https://x.test/portal?a=1&b=2',
};

const INTRO =
  'Votre demande SUP-5 « Mon écran reste <noir> » attend toujours votre réponse (statut « En attente du client »).';
const TODO =
  "Une réponse de votre part est attendue. Lisez le dernier message de l'équipe, puis cliquez sur « Répondre à l'équipe » pour envoyer les informations demandées.";
const html = (text: string) => text.replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('in fr-FR', () => {
  it('the reminder, its summary on one line, the deadline and the portal link, in text and HTML', async () => {
    const { t } = await getTranslator('fr-FR');
    const at = formatDate(DEADLINE, 'fr-FR', 'Europe/Brussels');
    expect(at).toBe('lundi 7 décembre 2026 à 10:00');
    const deadline = `Sans réponse de votre part d'ici le ${at}, elle sera clôturée.`;
    expect(composeReminder(t, FACTS, { at, outcome: 'closed' })).toEqual({
      subject: '[SUP-5] Rappel : nous attendons votre réponse',
      textBody: [
        'Bonjour,',
        INTRO,
        TODO,
        deadline,
        'https://x.test/portal?a=1&b=2',
        "L'équipe de support",
        '--\nCe message vous a été envoyé automatiquement.',
      ].join('\n\n'),
      htmlBody: [
        '<p>Bonjour,</p>',
        `<p>${html(INTRO)}</p>`,
        `<p>${html(TODO)}</p>`,
        `<p>${html(deadline)}</p>`,
        '<p><a href="https://x.test/portal?a=1&amp;b=2">https://x.test/portal?a=1&amp;b=2</a></p>',
        '<p>L&#39;équipe de support</p>',
        '<p style="color:#6b778c;font-size:12px">Ce message vous a été envoyé automatiquement.</p>',
      ].join('\n'),
    });
  });

  it('without a deadline nor a portal link, neither is written', async () => {
    const { t } = await getTranslator('fr-FR');
    const mail = composeReminder(t, { ...FACTS, portalUrl: null }, null);
    expect(mail.textBody).toBe(
      [
        'Bonjour,',
        INTRO,
        TODO,
        "L'équipe de support",
        '--\nCe message vous a été envoyé automatiquement.',
      ].join('\n\n'),
    );
    expect(mail.htmlBody).not.toContain('<a ');
    expect(mail.htmlBody.split('\n')).toHaveLength(5);
  });

  it('the outcome e-mail carries the public comment', async () => {
    const { t } = await getTranslator('fr-FR');
    const comment = outcomeComment(t, 'closed', 'mardi 1 décembre 2026', 'lundi 7 décembre 2026');
    expect(comment).toBe(
      "Demande clôturée automatiquement : nous attendions votre réponse depuis le mardi 1 décembre 2026 et n'en avons pas reçu d'ici le lundi 7 décembre 2026. Si vous avez encore besoin d'aide, rouvrez la demande en expliquant pourquoi.",
    );
    const mail = composeOutcomeMail(t, FACTS, 'closed', comment);
    expect(mail.subject).toBe('[SUP-5] Demande clôturée sans réponse');
    expect(mail.textBody).toBe(
      [
        'Bonjour,',
        comment,
        'https://x.test/portal?a=1&b=2',
        "L'équipe de support",
        '--\nCe message vous a été envoyé automatiquement.',
      ].join('\n\n'),
    );
    expect(mail.htmlBody.split('\n')[1]).toBe(`<p>${html(comment)}</p>`);
  });
});

describe('waiting for approval, in the reader language and the rules time zone', () => {
  const facts: RequestFacts = {
    issueKey: 'SUP-7',
    summary: 'Screen',
    statusName: 'S',
    status: 'waiting_approval',
    portalUrl: null,
  };
  it.each([
    [
      'en-US',
      'Monday, December 7, 2026 at 4:00 AM',
      '[SUP-7] Reminder: we are waiting for your reply',
      'Your request SUP-7 “Screen” is still waiting for your reply (status “S”).',
      'We need an answer from you. Review what is proposed, then accept or decline it. If you decline, tell us why: the team will resume the work.',
      'If we have not heard from you by Monday, December 7, 2026 at 4:00 AM, the work will be considered accepted and the request will move on to delivery.',
      '[SUP-7] Work considered accepted',
    ],
    [
      'nl-NL',
      'maandag 7 december 2026 om 04:00',
      '[SUP-7] Herinnering: we wachten op uw antwoord',
      'Uw aanvraag SUP-7 ‘Screen’ wacht nog altijd op uw antwoord (status ‘S’).',
      'We wachten op een antwoord van u. Bekijk het voorstel en keur het goed of wijs het af. Als u het afwijst, laat ons dan weten waarom: het team gaat dan verder met het werk.',
      'Als we vóór maandag 7 december 2026 om 04:00 niets van u horen, beschouwen we het werk als aanvaard en gaat de aanvraag door naar de levering.',
      '[SUP-7] Werk beschouwd als aanvaard',
    ],
    [
      'de-DE',
      'Montag, 7. Dezember 2026 um 04:00',
      '[SUP-7] Erinnerung: Wir warten auf Ihre Antwort',
      'Ihre Anfrage SUP-7 „Screen“ wartet noch immer auf Ihre Antwort (Status „S“).',
      'Wir benötigen eine Antwort von Ihnen. Prüfen Sie den Vorschlag und nehmen Sie ihn an oder lehnen Sie ihn ab. Wenn Sie ablehnen, sagen Sie uns bitte, warum: Das Team nimmt die Arbeit dann wieder auf.',
      'Wenn wir bis Montag, 7. Dezember 2026 um 04:00 nichts von Ihnen hören, gilt die Arbeit als angenommen und die Anfrage geht in die Auslieferung.',
      '[SUP-7] Arbeit gilt als angenommen',
    ],
  ] as const)('%s', async (locale, date, subject, intro, todo, deadline, outcomeSubject) => {
    const { t } = await getTranslator(locale);
    const at = formatDate(DEADLINE, locale, 'America/New_York');
    expect(at).toBe(date);
    const mail = composeReminder(t, facts, { at, outcome: 'accepted' });
    expect(mail.subject).toBe(subject);
    const [, ...body] = mail.textBody.split('\n\n');
    expect(body.slice(0, 3)).toEqual([intro, todo, deadline]);
    expect(composeOutcomeMail(t, facts, 'accepted', 'C').subject).toBe(outcomeSubject);
  });
});
