// The export file writer on its worker thread, without a database: pages sent before
// the previous one is written land in order, dates and money come out as the columns
// say, and a file that cannot be written fails the page (the runner then fails the job).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/exports/export-columns.js';
import { openExportFileInThread } from '../../src/exports/export-writer-thread.js';

const columns: Column[] = [
  { key: 'code', header: 'Code', type: 'text', sql: '' },
  { key: 'total', header: 'Total', type: 'money', sql: '' },
  { key: 'at', header: 'At', type: 'date', sql: '' },
  { key: 'n', header: 'N', type: 'integer', sql: '' },
];

describe('export writer thread', () => {
  it('writes pages handed over before the previous one is written, in the order sent', { timeout: 30_000 }, async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'og-export-')), 'out.csv');
    const writer = openExportFileInThread(path, 'CSV', columns);
    // Three pages at once, as the runner may send the next while one is written.
    const pages = [0, 1, 2].map((p) =>
      writer.writePage(JSON.stringify(Array.from({ length: 3 }, (_, r) => [`A-${p}${r}`, `${p}${r}.50`, Date.UTC(2026, 2, 1 + p, r), p * 10 + r]))),
    );
    await Promise.all(pages);
    await writer.finish();
    expect(readFileSync(path, 'utf8').split('\r\n')).toEqual([
      'Code,Total,At,N',
      'A-00,00.50,2026-03-01T00:00:00.000Z,0',
      'A-01,01.50,2026-03-01T01:00:00.000Z,1',
      'A-02,02.50,2026-03-01T02:00:00.000Z,2',
      'A-10,10.50,2026-03-02T00:00:00.000Z,10',
      'A-11,11.50,2026-03-02T01:00:00.000Z,11',
      'A-12,12.50,2026-03-02T02:00:00.000Z,12',
      'A-20,20.50,2026-03-03T00:00:00.000Z,20',
      'A-21,21.50,2026-03-03T01:00:00.000Z,21',
      'A-22,22.50,2026-03-03T02:00:00.000Z,22',
      '',
    ]);
  });

  for (const format of ['CSV', 'XLSX'] as const) {
    it(`fails a ${format} page when the file cannot be written, and closes without hanging`, { timeout: 30_000 }, async () => {
      const writer = openExportFileInThread(join(tmpdir(), 'og-no-such-folder', 'x', 'out'), format, columns);
      // The file's open fails a moment after the first page is taken: the next one is refused.
      const page = JSON.stringify([['A', '1.00', null, 1]]);
      await writer.writePage(page).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(writer.writePage(page)).rejects.toThrow(/ENOENT/);
      await writer.abort();
    });
  }
});
