/** Import reports in `contact_imports`: written when an import starts, after each batch (progress) and at the end. */
import type { ImportReport } from '@parley/contract/api';
import type { Sql } from '../../db/sql';

export async function saveImportReport(sql: Sql, tenant: string, report: ImportReport, createdBy: string): Promise<void> {
  await sql.query(
    `INSERT INTO contact_imports (tenant, id, report, created_by, at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant, id) DO UPDATE SET report = EXCLUDED.report`,
    [tenant, report.id, JSON.stringify(report), createdBy, report.startedAt],
  );
}

export async function getImportReport(sql: Sql, tenant: string, id: string): Promise<ImportReport | null> {
  const { rows } = await sql.query<{ report: ImportReport }>('SELECT report FROM contact_imports WHERE tenant = $1 AND id = $2', [
    tenant,
    id,
  ]);
  return rows[0]?.report ?? null;
}
