import type {
  AlertRecord,
  ApiToken,
  AuditEntry,
  AuthSession,
  CampaignDevice,
  CampaignPreview,
  CampaignRecord,
  CommandRecord,
  Device,
  DeviceTree,
  FleetStats,
  NotificationRecord,
  OperationRecord,
  Profile,
  ProfileDeviceState,
  RefusalRecord,
  UserAccount,
} from '@dmc/shared/api';

/** Records as the API sends them, valid under the shared schemas; override what a test needs. */
export const AT = '2030-01-01T00:00:00.000Z';
export const LATER = '2030-01-01T00:05:00.000Z';

export const command = (over: Partial<CommandRecord> = {}): CommandRecord => ({
  id: 'c1',
  devId: 'd1',
  command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//FwV'],
  state: 'queued',
  sc: null,
  scMeaning: null,
  result: null,
  deliveries: 0,
  reason: null,
  outcome: null,
  createdBy: 'admin',
  createdAt: AT,
  updatedAt: AT,
  expiresAt: null,
  ...over,
});

export const device = (over: Partial<Device> = {}): Device => ({
  devId: 'd1',
  labels: [],
  pushUrl: null,
  createdAt: AT,
  lastSeenAt: null,
  online: false,
  devInfo: {
    Man: null,
    Mod: null,
    FwV: null,
    SwV: null,
    HwV: null,
    DevType: null,
    Lang: null,
    DmV: null,
    OEM: null,
  },
  devInfoAt: null,
  ...over,
});

export const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';

export const tree = (devId = 'd1'): DeviceTree => ({
  devId,
  instances: [
    {
      moid: DEVINFO,
      miid: '1',
      ddf: null,
      nodes: [
        { path: '', value: null, format: 'node', reportedAt: AT, meta: null },
        { path: 'FwV', value: '1.0', format: 'chr', reportedAt: AT, meta: null },
      ],
    },
  ],
});

export const alert = (over: Partial<AlertRecord> = {}): AlertRecord => ({
  id: 'a1',
  devId: 'd1',
  sessionId: null,
  alertType: 'urn:dmc:at:sim:1.0:StorageFull',
  sourceUri: null,
  targetUri: null,
  mark: 'critical',
  dataType: null,
  data: null,
  receivedAt: new Date().toISOString(),
  acknowledgedAt: null,
  acknowledgedBy: null,
  count: 1,
  firstAt: over.receivedAt ?? new Date().toISOString(),
  lastAt: over.receivedAt ?? new Date().toISOString(),
  sessionStart: false,
  ...over,
});

export const notification = (over: Partial<NotificationRecord> = {}): NotificationRecord => ({
  id: 'n1',
  devId: 'd1',
  notificationId: 1,
  state: 'sent',
  reason: 'manual',
  attempts: 1,
  lastError: null,
  nextAttemptAt: null,
  deadline: LATER,
  createdAt: AT,
  updatedAt: AT,
  answeredAt: null,
  sessionId: null,
  ...over,
});

export const operation = (over: Partial<OperationRecord> = {}): OperationRecord => ({
  id: 'o1',
  devId: 'd1',
  kind: 'firmware-update',
  artifactId: null,
  state: 'running',
  commands: ['c1'],
  consentCommand: null,
  result: null,
  resumeAt: null,
  createdAt: AT,
  updatedAt: AT,
  ...over,
});

export const stats = (): FleetStats => ({
  generatedAt: AT,
  devices: 3,
  onlineNow: 1,
  sessionsPerMinute: [{ at: AT, count: 2 }],
  openAlertsByMark: {
    fatal: 0,
    critical: 1,
    minor: 0,
    warning: 0,
    informational: 0,
    harmless: 0,
    indeterminate: 0,
  },
  commandsByState: { queued: 1, sent: 0, accepted: 0 },
  firmwareVersions: [],
  firmwareOther: 0,
  criticalAlerts: [],
  recentSessions: [],
});

export const refusal = (over: Partial<RefusalRecord> = {}): RefusalRecord => ({
  id: 'r1',
  at: AT,
  endpoint: 'dm',
  status: 401,
  code: 'UNAUTHENTICATED',
  reason: 'Authentication failed: wrong password.',
  suppressed: 0,
  ...over,
});

export const auditEntry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq: 1,
  at: AT,
  actor: 'admin',
  role: 'admin',
  action: 'registerDevice',
  target: 'd1',
  outcome: 'ok',
  client: '127.0.0.1',
  requestId: 'r1',
  hash: 'b'.repeat(64),
  prevHash: '0'.repeat(64),
  ...over,
});

