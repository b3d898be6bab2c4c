import type { Command } from 'commander';

/** Commands of the export area (owned by whoever builds that area). */
export function registerExportCommands(_program: Command): void {}
