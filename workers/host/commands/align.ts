import type { Command } from 'commander';

/** Commands of the align area (owned by whoever builds that area). */
export function registerAlignCommands(_program: Command): void {}
