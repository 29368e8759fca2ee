/** Console API paths (profile §8), shared by the BFF, the console and scripts. */
export const API_BASE = '/api/v1';

export const apiRoutes = {
  login: `${API_BASE}/auth/login`,
  logout: `${API_BASE}/auth/logout`,
  me: `${API_BASE}/auth/me`,
  users: `${API_BASE}/users`,
  devices: `${API_BASE}/devices`,
  device: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}`,
  deviceTree: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/tree`,
  deviceCommands: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/commands`,
  command: (id: string) => `${API_BASE}/commands/${encodeURIComponent(id)}`,
  cancelCommand: (id: string) => `${API_BASE}/commands/${encodeURIComponent(id)}/cancel`,
  alerts: `${API_BASE}/alerts`,
  artifacts: `${API_BASE}/artifacts`,
  artifact: (id: string) => `${API_BASE}/artifacts/${encodeURIComponent(id)}`,
  pages: `${API_BASE}/pages`,
  page: (id: string) => `${API_BASE}/pages/${encodeURIComponent(id)}`,
  notify: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/notify`,
  deviceNotifications: (devId: string) => `${API_BASE}/devices/${encodeURIComponent(devId)}/notifications`,
} as const;

/** Path of an artifact's download URL on the Data Repository (profile §1); no auth. */
export const drArtifactPath = (id: string): string => `/dr/artifacts/${encodeURIComponent(id)}`;

/** Name of the httpOnly cookie that carries the console session. */
export const SESSION_COOKIE = 'dmc_session';
