import type { MoMetadata } from '@dmc/shared/metadata';
import type { DmAlert, StatusEntry } from '@dmc/shared/protocol';
import { MEDIA_TYPES, p2Schema, SESSION_ALERT_TYPES } from '@dmc/shared/protocol';
import { maybeEvent, nextBearer } from './activity';
import { Background } from './background';
import { runCommand, type DeviceServices } from './commands';
import { postPackage } from './dm-http';
import { addScomoOperations } from './exec/scomo-nodes';
import { HttpAuthenticator, type AuthScheme, type DigestAlgorithm } from './http-auth';
import { MIIDS, MOIDS, seedStore, type DeviceProfile } from './mo-seed';
import { MoStore } from './mo-store';
import { NotificationInbox, type NotificationStats, type NotificationVerdict } from './notification';
import { Subscriptions } from './subscriptions';

export interface SimDeviceOptions {
  devId: string;
  secret: string;
  /** The DMAcc SrvURI, e.g. http://127.0.0.1:8080/dm. */
  serverUrl: string;
  auth?: AuthScheme;
  /** The Digest algorithms the device implements (default all, SHA-256 preferred). */
  digestAlgorithms?: readonly DigestAlgorithm[];
  profile?: DeviceProfile;
  browser?: (url: string) => Promise<boolean>;
  log?: (line: string) => void;
  /** Epoch milliseconds (default Date.now); P0 TIMESTAMP checks use it. */
  now?: () => number;
  /**
   * Awaited after an asynchronous EXEC finished and before the device reports it: holds an operation
   * in progress for as long as a test or demo needs.
   */
  beforeReport?: () => Promise<void>;
  /** DMAcc Push/Ext/HTTP/URI, when the device listens for P0. */
  pushUrl?: string;
  /** P0 digest secret (protocol §9); defaults to `secret`. */
  notifySecret?: string;
  /** Source of randomness for simulateActivity (deterministic in a fleet). */
  random?: () => number;
  /** Meta-data beyond the standard documents. */
  metadata?: readonly MoMetadata[];
  /**
   * A successful FUMO update keeps DevInfo/FwV at the old version (default false), so the server's
   * check of the new version fails the update with `version-mismatch`. Also settable later through
   * `SimDevice.firmwareLies`.
   */
  firmwareLies?: boolean;
}

export interface SessionSummary {
  ok: boolean;
  /** Packages the device sent: the P1 and every P3. */
  packages: number;
  /** Commands run, END not counted. */
  commandsExecuted: number;
  error?: string;
}

export type SessionKind = 'client' | 'server' | 'bootstrap';

export interface SessionOptions {
  /** NOTIFICATION-ID of the P0 a server-initiated session answers. */
  notificationId?: number;
  /** Where P1 goes instead of SrvURI (an EXEC's ServerURI). */
  url?: string;
  /** Alerts that must ride on this session's P1. */
  alerts?: DmAlert[];
}

const MAX_PACKAGES = 200;
const PUSH_URI_PATH = 'Push/Ext/HTTP/URI';
const MAX_PENDING_ALERTS = 100;

function sessionAlert(kind: SessionKind, notificationId: number | undefined): DmAlert {
  if (kind === 'server') {
    return { AlertType: SESSION_ALERT_TYPES.serverInitiated, Data: { NotificationID: notificationId ?? 0 } };
  }
  if (kind === 'bootstrap') return { AlertType: SESSION_ALERT_TYPES.bootstrapComplete };
  return { AlertType: SESSION_ALERT_TYPES.clientInitiated };
}

