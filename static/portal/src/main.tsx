import { view } from '@forge/bridge';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// Asks the host for the Atlassian design tokens of the customer's theme (light or dark), which
// styles.css reads; without them the CSS falls back to the light values.
view.theme.enable().catch(() => undefined);

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
