// Module resolution hook for the Electron host test: `electron` resolves to the recording fake, so
// the real bundled main process (dist/electron/main.mjs) runs under plain Node.
const fake = new URL('./fakeElectron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: fake, shortCircuit: true };
  return nextResolve(specifier, context);
}
