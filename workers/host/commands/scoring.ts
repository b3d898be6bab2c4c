import type { Command } from 'commander';

/** Commands of the scoring area (owned by whoever builds that area). */
export function registerScoringCommands(_program: Command): void {}
