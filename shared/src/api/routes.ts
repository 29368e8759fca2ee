/** Console API paths (protocol §8), shared by the BFF, the console and scripts. */
export const API_BASE = '/api/v1';

export const apiRoutes = {
  login: `${API_BASE}/auth/login`,
  logout: `${API_BASE}/auth/logout`,
  me: `${API_BASE}/auth/me`,
  authSessions: `${API_BASE}/auth/sessions`,
  authSession: (id: string) => `${API_BASE}/auth/sessions/${encodeURIComponent(id)}`,
  apiTokens: `${API_BASE}/tokens`,
  apiToken: (id: string) => `${API_BASE}/tokens/${encodeURIComponent(id)}`,
  users: `${API_BASE}/users`,
  user: (username: string) => `${API_BASE}/users/${encodeURIComponent(username)}`,
  userLockout: (username: string) => `${API_BASE}/users/${encodeURIComponent(username)}/lockout`,
  devices: `${API_BASE}/devices`,
  devicesExport: `${API_BASE}/devices/export.csv`,
  devicesBulk: `${API_BASE}/devices/bulk`,
  deviceLabels: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/labels`,
  deviceCampaigns: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/campaigns`,
  device: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}`,
  deviceTree: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/tree`,
  deviceCommands: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/commands`,
  deviceCommandDryRun: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/commands/dry-run`,
  commands: `${API_BASE}/commands`,
  command: (id: string) => `${API_BASE}/commands/${encodeURIComponent(id)}`,
  cancelCommand: (id: string) => `${API_BASE}/commands/${encodeURIComponent(id)}/cancel`,
  retryCommand: (id: string) => `${API_BASE}/commands/${encodeURIComponent(id)}/retry`,
  deviceSessions: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/sessions`,
  deviceSession: (devId: string, sessionId: string) =>
    `${API_BASE}/devices/${encodeURIComponent(devId)}/sessions/${encodeURIComponent(sessionId)}`,
  deviceRefusals: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/refusals`,
  deviceOperations: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/operations`,
  deviceFirmwareUpdates: (devId: string) =>
    `${API_BASE}/devices/${encodeURIComponent(devId)}/firmware-updates`,
  deviceSoftwareInstalls: (devId: string) =>
    `${API_BASE}/devices/${encodeURIComponent(devId)}/software-installs`,
  alerts: `${API_BASE}/alerts`,
  acknowledgeAlert: (id: string) => `${API_BASE}/alerts/${encodeURIComponent(id)}/acknowledge`,
  acknowledgeAlerts: `${API_BASE}/alerts/acknowledge`,
  stats: `${API_BASE}/stats`,
  alertStats: `${API_BASE}/stats/alerts`,
  status: `${API_BASE}/status`,
  artifacts: `${API_BASE}/artifacts`,
  artifact: (id: string) => `${API_BASE}/artifacts/${encodeURIComponent(id)}`,
  pageTemplates: `${API_BASE}/pages`,
  pageTemplate: (id: string) => `${API_BASE}/pages/${encodeURIComponent(id)}`,
  notify: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/notify`,
  deviceNotifications: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/notifications`,
  metadata: `${API_BASE}/metadata`,
  metadataDocument: (moid: string) => `${API_BASE}/metadata/${encodeURIComponent(moid)}`,
  campaigns: `${API_BASE}/campaigns`,
  campaignPreview: `${API_BASE}/campaigns/preview`,
  campaign: (id: string) => `${API_BASE}/campaigns/${encodeURIComponent(id)}`,
  campaignVerb: (id: string, verb: 'approve' | 'start' | 'pause' | 'resume' | 'cancel') =>
    `${API_BASE}/campaigns/${encodeURIComponent(id)}/${verb}`,
  campaignDevices: (id: string) => `${API_BASE}/campaigns/${encodeURIComponent(id)}/devices`,
  audit: `${API_BASE}/audit`,
  auditVerify: `${API_BASE}/audit/verify`,
  auditExport: `${API_BASE}/audit/export.csv`,
} as const;

/** Name of the httpOnly cookie that carries the console session. */
export const SESSION_COOKIE = 'dmc_session';
