// Text from files, the engine or the network shown on screen: never raw control bytes, never unbounded.
// Control characters (C0 except tab/newline, DEL, C1) and lone surrogates become visible escapes
// (\x00), long runs of them collapse to one marker, and the result is cut to `max` characters.

/** Printable, bounded text for the screen. */
export function safeText(input: unknown, max = 600): string {
  let s = typeof input === 'string' ? input : String(input);
  // a binary blob: collapse runs of 4+ unprintable characters (incl. U+FFFD replacement characters from a bad decode)
  s = s.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]{4,}/g,
    (run) => `[${run.length} unreadable bytes]`,
  );
  s = s.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  s = s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return s;
}
