import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The modules `file` loads when it runs: every import and re-export that survives compilation
 * (not `import type`, not imports of types only), as written.
 */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typesOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typesOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      const typesOnly = clause !== undefined && ts.isNamedExports(clause) && clause.elements.every((element) => element.isTypeOnly);
      if (!typesOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every package the plugin entry loads at module top, following its own modules. */
function packagesLoadedBy(entry: string): { packages: Set<string>; modules: string[] } {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) queue.push(`${path.resolve(path.dirname(file), specifier)}.ts`);
      else packages.add(specifier);
    }
  }
  return { packages, modules: [...seen].map((file) => path.relative(__dirname, file)).sort() };
}

describe('the plugin entry Nx loads on every graph computation', () => {
  const { packages, modules } = packagesLoadedBy(path.join(__dirname, 'index.ts'));

  it('loads neither zod nor Nx devkit, only Node built-ins', () => {
    expect([...packages].filter((name) => !name.startsWith('node:'))).toEqual([]);
  });

  it('loads only the inference plugin and the pure helpers it needs', () => {
    expect(modules).toEqual([
      'contract/contract-marker.ts',
      'contract/project-name.ts',
      'contract/validators.ts',
      'index.ts',
      'plugins/build-targets.ts',
      'plugins/graph-options.ts',
      'plugins/installed-name.ts',
      'plugins/plugin.ts',
    ]);
  });
});
