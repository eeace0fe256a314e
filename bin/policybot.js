#!/usr/bin/env node
// Entry point for the `policybot` command: runs the JavaScript that `npm install` compiled
// into dist/ (the `prepare` script). When src/ changed since (an edit, a `git pull`), it
// rebuilds first, so a command never runs older code than the sources.
import { build, buildState, canBuild } from '../scripts/build.js';

const { state, file } = buildState();
if (state) {
  const why = state === 'missing' ? 'dist/ has not been built' : `${file} changed since dist/ was built`;
  if (!canBuild()) {
    process.stderr.write(`policybot: ${why}, and TypeScript is not installed. Run: npm install && npm run build\n`);
    if (state === 'missing') process.exit(1);
  } else {
    process.stderr.write(`policybot: ${why}; rebuilding (npm run build) …\n`);
    if (build() !== 0 && state === 'missing') process.exit(1);
  }
}
const { runCli } = await import('../dist/cli/run-cli.js');
await runCli(process.argv.slice(2));
