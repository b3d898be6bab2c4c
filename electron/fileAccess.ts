// File access from the renderer is limited to the open workspace and the paths the user chose in a
// native dialog (or dropped on the window). Engine calls that name other paths are refused.
import { isAbsolute, normalize, sep } from 'node:path';
import { fail, type Result } from '../workers/common/result';

export type FileGrants = {
  grantFile(path: string): void;
  grantDirectory(path: string): void;
  isGranted(path: string): boolean;
};

export function createFileGrants(): FileGrants {
  const files = new Set<string>();
  const dirs = new Set<string>();
  return {
    grantFile: (p) => void files.add(normalize(p)),
    grantDirectory: (p) => void dirs.add(normalize(p)),
    isGranted(p) {
      if (!isAbsolute(p)) return false;
      const n = normalize(p);
      if (files.has(n)) return true;
      for (const d of dirs) if (n === d || n.startsWith(d.endsWith(sep) ? d : d + sep)) return true;
      return false;
    },
  };
}

/** Call policy for the dispatcher: import paths and export folders must have been granted. */
export function fileAccessPolicy(grants: FileGrants) {
  return (method: string, args: unknown[]): Result<unknown> | null => {
    const input = (args[0] ?? {}) as Record<string, unknown>;
    const paths: string[] = [];
    if (method === 'importFiles' && Array.isArray(input.files))
      paths.push(...(input.files as string[]));
    if (method === 'exportScenario' && typeof input.outDir === 'string') paths.push(input.outDir);
    const refused = paths.filter((p) => typeof p !== 'string' || !grants.isGranted(p));
    if (refused.length === 0) return null;
    return fail(
      'BAD_INPUT',
      `Tessera can only read and write files you chose in a dialog or dropped on the window. Not chosen: ${refused.join(', ')}. Use File › Import… or File › Export… to pick them.`,
      { refused },
    );
  };
}
