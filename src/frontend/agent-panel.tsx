/** The `agent-panel` resource: UI Kit entry point of the jira:issueContext panel. */
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AgentPanel } from './agent/AgentPanel';

// No React.StrictMode: in development it runs effects twice, which would call the resolver (and
// Jira) twice per display.
ForgeReconciler.render(
  <I18nProvider>
    <AgentPanel />
  </I18nProvider>,
);
