/** `npm run starter -- <app> <dir>`: copies an app out of the monorepo as a standalone project. */
import { StarterError, createStarter, starterApps } from "./starter.js";

const [app, dir] = process.argv.slice(2);
if (!app || !dir || app === "--help" || app === "-h") {
  console.log(`Usage: npm run starter -- <app> <dir>\n\nApps: ${starterApps().join(", ")}\n\nExample: npm run starter -- long-tasks ../my-long-tasks`);
  process.exit(app === "--help" || app === "-h" ? 0 : 2);
}
try {
  const files = createStarter(app, dir);
  console.log(`\nCopied ${files.length} files of apps/${app} to ${dir}, with @rqts/queue and @rqts/testing packed into vendor/.`);
  console.log(`Next:\n  cd ${dir}\n  npm install\n  npm test`);
} catch (error) {
  if (!(error instanceof StarterError)) throw error;
  console.error(`starter: ${error.message}`);
  process.exit(1);
}
