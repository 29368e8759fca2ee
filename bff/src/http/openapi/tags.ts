// The tags that group the operations of the OpenAPI document.
export const API_TAGS = {
  auth: 'Console sign-in and sessions.',
  tokens: 'API tokens for integrations: made, listed and revoked by their owner (an admin: any).',
  users: 'Console users (admin only; any user may change its own password).',
  devices: 'The device fleet.',
  tree: "Devices' last-known management trees.",
  commands: 'The per-device command queue.',
  views: 'Saved views of the device list: named fleet queries with sort and columns, shared by the team.',
  profiles:
    'Configuration profiles: node values every device a fleet query matches must hold, kept at each session.',
  pages: 'Pages shown on devices by SHOW: stored templates.',
  alerts: 'Alerts devices sent.',
  artifacts: 'Firmware and software packages devices download.',
  operations: 'Firmware updates and software installs, with optional consent on the device.',
  campaigns:
    'Campaigns: one action over many devices, in waves, with an error threshold and a health gate; bulk work.',
  audit: 'The hash-chained audit log of changes (admin only).',
  metadata: 'Meta-data of MOs: the standard ones and those imported from DDFs.',
  health: 'Liveness.',
  meta: 'This description of the API.',
} as const;
export type ApiTag = keyof typeof API_TAGS;