export const userAccount = (over: Partial<UserAccount> = {}): UserAccount => ({
  username: 'admin',
  role: 'admin',
  disabled: false,
  createdAt: AT,
  lastLoginAt: null,
  ...over,
});

export const authSession = (over: Partial<AuthSession> = {}): AuthSession => ({
  id: 's1',
  current: false,
  kind: 'cookie',
  createdAt: AT,
  lastUsedAt: LATER,
  expiresAt: '2030-01-01T12:00:00.000Z',
  idleExpiresAt: '2030-01-01T01:05:00.000Z',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
  address: '192.0.2.10',
  ...over,
});

export const apiToken = (over: Partial<ApiToken> = {}): ApiToken => ({
  id: 't1',
  name: 'ci-export',
  role: 'operator',
  username: 'olivia',
  createdAt: AT,
  lastUsedAt: null,
  expiresAt: '2030-04-01T00:00:00.000Z',
  ...over,
});

export const campaign = (over: Partial<CampaignRecord> = {}): CampaignRecord => ({
  id: 'k1',
  name: 'Firmware 2.1',
  state: 'running',
  query: 'Mod = "Sim-1"',
  viewName: null,
  devIdCount: null,
  action: { kind: 'command', command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//FwV'] },
  waveSpec: { canary: 1, size: 10 },
  waves: [
    { n: 0, size: 1, state: 'done', startedAt: AT, gateUntil: null, finishedAt: AT, gateReason: null },
    {
      n: 1,
      size: 10,
      state: 'running',
      startedAt: LATER,
      gateUntil: null,
      finishedAt: null,
      gateReason: null,
    },
  ],
  errorThresholdPct: 10,
  healthGate: null,
  dynamic: false,
  approvalRequired: false,
  counts: { pending: 5, running: 3, ok: 2, failed: 1, skipped: 0, cancelled: 0 },
  pausedReason: null,
  bulk: false,
  createdBy: 'olivia',
  approvedBy: null,
  createdAt: AT,
  startedAt: AT,
  finishedAt: null,
  ...over,
});

export const campaignDevice = (over: Partial<CampaignDevice> = {}): CampaignDevice => ({
  campaignId: 'k1',
  devId: 'd1',
  wave: 1,
  state: 'running',
  commandId: 'c1',
  operationId: null,
  sc: null,
  reason: null,
  detail: null,
  updatedAt: AT,
  ...over,
});

export const campaignPreview = (over: Partial<CampaignPreview> = {}): CampaignPreview => ({
  matched: 120,
  alreadyCompliant: 10,
  incompatible: 7,
  wouldFail: 3,
  busy: 0,
  wouldRun: 100,
  reasons: [
    { verdict: 'incompatible', reason: "Mod Sim-2 is not in the artifact's list", count: 7 },
    { verdict: 'would-fail', reason: 'no node at ./FUMO/1', count: 3 },
  ],
  sample: [
    { devId: 'd1', verdict: 'run' },
    { devId: 'd7', verdict: 'incompatible', reason: 'Mod Sim-2' },
    { devId: 'd9', verdict: 'would-fail', reason: 'no node at ./FUMO/1' },
  ],
  ...over,
});

export const FUMO_URL = 'urn:oma:mo:oma-fumo:1.0/fw/Download/PkgURL';

export const profile = (over: Partial<Profile> = {}): Profile => ({
  id: 'p1',
  name: 'fw-url',
  query: 'Mod = "Sim-1"',
  priority: 10,
  nodes: [{ uri: FUMO_URL, value: 'http://fw.example/1.bin' }],
  execs: [],
  enabled: true,
  driftRetries: 3,
  revision: 1,
  counts: { verified: 7, pending: 2, failed: 1, conflicted: 0 },
  conflicts: [],
  createdBy: 'admin',
  createdAt: AT,
  updatedAt: AT,
  ...over,
});

export const profileDeviceState = (over: Partial<ProfileDeviceState> = {}): ProfileDeviceState => ({
  profileId: 'p1',
  profileName: 'fw-url',
  devId: 'd1',
  status: 'pending',
  reason: "waiting for the device's next session",
  nodes: [
    {
      uri: FUMO_URL,
      state: 'waiting',
      reason: "waiting for the device's next session",
      sc: null,
      commandId: null,
      driftWrites: 0,
    },
  ],
  execs: [],
  revision: 1,
  updatedAt: AT,
  ...over,
});
