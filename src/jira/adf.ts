/**
 * Atlassian Document Format, as much as the app writes: plain text. A text node without marks is
 * shown as it is, so a customer's `*`, `[lien|…]` or `{code}` stays what they typed; a JSM comment
 * body, by contrast, is a string whose handling of wiki markup the specs do not document.
 */
export interface AdfText {
  type: 'text';
  text: string;
}
export interface AdfHardBreak {
  type: 'hardBreak';
}
export interface AdfParagraph {
  type: 'paragraph';
  content: (AdfText | AdfHardBreak)[];
}
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfParagraph[];
}

/** One paragraph, a hard break for every line break (blank lines included), no marks, no links. */
export function plainTextDocument(text: string): AdfDocument {
  const content: (AdfText | AdfHardBreak)[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, index) => {
      if (index > 0) content.push({ type: 'hardBreak' });
      // ADF refuses empty text nodes; an empty line is the break alone.
      if (line !== '') content.push({ type: 'text', text: line });
    });
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content }] };
}
