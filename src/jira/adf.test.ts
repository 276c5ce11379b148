import { plainTextDocument } from './adf';

describe('plainTextDocument', () => {
  it('keeps markup characters as text, without marks', () => {
    const doc = plainTextDocument('*gras* [lien|https://exemple.be] {code}x{code} h1. titre');
    expect(doc).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: '*gras* [lien|https://exemple.be] {code}x{code} h1. titre' }],
        },
      ],
    });
  });

  it('turns every line break into a hard break, blank lines included, and no empty text node', () => {
    const doc = plainTextDocument('Bonjour,\r\n\nVoici.\n');
    expect(doc.content[0]?.content).toEqual([
      { type: 'text', text: 'Bonjour,' },
      { type: 'hardBreak' },
      { type: 'hardBreak' },
      { type: 'text', text: 'Voici.' },
      { type: 'hardBreak' },
    ]);
  });

  it('takes a lone carriage return and every Windows line break for a line break', () => {
    expect(plainTextDocument('un\rdeux\r\ntrois\r\nquatre').content[0]?.content).toEqual([
      { type: 'text', text: 'un' },
      { type: 'hardBreak' },
      { type: 'text', text: 'deux' },
      { type: 'hardBreak' },
      { type: 'text', text: 'trois' },
      { type: 'hardBreak' },
      { type: 'text', text: 'quatre' },
    ]);
  });

  it('makes an empty paragraph of an empty text', () => {
    expect(plainTextDocument('')).toEqual({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [] }],
    });
  });
});
