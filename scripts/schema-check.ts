// npm run schema:check: schema/schema.graphql against the schema clients have
// (schema/schema.baseline.graphql, or the merge-base with SCHEMA_BASE_REF). Fails on a
// breaking change or an undated deprecation, unless SCHEMA_BREAKING_OK gives a reason
// or the last commit's message carries a `Schema-Breaking: <reason>` line.
// npm run schema:check -- --verbose lists the safe changes too;
// npm run schema:check -- --update-baseline copies the current schema to the baseline (at a release).
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { checkSchemaCompatibility, type SchemaFinding } from './schema-compatibility.js';

const current = new URL('../schema/schema.graphql', import.meta.url);
const baseline = new URL('../schema/schema.baseline.graphql', import.meta.url);

function git(...args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function base(): { sdl: string; name: string } {
  const ref = process.env.SCHEMA_BASE_REF;
  if (!ref) return { sdl: readFileSync(baseline, 'utf8'), name: 'schema/schema.baseline.graphql' };
  const mergeBase = git('merge-base', 'HEAD', ref).trim();
  return { sdl: git('show', `${mergeBase}:schema/schema.graphql`), name: `schema/schema.graphql at ${mergeBase.slice(0, 10)} (merge-base with ${ref})` };
}

/** Why breaking changes are accepted this time, or undefined. */
function acknowledged(): string | undefined {
  if (process.env.SCHEMA_BREAKING_OK) return `SCHEMA_BREAKING_OK: ${process.env.SCHEMA_BREAKING_OK}`;
  try {
    const line = /^Schema-Breaking:\s*(.+)$/m.exec(git('log', '-1', '--format=%B'));
    return line ? `commit message: ${line[1]}` : undefined;
  } catch {
    return undefined;
  }
}

function list(title: string, findings: SchemaFinding[]) {
  if (findings.length === 0) return;
  console.log(`${title} (${findings.length}):`);
  for (const f of findings) console.log(`  ${f.path}: ${f.message}`);
}

if (process.argv.includes('--update-baseline')) {
  copyFileSync(current, baseline);
  console.log('schema/schema.baseline.graphql is now schema/schema.graphql');
} else {
  const { sdl, name } = base();
  const today = process.env.SCHEMA_CHECK_TODAY ?? new Date().toISOString().slice(0, 10);
  const result = await checkSchemaCompatibility(sdl, readFileSync(current, 'utf8'), today);
  console.log(`schema/schema.graphql against ${name}`);
  if (process.argv.includes('--verbose')) list('safe', result.safe);
  else console.log(`safe: ${result.safe.length} (additions, descriptions; --verbose lists them)`);
  list('dangerous (clients may notice)', result.dangerous);
  list('removed after their deprecation date', result.removedAfterDeprecation);
  list('BREAKING', result.breaking);
  list('UNDATED DEPRECATIONS', result.undatedDeprecations);
  const failures = result.breaking.length + result.undatedDeprecations.length;
  const reason = acknowledged();
  if (failures === 0) console.log('schema check: no breaking change');
  else if (reason && result.undatedDeprecations.length === 0) console.log(`schema check: ${result.breaking.length} breaking change(s) accepted (${reason})`);
  else {
    console.error(
      `schema check failed: ${result.breaking.length} breaking change(s), ${result.undatedDeprecations.length} undated deprecation(s). ` +
        'Deprecate instead of removing (README "Schema changes"), or accept deliberately with SCHEMA_BREAKING_OK=<reason> or a "Schema-Breaking: <reason>" line in the commit message.',
    );
    process.exitCode = 1;
  }
}
