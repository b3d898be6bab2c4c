import type { Command } from 'commander';

/** Commands of the workspace area (owned by whoever builds that area). */
export function registerWorkspaceCommands(_program: Command): void {}
