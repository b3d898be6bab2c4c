export declare const CMS_HEADER: string[];
export declare function writeCmsFile(
  path: string,
  options?: { rows?: number; seed?: number; codes?: number },
): Promise<{ rows: number; bytes: number; providers?: number; reused: boolean }>;
