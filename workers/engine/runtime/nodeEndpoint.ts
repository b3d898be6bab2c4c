// comlink's Node adapter ships without a declaration for its .mjs path; this re-export types it.
// @ts-expect-error -- the .mjs has a sibling node-adapter.d.ts that TypeScript does not pair with it
import adapter from 'comlink/dist/esm/node-adapter.mjs';
import type { Endpoint } from 'comlink';

import type { MessagePort, Worker } from 'node:worker_threads';

export const nodeEndpoint = adapter as (port: MessagePort | Worker) => Endpoint;
