import { describe, expect, it } from '@jest/globals';
import { CommandFailed, runCommand, runCommandOk } from './run-command';

const node = (script: string) => [process.execPath, ['-e', script]] as const;

describe('runCommand', () => {
  it('captures stdout, stderr and both in arrival order', async () => {
    const result = await runCommand(...node("process.stdout.write('out\\n'); setTimeout(() => process.stderr.write('err\\n'), 50)"), { cwd: __dirname });
    expect(result).toMatchObject({ code: 0, stdout: 'out\n', stderr: 'err\n', output: 'out\nerr\n', killed: false, timedOut: false });
  });

  it('kills a command that runs past its timeout and says so', async () => {
    const result = await runCommand(...node('setTimeout(() => {}, 60000)'), { cwd: __dirname, timeoutMs: 200, label: 'sleepy' });
    expect(result).toMatchObject({ timedOut: true, killed: true, signal: 'SIGKILL' });
    await expect(runCommandOk(...node('setTimeout(() => {}, 60000)'), { cwd: __dirname, timeoutMs: 200, label: 'sleepy' })).rejects.toThrow(
      '`sleepy` timed out and was killed',
    );
  });

  it('kills the command the first time killWhen holds for its output', async () => {
    const result = await runCommand(...node("console.log('ready'); setTimeout(() => console.log('too late'), 5000)"), {
      cwd: __dirname,
      killWhen: (output) => output.includes('ready'),
    });
    expect(result).toMatchObject({ killed: true, timedOut: false, signal: 'SIGKILL' });
    expect(result.output).not.toContain('too late');
  });

  it('redacts secrets from a failure message but keeps the captured output as it was', async () => {
    const failure = await runCommandOk(...node("console.log('key is s3cr3t-value'); process.exit(3)"), {
      cwd: __dirname,
      label: 'leaky',
      redact: ['s3cr3t-value'],
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandFailed);
    expect((failure as CommandFailed).message).toBe('`leaky` exited with 3:\nkey is [redacted]');
    expect((failure as CommandFailed).output).toContain('s3cr3t-value');
  });

  it('names a command that cannot start', async () => {
    await expect(runCommand('/no/such/binary', [], { cwd: __dirname })).rejects.toThrow('could not start `/no/such/binary`');
  });
});
