/** The `admin-page` resource: UI Kit entry point of the jira:adminPage module (the installer). */
import React from 'react';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AdminPage } from './admin/AdminPage';

ForgeReconciler.render(
  <React.StrictMode>
    <I18nProvider>
      <AdminPage />
    </I18nProvider>
  </React.StrictMode>,
);
