import { openDatabase } from '../src/db/client.js';
import { salesReport } from '../src/reports/sales-report.js';
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/og_w11_bench', poolSize: 2 });
const t = await db.prisma.tenant.findFirstOrThrow({ where: { slug: { startsWith: 'reports-bench-' } }, orderBy: { id: 'desc' } });
for (let i = 0; i < 8; i++) {
  const s = performance.now();
  const r = await salesReport(db.prisma, t.id, { groupBy: (process.argv[2] ?? 'DAY') as any, from: '2025-11-01', to: '2026-10-31' });
  console.log(i, r.rows.length, (performance.now() - s).toFixed(0), 'ms');
}
await db.close();
