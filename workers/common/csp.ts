// The renderer's Content-Security-Policy, shared by both hosts: nothing remote, no inline or eval'd
// script, maplibre's worker from blob:. Hosts differ only in where the engine connection goes.
export function rendererCsp(connectSrc: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
