/**
 * The script the test page loads before the panel's bundle: it plays the Forge host's side of
 * `globalThis.__bridge.callBridge(command, data)`, which @forge/bridge captures when its modules load.
 * The page URL says who is looking at which request: ?request=SUP-5&as=<accountId>&locale=fr_FR&theme=dark.
 *
 * What each command answers follows @forge/bridge 7 (node_modules/@forge/bridge/out):
 * - getContext: the context object; the bridge maps `locale` (fr_FR) to a Forge locale code itself.
 * - invoke `{ functionKey, payload, metadata }`: without metadata, the resolver's return value as is;
 *   a rejection becomes the caller's rejection.
 * - enableTheming: the host marks the document with the customer's theme and supplies the tokens.
 * Any other command is recorded in window.__bridgeCalls, logged, and answered with undefined.
 */
export const BRIDGE_CLIENT = String.raw`(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var issueKey = params.get('request') || 'SUP-1';
  var accountId = params.get('as') || undefined;
  var locale = params.get('locale') || 'fr_FR';
  var colorMode = params.get('theme') === 'dark' ? 'dark' : 'light';
  var calls = (window.__bridgeCalls = []);
  var extension = {
    type: 'jiraServiceManagement:portalRequestDetailPanel',
    request: { key: issueKey, typeId: '10' },
    portal: { id: '1' },
  };

  var handlers = {
    getContext: function () {
      return {
        accountId: accountId,
        cloudId: '7a4a1c5e-0000-4000-8000-00000000beef',
        localId: 'portal-panel-local',
        moduleKey: 'guide-des-statuts-portal-panel',
        siteUrl: location.origin,
        locale: locale,
        timezone: 'Europe/Brussels',
        environmentId: 'development',
        environmentType: 'DEVELOPMENT',
        extension: extension,
        theme: { colorMode: colorMode, light: 'light', dark: 'dark', spacing: 'spacing' },
      };
    },
    invoke: function (data) {
      return fetch('./__invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          functionKey: data.functionKey,
          payload: data.payload,
          issueKey: issueKey,
          accountId: accountId,
        }),
      }).then(function (response) {
        if (!response.ok) throw new Error('invoke ' + data.functionKey + ' failed: HTTP ' + response.status);
        return response.json();
      });
    },
    enableTheming: function () {
      var html = document.documentElement;
      html.setAttribute('data-color-mode', colorMode);
      html.setAttribute('data-theme', 'dark:dark light:light shape:shape spacing:spacing typography:typography-refreshed');
      var tokens = document.createElement('link');
      tokens.rel = 'stylesheet';
      tokens.href = './__tokens.css';
      document.head.appendChild(tokens);
      return new Promise(function (resolve) {
        tokens.onload = tokens.onerror = function () { resolve(undefined); };
      });
    },
  };

  window.__bridge = {
    callBridge: function (command, data) {
      calls.push({ command: command, data: data });
      var handler = handlers[command];
      if (!handler) {
        console.warn('test bridge: no handler for "' + command + '"');
        return Promise.resolve(undefined);
      }
      try {
        return Promise.resolve(handler(data));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
})();
`;
