/**
 * `npm run preview:portal`: the portal panel in a browser, against the Jira double's demo site
 * (SUP-1 … SUP-10, one request per status, reported by Claire). PORT picks the port (default 5180).
 */
import { STATUSES } from '../../src/workflow';
import { DEMO_USERS, startJiraDouble } from '../double';
import { startBridgeServer } from './index';
import { ensurePortalBuild } from './portal-build';

async function main(): Promise<void> {
  ensurePortalBuild();
  const double = await startJiraDouble();
  const server = await startBridgeServer({ double, port: Number(process.env.PORT ?? 5180) });
  console.log(`Portal panel preview on ${server.url} (Ctrl+C to stop):`);
  STATUSES.forEach((status, index) => {
    const url = server.panelUrl({ request: `SUP-${index + 1}`, as: DEMO_USERS.reporter.accountId });
    console.log(`  ${status.name.padEnd(32)} ${url}`);
  });
  console.log('Add &locale=nl_NL (en_US, de_DE) or &theme=dark to a URL.');
  process.once('SIGINT', () => {
    void server.close().then(() => double.close());
  });
}

void main();
