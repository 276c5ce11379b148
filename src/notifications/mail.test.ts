import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_LOCALES, formatMessage, lookup, type Locale, type Translate } from '../i18n/locales';
import { STATUSES } from '../workflow';
import { composeMail, escapeHtml, safePortalUrl, type MailInput } from './mail';

/** The translator the back end builds, from the locale files directly. */
function translator(locale: Locale): Translate {
  const messages: unknown = JSON.parse(
    readFileSync(join(__dirname, '../../locales', `${locale}.json`), 'utf8'),
  );
  return (key, vars) => formatMessage(lookup(messages, key) ?? key, vars);
}

const input = (over: Partial<MailInput> = {}): MailInput => ({
  issueKey: 'SUP-7',
  summary: 'Export PDF vide',
  status: { key: 'waiting_customer', name: 'En attente du client' },
  portalUrl: 'https://desk.example.be/servicedesk/customer/portal/1/SUP-7',
  ...over,
});

describe('composeMail', () => {
  it.each(SUPPORTED_LOCALES.flatMap((l) => STATUSES.map((s) => [l, s.key, s] as const)))(
    '%s, %s: every part filled, nothing left as a key or placeholder',
    (locale, _, status) => {
      const mail = composeMail(translator(locale), input({ status: { key: status.key, name: status.name } }));
      for (const part of [mail.subject, mail.textBody, mail.htmlBody])
        expect(part).not.toMatch(/\{\w+\}|email\.|status\./);
      expect(mail.subject).toContain(status.name);
      expect(mail.textBody).toContain(status.name);
      expect(mail.htmlBody).toContain(escapeHtml(status.name));
    },
  );

  it('asks the customer to act, and where, only when the status waits on them', () => {
    const t = translator('fr-FR');
    expect(composeMail(t, input()).textBody).toContain(
      'Pour répondre, rendez-vous sur le portail client : https://desk.example.be/servicedesk/customer/portal/1/SUP-7',
    );
    const info = composeMail(t, input({ status: { key: 'resolved', name: 'Résolu' } }));
    expect(info.textBody).toContain('Vous pouvez suivre votre demande sur le portail client : https://');
    expect(info.textBody).not.toContain('Une réponse de votre part est attendue.');
  });

  it('says "on the customer portal" when Jira gave no link', () => {
    const mail = composeMail(translator('en-US'), input({ portalUrl: null }));
    expect(mail.textBody).toContain('To answer, open your request SUP-7 on the customer portal.');
    expect(mail.htmlBody).not.toContain('<a ');
  });

  it('escapes what people typed, once, and keeps placeholders in it as text', () => {
    const mail = composeMail(
      translator('fr-FR'),
      input({ summary: '<img src=x onerror=alert(1)> & {status}\nsuite' }),
    );
    expect(mail.htmlBody).toContain('« &lt;img src=x onerror=alert(1)&gt; &amp; {status} suite »');
    expect(mail.textBody).toContain('« <img src=x onerror=alert(1)> & {status} suite »');
    expect(mail.htmlBody).not.toContain('&amp;amp;');
  });

  it('escapes the link in its attribute', () => {
    const url = 'https://desk.example.be/portal/1/SUP-7?a="b"&c=<d>';
    const mail = composeMail(translator('fr-FR'), input({ portalUrl: url }));
    expect(mail.htmlBody).toContain(`<a href="${escapeHtml(url)}">`);
    expect(mail.htmlBody).not.toContain('"b"');
  });
});

describe('safePortalUrl', () => {
  it('accepts http(s) URLs only', () => {
    expect(safePortalUrl('https://x.atlassian.net/servicedesk/customer/portal/1/SUP-1')).toBe(
      'https://x.atlassian.net/servicedesk/customer/portal/1/SUP-1',
    );
    expect(safePortalUrl('javascript:alert(1)')).toBeNull();
    expect(safePortalUrl('/servicedesk/customer/portal/1/SUP-1')).toBeNull();
    expect(safePortalUrl(undefined)).toBeNull();
  });
});
