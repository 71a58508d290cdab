import { boundaryOf, parseMultipart } from './multipart';

describe('multipart parsing', () => {
  it('reads the parts a real FormData encoder writes', async () => {
    const form = new FormData();
    form.append('note', 'hello');
    form.append('file', new Blob([Buffer.from([0, 1, 2, 13, 10, 45, 45])]), 'model.bin');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const boundary = boundaryOf(request.headers.get('content-type') ?? undefined);
    expect(boundary).toBeDefined();
    const parts = parseMultipart(Buffer.from(await request.arrayBuffer()), boundary as string);
    expect(parts?.map((p) => [p.name, p.fileName, [...p.data]])).toEqual([
      ['note', undefined, [...Buffer.from('hello')]],
      ['file', 'model.bin', [0, 1, 2, 13, 10, 45, 45]],
    ]);
  });

  it('finds no boundary in other content types and no parts in a truncated body', () => {
    expect(boundaryOf('application/json')).toBeUndefined();
    expect(boundaryOf('multipart/form-data; boundary="abc"')).toBe('abc');
    expect(parseMultipart(Buffer.from('--abc\r\ncontent-disposition: form-data; name="a"\r\n\r\nno end'), 'abc')).toBeUndefined();
  });
});
