import type { Command } from 'commander';

/** Commands of the serve area (owned by whoever builds that area). */
export function registerServeCommands(_program: Command): void {}
