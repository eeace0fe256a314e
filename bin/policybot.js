#!/usr/bin/env node
// Entry point for the `policybot` command: runs the TypeScript sources through tsx,
// so there is no separate build step between a checkout and a working command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
