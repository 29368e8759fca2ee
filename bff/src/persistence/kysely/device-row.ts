// A `devices` row as the database returns it, parsed (invariant 1) into the port's DeviceRow.
import type { DevInfoSummary } from '@dmc/shared/api';
import { z } from 'zod';
import type { DeviceRow } from '../ports';
import { epochMsColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';

const nullableText = z.string().nullable();

export const deviceRecordSchema = z.object({
  dev_id: z.string(),
  labels: jsonColumn(z.array(z.string())),
  push_url: nullableText,
  created_at: epochMsColumn,
  last_seen_at: nullableEpochMsColumn,
  manufacturer: nullableText,
  model: nullableText,
  fw_version: nullableText,
  sw_version: nullableText,
  hw_version: nullableText,
  dev_type: nullableText,
  lang: nullableText,
  dm_version: nullableText,
  oem: nullableText,
  dev_info_at: nullableEpochMsColumn,
  basic_verifier: z.string(),
  digest_ha1_md5: z.string(),
  digest_ha1_sha256: z.string(),
  notify_secret_enc: nullableText,
});

export function toDeviceRow(raw: unknown): DeviceRow {
  const row = parseRow('devices', deviceRecordSchema, raw);
  const devInfo: DevInfoSummary = {
    Man: row.manufacturer,
    Mod: row.model,
    FwV: row.fw_version,
    SwV: row.sw_version,
    HwV: row.hw_version,
    DevType: row.dev_type,
    Lang: row.lang,
    DmV: row.dm_version,
    OEM: row.oem,
  };
  return {
    devId: row.dev_id,
    labels: row.labels,
    pushUrl: row.push_url,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    devInfo,
    devInfoAt: row.dev_info_at,
    credentials: {
      basicVerifier: row.basic_verifier,
      digestHa1Md5: row.digest_ha1_md5,
      digestHa1Sha256: row.digest_ha1_sha256,
      notifySecretEnc: row.notify_secret_enc,
    },
  };
}
