/**
 * What the pipeline takes from the workspace rather than from flags: the target names and report
 * folder of nx.json's deeploy plugin entry (so a renamed target is what CI runs), and the things
 * that would make the pipeline misbehave, said up front.
 */
import { readNxJson, type Tree } from '../../nx/devkit';
import { DEFAULT_REPORT_DIR } from '../../report/report-schema';
import { deeployPluginEntries, normalizePluginOptions } from '../../plugins/plugin-options';

export interface PipelineSettings {
  validateTarget: string;
  deployTarget: string;
  /** Workspace-relative POSIX folder of the task reports. */
  reportDir: string;
  warnings: string[];
}

/** Safe unquoted in YAML and in a shell word. */
const SAFE_TARGET = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SAFE_FOLDER = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/;

export function pipelineSettingsOf(tree: Tree): PipelineSettings {
  const nxJson = tree.exists('nx.json') ? readNxJson(tree) : null;
  const entries = deeployPluginEntries(nxJson ?? undefined);
  const options = normalizePluginOptions(entries[0]?.options);
  const rawReportDir = entries[0]?.options.reportDir;
  const reportDir = typeof rawReportDir === 'string' && rawReportDir.trim() ? rawReportDir.trim().replace(/\/+$/, '') : DEFAULT_REPORT_DIR;

  for (const [option, value] of [
    ['validateTargetName', options.validateTargetName],
    ['deployTargetName', options.deployTargetName],
  ] as const) {
    if (!SAFE_TARGET.test(value)) {
      throw new Error(
        `deeploy:ci: nx.json's deeploy plugin option ${option} "${value}" cannot be written into a pipeline; use letters, digits, ".", "_" and "-" only.`,
      );
    }
  }
  if (!SAFE_FOLDER.test(reportDir)) {
    throw new Error(
      `deeploy:ci: nx.json's deeploy plugin option reportDir "${reportDir}" cannot be written into a pipeline; use a workspace-relative folder of letters, digits, ".", "_", "/" and "-".`,
    );
  }

  const warnings: string[] = [];
  if (entries.length === 0) {
    warnings.push('nx.json does not register the deeploy plugin yet, so the pipeline would find no contracts; run `nx add deeploy` (or `nx g deeploy:init`).');
  }
  const otherNames = entries
    .slice(1)
    .map((entry) => normalizePluginOptions(entry.options).deployTargetName)
    .filter((name) => name !== options.deployTargetName);
  if (otherNames.length > 0) {
    warnings.push(
      `nx.json has several deeploy plugin entries; the pipeline runs ${options.deployTargetName} only, add jobs for ${[...new Set(otherNames)].join(', ')} by hand.`,
    );
  }
  const jsPluginConfig = (nxJson?.pluginsConfig?.['@nx/js'] ?? {}) as { projectsAffectedByDependencyUpdates?: unknown };
  const affectedByUpdates = jsPluginConfig.projectsAffectedByDependencyUpdates;
  if (affectedByUpdates === undefined || affectedByUpdates === 'all') {
    warnings.push(
      'with nx.json\'s pluginsConfig["@nx/js"].projectsAffectedByDependencyUpdates unset (or "all"), a lockfile change marks every contract affected and the guard stops that deploy; run `nx g deeploy:init --setProjectsAffectedByDependencyUpdates` to set it to "auto".',
    );
  }
  const gitignore = tree.exists('.gitignore') ? (tree.read('.gitignore', 'utf-8') ?? '') : '';
  if (!ignoresFolder(gitignore, reportDir)) {
    warnings.push(
      `.gitignore does not ignore the report folder ${reportDir}; add "${reportDir}/" to it so that reports are never committed (\`nx g deeploy:init\` adds .deeploy/).`,
    );
  }
  const otherLockfile = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'].find((file) => tree.exists(file));
  if (!tree.exists('package-lock.json') && otherLockfile) {
    warnings.push(
      `the pipeline installs with \`npm ci\`, but this workspace has ${otherLockfile}; change the install and \`npx\` lines to your package manager.`,
    );
  }
  return { validateTarget: options.validateTargetName, deployTarget: options.deployTargetName, reportDir, warnings };
}

/**
 * Whether a line of .gitignore ignores `folder` (workspace-relative) or a folder above it. Only the
 * plain forms people write for a folder (`.deeploy`, `/.deeploy/`, `**\/.deeploy/`); anything
 * cleverer gets the warning, which is only advice.
 */
function ignoresFolder(gitignore: string, folder: string): boolean {
  const segments = folder.split('/');
  return gitignore.split(/\r?\n/).some((raw) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) return false;
    const anchored = line.startsWith('/') || line.replace(/\/+$/, '').includes('/');
    const pattern = line
      .replace(/^\*\*\//, '')
      .replace(/^\/+/, '')
      .replace(/\/+$/, '');
    const depth = pattern.split('/').length;
    if (pattern === segments.slice(0, depth).join('/')) return true;
    // An unanchored name matches a folder of that name at any depth.
    return !anchored && depth === 1 && segments.includes(pattern);
  });
}
