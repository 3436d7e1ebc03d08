#!/usr/bin/env node
// The `rqts` command. This small file is committed (the compiled CLI is not) so that npm can link the
// command at install time, before the package is built; it runs the compiled CLI from dist/.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("rqts: the CLI is not built yet: run `npm run build` (in the repository: `npx turbo run build --filter=@rqts/queue`)");
  process.exit(1);
}
await import(cli.href);
