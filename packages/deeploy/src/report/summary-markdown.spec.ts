import { renderSummaryMarkdown, durationText } from './summary-markdown';
import { taskReportSchema, type TaskReport } from './report-schema';

function report(overrides: Partial<TaskReport> & { project: string }): TaskReport {
  return taskReportSchema.parse({
    target: 'deploy',
    action: 'create',
    outcome: 'success',
    contractPath: `models/${overrides.project}`,
    message: 'created',
    durationMs: 1234,
    finishedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });
}

const tableRows = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('| **'));
const cells = (row: string) => row.slice(2, -2).split(' | ');

describe('renderSummaryMarkdown', () => {
  const reports = [
    report({
      project: 'models-b',
      action: 'update',
      deploymentId: 'dep-2',
      deploymentName: 'agenet',
      commit: 'abcdef0123456789abcdef0123456789abcdef01',
      url: 'https://app.deeploy.ml/d/dep-2',
      changedFields: ['commit', 'modelType'],
      status: 'running',
      durationMs: 65_000,
    }),
    report({ project: 'models-a', action: 'create', deploymentId: 'dep-1', commit: '1111111111111111111111111111111111111111', durationMs: 800 }),
    report({
      project: 'models-c',
      action: 'none',
      outcome: 'failure',
      message: 'models/c/model/reference.json at reference.docker.port: must be 1-65535',
      durationMs: 10,
    }),
  ];

  it('puts every project in one table with the seven columns, failures first', () => {
    const markdown = renderSummaryMarkdown(reports);
    expect(markdown.match(/^\| Project \| Action \| Deployment \| Commit \| Outcome \| Duration \| Link \|$/gm)).toHaveLength(1);
    const rows = tableRows(markdown).map(cells);
    expect(rows).toEqual([
      ['**models-c**', '–', '–', '–', '❌ failed', '10 ms', '–'],
      ['**models-a**', 'create', '`dep-1`', '`1111111`', '✅ done', '800 ms', '–'],
      ['**models-b**', 'update', 'agenet `dep-2`', '`abcdef0`', '✅ running', '1 min 5 s', '[open](https://app.deeploy.ml/d/dep-2)'],
    ]);
    expect(markdown).toContain('3 projects: 1 created, 1 updated, 1 failed.');
  });

  it('collapses the messages in one <details> block', () => {
    const markdown = renderSummaryMarkdown(reports);
    const details = markdown.slice(markdown.indexOf('<details>'), markdown.indexOf('</details>'));
    expect(markdown.match(/<details>/g)).toHaveLength(1);
    expect(details).toContain('- **models-c** (`models/models-c`, deploy): models/c/model/reference.json at reference.docker.port: must be 1-65535');
    expect(details).toContain('- **models-b** (`models/models-b`, deploy): created (changed: commit, modelType; status: running)');
  });

  it('keeps report text from breaking the table or adding markup', () => {
    const markdown = renderSummaryMarkdown([
      report({ project: 'weird|name', deploymentName: 'a <script>x</script>\nb', url: 'javascript:alert(1)', message: 'line one\nline <two>' }),
    ]);
    const [row] = tableRows(markdown);
    expect(cells(row.replace(/\\\|/g, '¦'))).toHaveLength(7);
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('javascript:');
    expect(markdown).toContain('line one line &lt;two&gt;');
  });

  it('says so when no task wrote a report', () => {
    expect(renderSummaryMarkdown([])).toBe(
      '## Deeploy run\n\n0 projects.\n\nNo deploy or update task wrote a report in this run: no contract was affected, or the run stopped before deploying.\n',
    );
  });

  it('lists unreadable report files under the table', () => {
    const markdown = renderSummaryMarkdown(reports.slice(0, 1), { problems: ['.deeploy/reports/x.json is not valid JSON; it was left out of the summary.'] });
    expect(markdown).toContain('> ⚠️ .deeploy/reports/x.json is not valid JSON; it was left out of the summary.');
  });

  describe('under the size limit (GitHub refuses step summaries over 1 MiB)', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      report({ project: `project-${String(i).padStart(4, '0')}`, message: 'x'.repeat(200), deploymentId: `dep-${i}`, commit: 'a'.repeat(40) }),
    );

    it('stays under the default limit, dropping the details first and saying so', () => {
      const markdown = renderSummaryMarkdown(many);
      expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(1_000_000);
      expect(markdown).not.toContain('<details>');
      expect(markdown).toContain("Details left out to stay under the summary size limit; every project's full report is in `.deeploy/reports/`.");
      expect(tableRows(markdown)).toHaveLength(5000);
    });

    it('then drops rows, keeping failures, and says how many are left out', () => {
      const withFailure = [...many, report({ project: 'zzz-failed', outcome: 'failure', action: 'none' })];
      const markdown = renderSummaryMarkdown(withFailure, { maxBytes: 20_000 });
      expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(20_000);
      const rows = tableRows(markdown);
      expect(cells(rows[0])[0]).toBe('**zzz-failed**');
      expect(markdown).toContain(`_${5001 - rows.length} more projects left out to stay under the summary size limit;`);
      expect(markdown.match(/^\| Project /gm)).toHaveLength(1);
    });
  });
});

describe('durationText', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1500, '1.5 s'],
    [59_949, '59.9 s'],
    [125_000, '2 min 5 s'],
  ])('%d ms reads as %s', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
