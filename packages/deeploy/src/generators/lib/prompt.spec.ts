import { PassThrough } from 'node:stream';
import { askText, choose, PromptCancelled, readlineIO } from './prompt';
import type { PromptIO } from './prompt';

/** A terminal on in-memory streams: what was written to it, and a way to type lines. */
function memoryTerminal(isTTY = false) {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY, columns: 80 });
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf-8')));
  const io = readlineIO(input, output);
  return { io, type: (...lines: string[]) => input.write(lines.map((l) => `${l}\n`).join('')), end: () => input.end(), shown: () => shown };
}

describe('readlineIO with choose and askText', () => {
  let terminal: ReturnType<typeof memoryTerminal>;
  let io: PromptIO;
  beforeEach(() => {
    terminal = memoryTerminal();
    io = terminal.io;
  });
  afterEach(() => io.close());

  it('lists numbered choices and takes a number', async () => {
    terminal.type('2');
    await expect(choose(io, 'Which kind?', [{ value: 'blob', hint: '--blobUrl' }, { value: 'docker' }])).resolves.toBe('docker');
    expect(terminal.shown()).toBe('Which kind?\n  1) blob: --blobUrl\n  2) docker\nPick 1-2: 2\n');
  });

  it('takes a name from the list in any case', async () => {
    terminal.type('Docker');
    await expect(choose(io, 'Which kind?', [{ value: 'blob' }, { value: 'docker' }])).resolves.toBe('docker');
  });

  it('asks again after an answer that is not a choice', async () => {
    terminal.type('7', 'ftp', '1');
    await expect(choose(io, 'Which kind?', [{ value: 'blob' }, { value: 'docker' }])).resolves.toBe('blob');
    expect(terminal.shown()).toContain('  "7" is not one of the choices; answer with a number from 1 to 2 or a name from the list\n');
    expect(terminal.shown()).toContain('  "ftp" is not one of the choices');
    expect(terminal.shown().match(/Pick 1-2: /g)).toHaveLength(3);
  });

  it('asks again until the check passes, and trims the answer', async () => {
    const check = (answer: string) => (answer.startsWith('/') ? undefined : 'must start with "/"');
    terminal.type('predict', '', '  /predict  ');
    await expect(askText(io, 'Predict route', { check })).resolves.toBe('/predict');
    expect(terminal.shown()).toBe('Predict route: predict\n  must start with "/"\nPredict route: \n  an answer is needed here\nPredict route:   /predict  \n');
  });

  it('skips an optional question on Enter', async () => {
    terminal.type('');
    await expect(askText(io, 'Port', { optional: true })).resolves.toBeUndefined();
    expect(terminal.shown()).toBe('Port (optional, Enter to skip): \n');
  });

  it('waits for a line typed after the question', async () => {
    const answer = askText(io, 'Model id');
    setTimeout(() => terminal.type('gpt2'), 10);
    await expect(answer).resolves.toBe('gpt2');
  });

  it('ends with PromptCancelled when the input ends before an answer', async () => {
    terminal.type('9');
    terminal.end();
    const picked = choose(io, 'Which kind?', [{ value: 'blob' }]);
    await expect(picked).rejects.toThrow(PromptCancelled);
    await expect(picked).rejects.toThrow('the input ended before every question was answered; nothing was written');
  });

  it('ends with PromptCancelled on Ctrl-C in a terminal, instead of hanging', async () => {
    io.close();
    terminal = memoryTerminal(true);
    io = terminal.io;
    const answer = askText(io, 'Model id');
    terminal.type('\u0003');
    await expect(answer).rejects.toThrow('the questions were interrupted; nothing was written');
  });
});
