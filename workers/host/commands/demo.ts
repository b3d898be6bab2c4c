import type { Command } from 'commander';

/** Commands of the demo area (owned by whoever builds that area). */
export function registerDemoCommands(_program: Command): void {}
