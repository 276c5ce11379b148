/**
 * The outline of a UI Kit surface, the debugging view beside the rendered one: each component's name,
 * its text and props worth knowing, and its buttons and checkboxes, which press the real tree's.
 * Plain DOM: every text from the server goes in through textContent.
 */
import type { OutlineNode } from '../types';
import { el } from './dom';

/** Presses the control with this handler id in the server's tree. */
export type Press = (id: string) => void;

function tag(type: string): HTMLElement {
  return el('span', 'tag', type);
}

export function renderNode(node: OutlineNode, press: Press): HTMLElement {
  const appearance = node.details.find((d) => d.startsWith('appearance: '))?.slice('appearance: '.length);
  switch (node.type) {
    case 'Heading': {
      const line = el('div', 'ui ui-heading');
      line.append(tag('Heading'), el('strong', undefined, node.text ?? ''));
      return line;
    }
    case 'Lozenge': {
      const line = el('div', 'ui');
      line.append(tag('Lozenge'), el('span', `lozenge ${appearance ?? ''}`, node.text ?? ''));
      return line;
    }
    case 'Button': {
      const line = el('div', 'ui');
      const button = el('button', 'ui-button', node.text ?? '');
      button.type = 'button';
      button.disabled = node.action?.disabled ?? true;
      const id = node.action?.id;
      if (id) button.addEventListener('click', () => press(id));
      line.append(tag('Button'), button);
      return line;
    }
    case 'Checkbox': {
      // A real box: changing it presses the checkbox in the UI Kit tree, which answers with its new state.
      const line = el('div', 'ui');
      const label = el('label', 'ui-checkbox');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = node.action?.checked ?? false;
      box.disabled = node.action?.disabled ?? true;
      const id = node.action?.id;
      if (id) box.addEventListener('change', () => press(id));
      const text = node.details.find((d) => d.startsWith('label: '))?.slice('label: '.length) ?? '';
      label.append(box, document.createTextNode(` ${text}`));
      line.append(tag('Checkbox'), label);
      return line;
    }
    case 'List': {
      const list = el('ul', 'ui-list');
      for (const child of node.children) {
        const item = el('li');
        if (child.type === 'ListItem' && child.children.length === 0) item.textContent = child.text ?? '';
        else item.append(renderNode(child, press));
        list.append(item);
      }
      const box = el('div', 'ui');
      box.append(tag('List'), list);
      return box;
    }
    case 'DynamicTable':
      return renderTable(node, press);
    case 'SectionMessage': {
      const box = el('div', `ui-section ${appearance ?? ''}`);
      const title = node.details.find((d) => d.startsWith('title: '))?.slice('title: '.length);
      const head = el('div', 'ui');
      head.append(
        tag('SectionMessage'),
        title
          ? el('strong', undefined, title)
          : el('span', 'muted', `appearance: ${appearance ?? 'default'}`),
      );
      box.append(head, ...node.children.map((child) => renderNode(child, press)));
      if (node.text) box.append(el('p', undefined, node.text));
      return box;
    }
    default: {
      const line = el('div', 'ui');
      line.append(tag(node.type));
      const extra = node.details.filter((d) => !d.startsWith('appearance: '));
      if (node.text) line.append(el('span', undefined, node.text));
      if (extra.length > 0) line.append(el('span', 'muted', ` ${extra.join(', ')}`));
      if (node.children.length === 0) return line;
      const box = el('div', 'ui-group');
      box.append(line, ...node.children.map((child) => renderNode(child, press)));
      return box;
    }
  }
}

/** DynamicTable: the head's cells first, then one Row per row. */
function renderTable(node: OutlineNode, press: Press): HTMLElement {
  const table = el('table', 'compact ui-table');
  const caption = node.details.find((d) => d.startsWith('caption: '))?.slice('caption: '.length);
  if (caption) table.append(el('caption', undefined, caption));
  const cells = (parent: OutlineNode, cell: 'th' | 'td'): HTMLTableRowElement => {
    const row = el('tr');
    for (const child of parent.children) {
      const element = el(cell);
      if (child.children.length === 0) element.textContent = child.text ?? '';
      else element.append(...child.children.map((c) => renderNode(c, press)));
      row.append(element);
    }
    return row;
  };
  const headCells = node.children.filter((c) => c.type === 'Cell');
  if (headCells.length > 0) table.append(cells({ ...node, children: headCells }, 'th'));
  for (const row of node.children.filter((c) => c.type === 'Row')) table.append(cells(row, 'td'));
  const box = el('div', 'ui-group');
  box.append(tag('DynamicTable'), table);
  return box;
}
