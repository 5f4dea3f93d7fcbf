// Which deployment this database belongs to: its name and the random id its
// migration drew once (table "Deployment", one row). Deployments that share a Redis
// keep their channels and keys apart with it (REDIS_PREFIX when not set).
import type { SqlRunner } from './client.js';

export interface Deployment {
  database: string;
  deploymentId: string;
}

export async function readDeployment(sql: SqlRunner): Promise<Deployment> {
  const [row] = await sql.query<{ database: string; deploymentId: string | null }>(
    `SELECT current_database() AS database, (SELECT "deploymentId"::text FROM "Deployment" WHERE id = 1) AS "deploymentId"`,
  );
  if (!row?.deploymentId) throw new Error('the Deployment row is missing: the database was not migrated by this server');
  return { database: row.database, deploymentId: row.deploymentId };
}

/** The default REDIS_PREFIX: ordergraph:<database>:<deployment id>. */
export function deploymentPrefix(deployment: Deployment): string {
  return `ordergraph:${deployment.database}:${deployment.deploymentId}`;
}
