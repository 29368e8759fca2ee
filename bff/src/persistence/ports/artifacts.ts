// Firmware and software packages.
import type { ArtifactCompatibility } from '@dmc/shared/firmware';

/** A stored firmware or software package; its bytes live in the artifact blob store under `id`. */
export interface ArtifactRow {
  /** Unguessable (≥128 bits): the id is the capability to download it (protocol §1). */
  id: string;
  name: string;
  version: string;
  moid: string | null;
  size: number;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  contentType: string;
  /** The DevInfo values it accepts (protocol §11); null fits every device. */
  compatible: ArtifactCompatibility | null;
  createdAt: Date;
}

export interface ArtifactRepository {
  create(row: ArtifactRow): Promise<void>;
  find(id: string): Promise<ArtifactRow | undefined>;
  /** Newest first. */
  list(): Promise<ArtifactRow[]>;
  remove(id: string): Promise<boolean>;
}
