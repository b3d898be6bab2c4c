// Sandboxed preload: exposes a tiny bridge (no Node, no ipcRenderer) and hands the engine's
// MessagePort to the page with window.postMessage, as Electron's MessagePort guide shows.
import { contextBridge, ipcRenderer, webUtils } from 'electron';

ipcRenderer.on('engine-port', (event) => {
  window.postMessage('tessera-engine-port', window.location.origin, event.ports);
});
ipcRenderer.on('menu-command', (_event, command: string) => {
  window.dispatchEvent(new CustomEvent('tessera-command', { detail: command }));
});

contextBridge.exposeInMainWorld('tessera', {
  host: 'electron',
  chooseImportFiles: (): Promise<string[]> => ipcRenderer.invoke('dialog:import'),
  chooseExportDir: (): Promise<string | null> => ipcRenderer.invoke('dialog:export-dir'),
  showInFolder: (path: string): Promise<void> => ipcRenderer.invoke('shell:show-in-folder', path),
  /** Paths of files dropped on the window; main grants read access to exactly these. */
  grantDropped: (files: File[]): Promise<string[]> =>
    ipcRenderer.invoke(
      'grant:dropped',
      files.map((f) => webUtils.getPathForFile(f)).filter(Boolean),
    ),
  workspacePath: (): Promise<string> => ipcRenderer.invoke('app:workspace-path'),
});
