// Pages for SHOW: reusable templates and the one-time pages a device opens.
import type { PageAnswer, PageSpec } from '@dmc/shared/api';

/** A reusable page for SHOW, chosen by id when a command is queued (protocol §8). */
export interface PageTemplateRow {
  id: string;
  name: string;
  spec: PageSpec;
  createdAt: Date;
}

export interface PageTemplateRepository {
  create(row: PageTemplateRow): Promise<void>;
  find(id: string): Promise<PageTemplateRow | undefined>;
  /** By name, then id. */
  list(): Promise<PageTemplateRow[]>;
  remove(id: string): Promise<boolean>;
}

/** A one-time page at /ui/:token that a SHOW opens; its answer is the command's result. */
export interface DevicePageRow {
  /** Unguessable (≥128 bits): the token is the capability to see and answer it (protocol §1). */
  token: string;
  devId: string;
  commandId: string;
  spec: PageSpec;
  /** Hidden in the page's form and required back with an answer (CSRF). */
  formSecret: string;
  createdAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  answer: PageAnswer | null;
}

export interface DevicePageRepository {
  create(row: DevicePageRow): Promise<void>;
  find(token: string): Promise<DevicePageRow | undefined>;
  /** Records the answer if none is recorded yet; true when this call recorded it (atomic). */
  answer(token: string, answer: PageAnswer, at: Date): Promise<boolean>;
}
