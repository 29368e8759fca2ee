import { z } from 'zod';
import { artifactCompatibilitySchema, type ArtifactCompatibility } from '../firmware/compatibility';

/** Media type of an artifact upload body (protocol §8): the raw bytes, nothing else. */
export const ARTIFACT_UPLOAD_MEDIA_TYPE = 'application/octet-stream';

/** An artifact id: an unguessable base64url token (≥128 bits), the capability to download it (protocol §1). */
export const artifactIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, 'not an artifact id');

/** The MOID an artifact is meant for, e.g. `urn:oma:mo:oma-fumo:1.0`. */
export const artifactMoidSchema = z
  .string()
  .max(256)
  .regex(
    /^urn:[A-Za-z0-9][A-Za-z0-9-]*:[^\s#%"<>\\^`{|}/]+$/i,
    'must be a URN such as urn:oma:mo:oma-fumo:1.0',
  );

/** A media type without parameters, e.g. `application/zip`. */
export const artifactContentTypeSchema = z
  .string()
  .max(127)
  .regex(
    /^[A-Za-z0-9][\w!#$&^.+-]*\/[A-Za-z0-9][\w!#$&^.+-]*$/,
    'must be a media type such as application/zip',
  );

const label = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^\P{Cc}+$/u, 'no control characters');

/** At most this many accepted values per compatibility field of an upload. */
export const MAX_COMPATIBLE_VALUES = 100;

/**
 * One compatibility field of the upload's query string, repeated once per accepted value
 * (`compatibleMod=Sim-1&compatibleMod=Sim-2`); one value alone arrives as a string.
 */
const compatibleValues = z
  .union([label(128), z.array(label(128)).min(1).max(MAX_COMPATIBLE_VALUES)])
  .transform((v) => [...new Set(typeof v === 'string' ? [v] : v)]);

/** POST /api/v1/artifacts query string; the body is the artifact's bytes. */
export const createArtifactQuerySchema = z.object({
  name: label(128),
  version: label(64),
  moid: artifactMoidSchema.optional(),
  /** Content-Type devices get when they download it; `application/octet-stream` when absent. */
  contentType: artifactContentTypeSchema.optional(),
  /** Accepted DevInfo/Man values (repeat the parameter per value); absent: any (protocol §11). */
  compatibleMan: compatibleValues.optional(),
  /** Accepted DevInfo/Mod values. */
  compatibleMod: compatibleValues.optional(),
  /** Accepted DevInfo/HwV values. */
  compatibleHwV: compatibleValues.optional(),
});
export type CreateArtifactQuery = z.infer<typeof createArtifactQuerySchema>;

/** The `compatible` of an upload's query, null when it names no list (fits every device). */
export function compatibilityOf(query: CreateArtifactQuery): ArtifactCompatibility | null {
  const out: ArtifactCompatibility = {};
  if (query.compatibleMan) out.Man = query.compatibleMan;
  if (query.compatibleMod) out.Mod = query.compatibleMod;
  if (query.compatibleHwV) out.HwV = query.compatibleHwV;
  return Object.keys(out).length === 0 ? null : out;
}

/** A stored firmware or software package as the API shows it. */
export const artifactSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  moid: z.string().nullable(),
  size: z.number().int().nonnegative(),
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentType: z.string(),
  /** Which devices it fits (`Man`, `Mod`, `HwV` lists); null fits every device (protocol §11). */
  compatible: artifactCompatibilitySchema.nullable(),
  /** Absolute `/dr/artifacts/:id` download URL (Range, ETag, HEAD). */
  url: z.string(),
  createdAt: z.iso.datetime(),
});
export type Artifact = z.infer<typeof artifactSchema>;

/** GET /api/v1/artifacts response, newest first. */
export const artifactListSchema = z.object({ items: z.array(artifactSchema) });
export type ArtifactList = z.infer<typeof artifactListSchema>;
