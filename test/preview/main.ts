/**
 * `npm start`: builds the portal panel when its build is missing or stale, starts the local preview
 * on http://127.0.0.1:$PORT (5180 unless set; 0 picks a free port), and stops cleanly on Ctrl-C
 * (SIGINT) or SIGTERM.
 */
import { ensurePortalBuild, isPortalBuildFresh } from '../bridge-server/portal-build';
import { DEMO_USERS } from '../double';
import { startPreview } from './server';

const DEFAULT_PORT = 5180;
/** After this long, a stop still under way is cut short (a resolver call still running, say). */
const STOP_GRACE_MS = 5_000;

function portFromEnvironment(): number {
  const raw = process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number (0 for any free port), not "${raw}"`);
  return port;
}

async function main(): Promise<void> {
  const port = portFromEnvironment();
  // The agent panel's dates are formatted here, not in a browser: in the agent's zone, as Jira would.
  process.env.TZ = DEMO_USERS.agent.timeZone;
  if (!isPortalBuildFresh()) console.log('Building the portal panel (static/portal/build)…');
  ensurePortalBuild();
  const preview = await startPreview({ port }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`Port ${port} is in use: stop what uses it, or run PORT=5181 npm start`);
    throw error;
  });
  console.log(`Guide des statuts: local preview on ${preview.url}`);
  console.log('A Jira test double in memory (demo project SUP, requests SUP-1 to SUP-10), not a Jira site.');
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C does not wait.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping the preview…`);
    setTimeout(() => {
      console.error(`Still stopping after ${STOP_GRACE_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    // With the servers closed nothing is left to run, and the process ends by itself with code 0.
    preview.close().then(
      () => console.log('Stopped.'),
      (error: unknown) => {
        console.error('The preview did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
