// The application menu as plain data. main.ts turns it into an Electron Menu, mapping each `command`
// to an action (dialogs in main, or a message to the renderer's command palette).

export type MenuCommand =
  | { kind: 'openWorkspace' }
  | { kind: 'openRecent'; path: string }
  | { kind: 'newDemoWorkspace' }
  | { kind: 'importData' }
  | { kind: 'exportScenario' }
  | { kind: 'renderer'; command: string }
  | { kind: 'openExternal'; url: string };

export type MenuItemSpec =
  | { label: string; accelerator?: string; command: MenuCommand; enabled?: boolean }
  | {
      role:
        | 'quit'
        | 'close'
        | 'copy'
        | 'paste'
        | 'cut'
        | 'selectAll'
        | 'togglefullscreen'
        | 'resetZoom'
        | 'zoomIn'
        | 'zoomOut'
        | 'minimize'
        | 'about';
    }
  | { type: 'separator' }
  | { label: string; submenu: MenuItemSpec[] };

export function menuTemplate(options: {
  recent: string[];
  hasWorkspace: boolean;
  isMac: boolean;
}): MenuItemSpec[] {
  const { recent, hasWorkspace } = options;
  const r = (label: string, command: string, accelerator?: string): MenuItemSpec => ({
    label,
    accelerator,
    command: { kind: 'renderer', command },
    enabled: hasWorkspace,
  });
  return [
    {
      label: 'File',
      submenu: [
        {
          label: 'Open Workspace…',
          accelerator: 'CmdOrCtrl+O',
          command: { kind: 'openWorkspace' },
        },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((path) => ({
                label: path,
                command: { kind: 'openRecent', path } as MenuCommand,
              }))
            : [
                {
                  label: 'No recent workspaces',
                  command: { kind: 'renderer', command: 'noop' },
                  enabled: false,
                },
              ],
        },
        { label: 'New Demo Workspace…', command: { kind: 'newDemoWorkspace' } },
        { type: 'separator' },
        {
          label: 'Import Data…',
          accelerator: 'CmdOrCtrl+I',
          command: { kind: 'importData' },
          enabled: hasWorkspace,
        },
        {
          label: 'Export Scenario…',
          accelerator: 'CmdOrCtrl+E',
          command: { kind: 'exportScenario' },
          enabled: hasWorkspace,
        },
        { type: 'separator' },
        options.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        r('Undo', 'undo', 'CmdOrCtrl+Z'),
        r('Redo', 'redo', 'CmdOrCtrl+Shift+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'Territories',
      submenu: [
        r('Balance…', 'balance', 'CmdOrCtrl+B'),
        r('Compare Scenarios', 'compare', 'CmdOrCtrl+Shift+C'),
        r('Command Palette', 'palette', 'CmdOrCtrl+K'),
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [
        {
          label: 'CMS Physician & Other Practitioners data',
          command: {
            kind: 'openExternal',
            url: 'https://data.cms.gov/provider-summary-by-type-of-service/medicare-physician-other-practitioners/medicare-physician-other-practitioners-by-provider-and-service',
          },
        },
        {
          label: 'NPPES downloadable file',
          command: { kind: 'openExternal', url: 'https://download.cms.gov/nppes/NPI_Files.html' },
        },
        {
          label: 'Open Payments data',
          command: { kind: 'openExternal', url: 'https://openpaymentsdata.cms.gov/' },
        },
        { role: 'about' },
      ],
    },
  ];
}
