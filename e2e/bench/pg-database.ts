// PostgreSQL runs use a database the bench creates and drops on the local server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { cpuSeconds } from './stats';

export const PG_ADMIN_URL = process.env.DMC_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  /** The database's name (its backends carry it in their process title). */
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** True when the local PostgreSQL answers; the PostgreSQL figures are skipped otherwise. */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await adminQuery('select 1');
    return true;
  } catch {
    return false;
  }
}

export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = `dmc_bench_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  return {
    name,
    url: withDatabase(PG_ADMIN_URL, name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/**
 * CPU seconds used so far by the server processes of the connections to the database at `url`
 * (the bench's server runs on this machine, so /proc shows its backends). Connections that close
 * in between take their CPU with them: measure around work on a pool that stays open.
 */
export async function databaseCpuSeconds(url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1',
      [name],
    );
    return rows.reduce((sum, row) => sum + cpuSeconds(row.pid), 0);
  } finally {
    await client.end();
  }
}
