/** The flows the runtime would load are valid (the same checks as `parley validate`), and the tenants' flow ids exist. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectFiles, displayPath } from '../files';
import { FLOW_SUFFIX, formatIssue, loadFlowFile } from '../flows';
import type { DoctorConfig } from './config';
import { fail, ok, type Finding } from './report';

const ISSUES_SHOWN = 3;

export function checkFlows(config: DoctorConfig, baseDir: string, cwd: string): Finding[] {
  const folder = resolve(baseDir, config.flowsDir);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    return [fail('flows', `${displayPath(folder, cwd)} (flowsDir) is not a folder`)];
  const findings: Finding[] = [];
  const ids = new Set<string>();
  let valid = 0;
  let warnings = 0;
  for (const path of collectFiles([folder], FLOW_SUFFIX, cwd)) {
    const loaded = loadFlowFile(path, cwd);
    const errors = loaded.issues.filter((i) => i.severity === 'error');
    warnings += loaded.issues.length - errors.length;
    if (loaded.flow) {
      valid++;
      ids.add(loaded.flow.id);
      continue;
    }
    const shown = errors
      .slice(0, ISSUES_SHOWN)
      .map((i) => formatIssue(loaded.display, i))
      .join('; ');
    const more = errors.length > ISSUES_SHOWN ? ` (and ${errors.length - ISSUES_SHOWN} more: parley validate ${loaded.display})` : '';
    findings.push(fail('flows', `${loaded.display}: ${errors.length} error${errors.length === 1 ? '' : 's'}: ${shown}${more}`));
  }
  config.tenants.forEach((tenant, i) => {
    const named = [
      ...(tenant.flows ?? []).map((id, j) => ({ id, at: `/tenants/${i}/flows/${j}` })),
      ...(tenant.defaultFlow ? [{ id: tenant.defaultFlow, at: `/tenants/${i}/defaultFlow` }] : []),
    ];
    for (const { id, at } of named) {
      if (!ids.has(id))
        findings.push(
          fail('flows', `${at}: tenant ${tenant.id} names flow "${id}", which is not a valid flow in ${displayPath(folder, cwd)}`),
        );
    }
  });
  if (valid > 0 || findings.length === 0) {
    findings.unshift(
      ok(
        'flows',
        `${valid} valid flow${valid === 1 ? '' : 's'} in ${displayPath(folder, cwd)}${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'}: parley validate shows them)` : ''}`,
      ),
    );
  }
  return findings;
}
