import { build } from 'esbuild';
const [,, entry, out] = process.argv;
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, packages: 'external', logLevel: 'warning' });
