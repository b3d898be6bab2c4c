import type { Command } from 'commander';

/** Commands of the route area (owned by whoever builds that area). */
export function registerRouteCommands(_program: Command): void {}
