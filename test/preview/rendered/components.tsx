/**
 * Each UI Kit component the app's screens use, drawn with the Atlassian Design System component it
 * stands for, from the `@atlaskit` packages @forge/react brings in. Which ADS component and which props
 * UI Kit passes on are those of @atlaskit/forge-react-types (its codegen picks, e.g. ButtonProps from
 * '@atlaskit/button/new'); Jira's own renderer, which does the mapping in Jira, is not public.
 */
import React from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Checkbox, CodeBlock, Select, TextArea, Textfield } from './fields';
import { pick, str, type NodeProps } from './props';
import { handlerOf, type WireDoc } from './wire';

export function Children({ node, dispatch }: NodeProps): React.JSX.Element {
  return (
    <>
      {node.children.map((child, index) => (
        <Node key={child.key ?? index} node={child} dispatch={dispatch} />
      ))}
    </>
  );
}

/**
 * UI Kit's Heading takes `as` without `size`; the docs say `as` used to set the size and is being
 * detached from it (https://developer.atlassian.com/platform/forge/ui-kit-2/heading). Assumed here:
 * the size each level had, h1 the largest, as ADS heading levels went.
 */
const HEADING_SIZE = {
  h1: 'xlarge',
  h2: 'large',
  h3: 'medium',
  h4: 'small',
  h5: 'xsmall',
  h6: 'xxsmall',
} as const;
type HeadingSize = React.ComponentProps<typeof Heading>['size'];

function HeadingNode({ node, dispatch }: NodeProps): React.JSX.Element {
  const as = str(node.props, 'as');
  const level = as && as in HEADING_SIZE ? (as as keyof typeof HEADING_SIZE) : 'h2';
  const size = (str(node.props, 'size') as HeadingSize | undefined) ?? HEADING_SIZE[level];
  return (
    <Heading {...pick(node.props, ['id', 'testId', 'color'])} size={size} as={level}>
      <Children node={node} dispatch={dispatch} />
    </Heading>
  );
}

function ButtonNode({ node, dispatch }: NodeProps): React.JSX.Element {
  const onClick = handlerOf(node.props.onClick);
  return (
    <Button
      {...pick<React.ComponentProps<typeof Button>>(node.props, [
        'appearance',
        'isDisabled',
        'isSelected',
        'shouldFitContainer',
        'spacing',
        'testId',
        'type',
        'autoFocus',
      ])}
      onClick={() => onClick && dispatch(onClick)}
    >
      <Children node={node} dispatch={dispatch} />
    </Button>
  );
}

/** DynamicTable arrives as UI Kit sends it: ContentWrapper "head" of Cells, then "rows" of Rows of Cells. */
function TableNode({ node, dispatch }: NodeProps): React.JSX.Element {
  const part = (name: string): WireDoc[] =>
    node.children.find((c) => c.type === 'ContentWrapper' && c.props.name === name)?.children ?? [];
  const cell = (c: WireDoc, index: number) => ({
    key: typeof c.props.cellKey === 'string' ? c.props.cellKey : String(index),
    content: <Children node={c} dispatch={dispatch} />,
  });
  const rows = part('rows').map((row, index) => ({
    key: typeof row.props.rowKey === 'string' ? row.props.rowKey : String(index),
    cells: row.children.map(cell),
  }));
  return (
    <DynamicTable
      head={{ cells: part('head').map(cell) }}
      rows={rows}
      {...pick(node.props, ['caption', 'label', 'rowsPerPage', 'isLoading', 'isFixedSize', 'testId'])}
    />
  );
}

/** UI Kit's List is a plain list (no ADS package), spaced with the design tokens. */
function ListNode({ node, dispatch }: NodeProps): React.JSX.Element {
  const Tag = node.props.type === 'ordered' ? 'ol' : 'ul';
  return (
    <Tag className="ak-list">
      <Children node={node} dispatch={dispatch} />
    </Tag>
  );
}

/** A component the preview does not draw: shown, named, with its content, so that nothing is hidden. */
export function Placeholder({ node, dispatch }: NodeProps): React.JSX.Element {
  return (
    <div className="ak-placeholder" data-ui-kit={node.type} role="group" aria-label={`UI Kit ${node.type}`}>
      <span className="ak-placeholder-name">{`${node.type}: not drawn by the preview`}</span>
      <Children node={node} dispatch={dispatch} />
    </div>
  );
}

type Drawer = (props: NodeProps) => React.JSX.Element;

const SPACE = ['space', 'alignBlock', 'alignInline', 'grow', 'spread', 'testId'];
const DRAWERS: Readonly<Record<string, Drawer>> = {
  Root: Children,
  Fragment: Children,
  String: ({ node }) => <>{str(node.props, 'text') ?? ''}</>,
  Stack: ({ node, dispatch }) => (
    <Stack {...pick(node.props, SPACE)}>
      <Children node={node} dispatch={dispatch} />
    </Stack>
  ),
  Inline: ({ node, dispatch }) => (
    <Inline {...pick(node.props, [...SPACE, 'shouldWrap', 'rowSpace', 'separator'])}>
      <Children node={node} dispatch={dispatch} />
    </Inline>
  ),
  Box: ({ node, dispatch }) => (
    <Box {...pick(node.props, ['padding', 'backgroundColor', 'testId'])}>
      <Children node={node} dispatch={dispatch} />
    </Box>
  ),
  // UI Kit's Text is a paragraph of body text.
  Text: ({ node, dispatch }) => (
    <Text as="p" {...pick(node.props, ['align', 'color', 'size', 'weight', 'testId', 'maxLines'])}>
      <Children node={node} dispatch={dispatch} />
    </Text>
  ),
  Heading: HeadingNode,
  Lozenge: ({ node, dispatch }) => (
    <Lozenge {...pick(node.props, ['appearance', 'isBold', 'maxWidth', 'testId'])}>
      <Children node={node} dispatch={dispatch} />
    </Lozenge>
  ),
  Button: ButtonNode,
  SectionMessage: ({ node, dispatch }) => (
    <SectionMessage {...pick(node.props, ['appearance', 'title', 'testId'])}>
      <Children node={node} dispatch={dispatch} />
    </SectionMessage>
  ),
  DynamicTable: TableNode,
  List: ListNode,
  ListItem: ({ node, dispatch }) => (
    <li>
      <Children node={node} dispatch={dispatch} />
    </li>
  ),
  Spinner: ({ node }) => <Spinner {...pick(node.props, ['appearance', 'label', 'size', 'testId'])} />,
  ProgressBar: ({ node }) => (
    <ProgressBar {...pick(node.props, ['appearance', 'ariaLabel', 'isIndeterminate', 'testId', 'value'])} />
  ),
  Label: ({ node, dispatch }) => (
    <Label {...pick(node.props, ['id', 'testId'])} htmlFor={str(node.props, 'labelFor') ?? ''}>
      <Children node={node} dispatch={dispatch} />
    </Label>
  ),
  Checkbox,
  Textfield,
  TextArea,
  Select,
  CodeBlock,
};

/** The UI Kit component types the preview draws with ADS (the others get a labelled placeholder). */
export const DRAWN_TYPES: readonly string[] = Object.keys(DRAWERS);

export function Node({ node, dispatch }: NodeProps): React.JSX.Element {
  const Drawn = DRAWERS[node.type] ?? Placeholder;
  return <Drawn node={node} dispatch={dispatch} />;
}
