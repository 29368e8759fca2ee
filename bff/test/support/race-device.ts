// A device that sends the P3 of its open session and its next P1 at the same moment (issue 12, the
// PostgreSQL race), over real HTTP. It answers every command of a P2 with 200 (a GET with the DevInfo
// it holds, so each status also writes the tree) and keeps the session of whichever P1 answered.
import { LockstepDevice, type DmResponse } from './dm-client';

export type Wire = readonly string[];

export interface RaceRound {
  /** The commands of the package the P3 answered (CONT included). */
  answered: Wire[];
  p3: DmResponse;
  p1: DmResponse;
}

function commandsOf(res: DmResponse): Wire[] {
  const cmd = (res.body as { CMD?: unknown }).CMD;
  return Array.isArray(cmd) ? (cmd as Wire[]).filter((c) => c[0] !== 'END') : [];
}

function isEnd(res: DmResponse): boolean {
  const cmd = (res.body as { CMD?: unknown }).CMD;
  return Array.isArray(cmd) && (cmd as Wire[]).some((c) => c[0] === 'END');
}

export class RacingDevice {
  private readonly device: LockstepDevice;
  /** The commands of the open session's last P2, which the next P3 answers. */
  inFlight: Wire[] = [];

  constructor(baseUrl: string, devId: string, secret: string) {
    this.device = new LockstepDevice(baseUrl, devId, secret);
  }

  get contUrl(): string | undefined {
    return this.device.contUrl;
  }

  /** The session token in the CONT URL of the open session. */
  get sessionToken(): string | undefined {
    return this.device.contUrl?.split('/').pop();
  }

  private statuses(commands: readonly Wire[]) {
    return {
      Status: commands.map((c) =>
        c[0] === 'GET' ? { sc: 200, Data: this.device.devInfoData() } : { sc: 200 },
      ),
    };
  }

  /** A P1 on its own; its P2 becomes the open session's package. */
  async open(): Promise<DmResponse> {
    const res = await this.device.p1();
    if (res.status === 200) this.inFlight = commandsOf(res);
    return res;
  }

  /** The P3 of the open session and the next P1, sent together; the P1's session is kept. */
  async race(): Promise<RaceRound> {
    const answered = this.inFlight;
    const url = this.device.contUrl;
    const [p3, p1] = await Promise.all([this.device.p3(this.statuses(answered), url), this.device.p1()]);
    this.inFlight = p1.status === 200 ? commandsOf(p1) : [];
    return { answered, p3, p1 };
  }

  /** Answers the open session until it ends; returns every package's HTTP status. */
  async drain(): Promise<number[]> {
    const seen: number[] = [];
    while (this.inFlight.length > 0) {
      const res = await this.device.p3(this.statuses(this.inFlight));
      seen.push(res.status);
      if (res.status !== 200 || isEnd(res)) break;
      this.inFlight = commandsOf(res);
    }
    this.inFlight = [];
    return seen;
  }
}
