#!/usr/bin/env node
// tessera — entry point of the command line (the commands are in program.ts). `tessera serve <ws>`
// starts its engine worker before loading the program, so the worker's start-up runs on another
// core while this thread loads the command line and the server (bundled with code splitting: the
// program and its packages load only at the import below).
import { prestartEngine } from '../engine/runtime/prestart';

const [command, workspace] = process.argv.slice(2);
if (command === 'serve' && workspace !== undefined && !workspace.startsWith('-'))
  prestartEngine(workspace);
await import('./program');