/** One simulated OMA DM 2.0 device: its MO store and its session loop (protocol §2–§4). */
export class SimDevice {
  readonly devId: string;
  readonly store: MoStore;
  private readonly auth: HttpAuthenticator;
  private readonly background: Background;
  private readonly services: DeviceServices;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly notifications: NotificationInbox;
  private pending: DmAlert[] = [];
  /** See SimDeviceOptions.firmwareLies; may change at any time. */
  firmwareLies: boolean;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SimDeviceOptions) {
    this.devId = options.devId;
    this.log = (line) => options.log?.(`[${options.devId}] ${line}`);
    this.random = options.random ?? Math.random;
    this.firmwareLies = options.firmwareLies ?? false;
    this.store = new MoStore(options.metadata);
    seedStore(this.store, {
      devId: options.devId,
      serverUrl: options.serverUrl,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
      ...(options.pushUrl === undefined ? {} : { pushUrl: options.pushUrl }),
    });
    addScomoOperations(this.store);
    this.auth = new HttpAuthenticator(
      options.devId,
      options.secret,
      options.auth ?? 'basic',
      options.digestAlgorithms,
    );
    this.background = new Background(this.log);
    const utf8 = new TextEncoder();
    this.notifications = new NotificationInbox({
      credentials: {
        secret: utf8.encode(options.notifySecret ?? options.secret),
        authData: utf8.encode(options.devId),
      },
      serverId: () => this.serverId,
      now: options.now ?? Date.now,
    });
    const browser =
      options.browser ??
      ((url: string) => {
        this.log(`browser opens ${url}`);
        return Promise.resolve(true);
      });
    this.services = {
      store: this.store,
      subscriptions: new Subscriptions(this.store, this.background, this.log),
      defaults: new Map(),
      downloads: new Map(),
      log: this.log,
      firmwareLies: () => this.firmwareLies,
      browser,
      reportLater: (serverUri, work) =>
        this.background.run('EXEC', async () => {
          const alert = await work();
          await options.beforeReport?.();
          await this.runSession('client', { url: serverUri, alerts: [alert] });
        }),
    };
  }

  /** The account's SrvURI (DMAcc), where sessions start. */
  get serverUrl(): string {
    return this.store.getValue(MOIDS.dmAcc, this.account, 'SrvURI') ?? this.options.serverUrl;
  }

  /** The account's SrvID (DMAcc), which a P0's SERVER-ID must equal. */
  get serverId(): string {
    return this.store.getValue(MOIDS.dmAcc, this.account, 'SrvID') ?? '';
  }

  /** DMAcc Push/Ext/HTTP/URI: where the server sends P0 (protocol §6). */
  get pushUrl(): string | undefined {
    return this.store.getValue(MOIDS.dmAcc, this.account, PUSH_URI_PATH);
  }

  setPushUrl(url: string): void {
    this.store.setValue(MOIDS.dmAcc, this.account, PUSH_URI_PATH, url);
  }

  get notificationStats(): NotificationStats {
    return this.notifications.stats;
  }

  /**
   * Checks a P0 received on the push bearer (protocol §6). On 'accepted' the caller answers 202
   * and then calls `run`, which opens the ServerInitiatedMgmt session.
   */
  async receiveNotification(bytes: Uint8Array): Promise<NotificationVerdict<SessionSummary>> {
    const verdict = await this.notifications.receive(bytes, (notificationId) =>
      this.runSession('server', notificationId === undefined ? {} : { notificationId }),
    );
    if (verdict.kind === 'duplicate') this.log(`P0 ${verdict.notificationId} repeated: no second session`);
    if (verdict.kind === 'rejected') this.log(`P0 refused (${verdict.reason}): ${verdict.error}`);
    return verdict;
  }

  private get account(): string {
    return this.store.miids(MOIDS.dmAcc)[0] ?? MIIDS.dmAcc;
  }

  /** DEFAULT configuration sources by MOID. */
  get defaults(): ReadonlyMap<string, string> {
    return this.services.defaults;
  }

  get pendingAlerts(): readonly DmAlert[] {
    return this.pending;
  }

  /** Queues an alert to ride on the next P1 or P3. */
  queueAlert(alert: DmAlert): void {
    this.pending.push(alert);
    if (this.pending.length > MAX_PENDING_ALERTS) this.pending.shift();
  }

  /** Queues an alert and starts a session to deliver it. */
  raiseAlert(alert: DmAlert): Promise<SessionSummary> {
    this.queueAlert(alert);
    return this.runSession('client');
  }

  /** Changes over time for demos: the bearer changes, and now and then an event is queued. */
  simulateActivity(): DmAlert | undefined {
    const miid = this.store.miids(MOIDS.sessionInfo)[0];
    if (miid !== undefined) {
      this.store.setValue(
        MOIDS.sessionInfo,
        miid,
        'CBT',
        nextBearer(this.store.getValue(MOIDS.sessionInfo, miid, 'CBT')),
      );
    }
    const event = maybeEvent(this.random);
    if (event !== undefined) this.queueAlert(event);
    return event;
  }

  /** Resolves when no session and no background work (async EXEC, SUB uploads) is running. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const chain = this.chain;
      await chain;
      await this.background.idle();
      if (chain === this.chain && this.background.size === 0) return;
    }
  }

  /** Runs one DM session; sessions of one device never overlap (one open session per device, protocol §3). */
  runSession(kind: SessionKind = 'client', options: SessionOptions = {}): Promise<SessionSummary> {
    const run = this.chain.then(() => this.session(kind, options));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private takePending(): DmAlert[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  private async session(kind: SessionKind, options: SessionOptions): Promise<SessionSummary> {
    const start = options.url ?? this.serverUrl;
    this.auth.resetNonce();
    let carried = [...(options.alerts ?? []), ...this.takePending()];
    let target = start;
    let contentType: string = MEDIA_TYPES.initiation;
    let body: unknown = {
      MOS: this.store.moInfo(),
      Alert: [sessionAlert(kind, options.notificationId), ...carried],
    };
    let packages = 0;
    let executed = 0;
    const fail = (error: string): SessionSummary => {
      // Undelivered alerts wait for the next session rather than being lost.
      this.pending = [...carried, ...this.pending].slice(-MAX_PENDING_ALERTS);
      this.log(`session aborted: ${error}`);
      return { ok: false, packages, commandsExecuted: executed, error };
    };
    while (packages < MAX_PACKAGES) {
      let reply;
      try {
        reply = await postPackage(target, contentType, body, this.devId, this.auth);
      } catch (e) {
        return fail(`cannot reach ${target}: ${e instanceof Error ? e.message : String(e)}`);
      }
      packages += 1;
      // protocol §2: any HTTP 4xx/5xx aborts the session, with no retry.
      if (reply.status !== 200) return fail(`HTTP ${reply.status} from ${target}`);
      carried = [];
      let parsed;
      try {
        parsed = p2Schema.safeParse(JSON.parse(reply.text));
      } catch {
        return fail('the P2 is not JSON');
      }
      if (!parsed.success) return fail('the P2 is not a valid package');
      let ended = false;
      let cont: string | undefined;
      const session = {
        dmAccept: reply.headers.get('omadm-accept') ?? undefined,
        setContinuation: (url: string) => (cont = url),
        end: () => (ended = true),
      };
      const statuses: StatusEntry[] = [];
      for (const command of parsed.data.CMD) {
        const entry = await runCommand(command, { device: this.services, session });
        if (entry === undefined) continue;
        statuses.push(entry);
        executed += 1;
      }
      if (ended) return { ok: true, packages, commandsExecuted: executed };
      carried = this.takePending();
      target = cont ?? target;
      contentType = MEDIA_TYPES.response;
      body = { Status: statuses, ...(carried.length > 0 ? { Alert: carried } : {}) };
    }
    return fail(`no END after ${MAX_PACKAGES} packages`);
  }
}
