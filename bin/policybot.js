#!/usr/bin/env node
// Entry point for the `policybot` command: runs the TypeScript sources through tsx,
// so there is no separate build step between a checkout and a working command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly: the ONNX runtime's thread pool can keep an idle process alive.
// (stdout and stderr are synchronous for files and pipes on Linux, so nothing is lost.)
process.exit(code);
