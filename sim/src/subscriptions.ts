import type { ClientUri } from '@dmc/shared/protocol';
import { formatClientUri } from '@dmc/shared/protocol';
import type { Background } from './background';
import { uploadSerialization } from './commands/upload';
import type { MoChange, MoStore } from './mo-store';
import { isPrefix } from './mo-tree';

interface Subscription {
  serverUri: string;
  uri: ClientUri;
}

/** SUB/UNSUB (protocol §4): every later change under a ClientURI is PUT to its ServerURI. */
export class Subscriptions {
  private readonly subs = new Map<string, Subscription>();

  constructor(
    private readonly store: MoStore,
    private readonly background: Background,
    private readonly log: (line: string) => void,
  ) {
    store.onChange((change) => this.changed(change));
  }

  add(clientUri: string, uri: ClientUri, serverUri: string): void {
    this.subs.set(clientUri, { serverUri, uri });
  }

  /** False when the ClientURI was never subscribed (UNSUB → 404). */
  remove(clientUri: string): boolean {
    return this.subs.delete(clientUri);
  }

  get count(): number {
    return this.subs.size;
  }

  private changed(change: MoChange): void {
    for (const [clientUri, sub] of this.subs) {
      if (sub.uri.moid !== change.moid) continue;
      const found = this.store.resolve(sub.uri);
      if (!found.ok) continue;
      const touched = found.value.some(
        (l) => l.miid === change.miid && (isPrefix(l.path, change.path) || isPrefix(change.path, l.path)),
      );
      if (touched) this.report(clientUri, sub);
    }
  }

  private report(clientUri: string, sub: Subscription): void {
    const { cv: _cv, ...withoutCv } = sub.uri;
    const read = this.store.read(formatClientUri(withoutCv));
    if (!read.ok || read.value.kind !== 'data') return;
    const items = read.value.items;
    this.background.run(`SUB ${clientUri}`, async () => {
      const sc = await uploadSerialization('PUT', sub.serverUri, items, undefined);
      if (sc !== 200) this.log(`SUB upload for ${clientUri} answered ${sc}`);
    });
  }
}
