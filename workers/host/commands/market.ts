import type { Command } from 'commander';

/** Commands of the market area (owned by whoever builds that area). */
export function registerMarketCommands(_program: Command): void {}
