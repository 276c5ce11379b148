/**
 * The browser side of the rendered view (bundled by build.ts, served as /__preview/ui-kit.js): draws
 * a surface's ForgeDoc tree with the Atlassian Design System in a themed container. The page's script
 * (page/app.ts) fetches the tree and calls `window.previewUiKit.render`.
 */
import { createRoot, type Root } from 'react-dom/client';
import { Node } from './components';
import type { Dispatch } from './props';
import { applyTheme, type ColorMode } from './theme';
import type { WireDoc } from './wire';
import './rendered.css';

export interface PreviewUiKit {
  render(container: HTMLElement, doc: WireDoc, theme: ColorMode, dispatch: Dispatch): void;
}

declare global {
  interface Window {
    previewUiKit?: PreviewUiKit;
  }
}

const roots = new WeakMap<HTMLElement, Root>();

window.previewUiKit = {
  render(container, doc, theme, dispatch) {
    applyTheme(container, theme);
    let root = roots.get(container);
    if (!root) {
      root = createRoot(container);
      roots.set(container, root);
    }
    root.render(<Node node={doc} dispatch={dispatch} />);
  },
};
