#!/usr/bin/env node
// The `djspec` command. The suite is written in TypeScript and ships as source: tsx loads it
// here (and any TypeScript adapter given with --impl), so nothing needs building after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../conformance/cli/main.ts');
const status = await main(process.argv.slice(2));
// vitest and adapters can leave handles open; end once everything printed has been flushed.
process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
