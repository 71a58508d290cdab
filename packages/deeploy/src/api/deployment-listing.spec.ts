import { conventionOf, LIST_LIMIT, pageReplyOf, readDeploymentListing, type PageReply, type PagingConvention } from './deployment-listing';

/** A server over `count` deployments, paging as told; records the offsets asked for. */
function server(count: number, options: { paging: 'pages' | 'items' | 'none'; cap?: number; totals?: boolean; odd?: Record<number, unknown> }) {
  const all: unknown[] = Array.from({ length: count }, (_, i) => options.odd?.[i] ?? { id: `d${i}`, name: `n${i}` });
  const asked: number[] = [];
  const fetchPage = async (offset: number, limit: number): Promise<PageReply> => {
    asked.push(offset);
    const size = options.cap ? Math.min(limit, options.cap) : limit;
    const start = options.paging === 'pages' ? offset * size : offset;
    const items = options.paging === 'none' ? all : all.slice(start, start + size);
    return options.totals ? { items, total: count } : { items };
  };
  return { fetchPage, asked };
}

function memory(remembered?: PagingConvention) {
  const box: { remembered?: PagingConvention; remember(c: PagingConvention): void } = {
    remembered,
    remember: (c) => {
      box.remembered = c;
    },
  };
  return box;
}

describe('readDeploymentListing', () => {
  it.each([
    ['pages under a cap, no totals', { paging: 'pages', cap: 10 }, 'pages'],
    ['items under a cap, no totals', { paging: 'items', cap: 7 }, 'items'],
    ['items with totals', { paging: 'items', cap: 25, totals: true }, 'items'],
    ['pages with totals', { paging: 'pages', cap: 3, totals: true }, 'pages'],
    ['no paging', { paging: 'none' }, 'unpaged'],
  ] as const)('reads every item of a server paging by %s, and says which convention it found', async (_label, options, convention) => {
    const { fetchPage } = server(57, options);
    const box = memory();
    const listing = await readDeploymentListing(fetchPage, box);
    expect(listing.deployments.map((d) => d.id)).toEqual(Array.from({ length: 57 }, (_, i) => `d${i}`));
    expect(listing).toMatchObject({ complete: true, skipped: [], paging: { convention } });
    expect(box.remembered).toBe(convention);
  });

  it('remembers the convention for the run: the second read does not guess again', async () => {
    const { fetchPage, asked } = server(25, { paging: 'pages', cap: 10 });
    const box = memory();
    await readDeploymentListing(fetchPage, box);
    asked.length = 0;
    const again = await readDeploymentListing(fetchPage, box);
    expect(again.deployments).toHaveLength(25);
    // No second page to tell the convention: page 1 alone, then pages 2 and 3 at once (3 is past the end).
    expect(asked).toEqual([0, 1, 2, 3]);
  });

  it('asks a long list a few pages at once: every item in order, far fewer round trips, few pages past the end', async () => {
    for (const paging of ['pages', 'items'] as const) {
      const rounds: number[][] = [];
      let inFlight: number[] = [];
      const { fetchPage: serve } = server(1000, { paging, cap: 10 });
      const fetchPage = async (offset: number, limit: number): Promise<PageReply> => {
        if (inFlight.length === 0) {
          inFlight = [];
          rounds.push(inFlight);
          // Whatever is asked in this tick is one round trip.
          setImmediate(() => (inFlight = []));
        }
        inFlight.push(offset);
        await new Promise((resolve) => setImmediate(resolve));
        return serve(offset, limit);
      };
      const listing = await readDeploymentListing(fetchPage, memory(paging));
      expect(listing.deployments.map((d) => d.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `d${i}`));
      expect(listing).toMatchObject({ complete: true, paging: { pages: 101 } });
      expect(rounds.length).toBeLessThanOrEqual(16);
      expect(rounds.flat().length - 101).toBeLessThan(8);
    }
  });

  it('fails on a page of the list that fails, but not on one asked past its end', async () => {
    const { fetchPage: serve } = server(25, { paging: 'pages', cap: 10 });
    const pastTheEnd = async (offset: number, limit: number) => (offset >= 3 ? Promise.reject(new Error('503 past the end')) : serve(offset, limit));
    expect((await readDeploymentListing(pastTheEnd, memory('pages'))).deployments).toHaveLength(25);
    const inTheList = async (offset: number, limit: number) => (offset === 1 ? Promise.reject(new Error('503 on page 1')) : serve(offset, limit));
    await expect(readDeploymentListing(inTheList, memory('pages'))).rejects.toThrow('503 on page 1');
  });

  it('needs two requests for a short list without totals, one with a total', async () => {
    const bare = server(3, { paging: 'pages', cap: 10 });
    expect(await readDeploymentListing(bare.fetchPage, memory())).toMatchObject({ complete: true, paging: { convention: 'single-page', pages: 2 } });
    const withTotal = server(3, { paging: 'pages', totals: true });
    await readDeploymentListing(withTotal.fetchPage, memory());
    expect(withTotal.asked).toEqual([0]);
  });

  it('skips and names an item it cannot read, and then does not call the list complete', async () => {
    const { fetchPage } = server(12, {
      paging: 'pages',
      cap: 5,
      odd: { 3: { name: 'no id' }, 8: 'text', 9: { id: 'd9', activeVersion: 42, status: 'weird', publicUrl: null } },
    });
    const listing = await readDeploymentListing(fetchPage, memory());
    expect(listing.deployments.map((d) => d.id)).toEqual(['d0', 'd1', 'd2', 'd4', 'd5', 'd6', 'd7', 'd9', 'd10', 'd11']);
    expect(listing.skipped.map((s) => s.problem)).toEqual([expect.stringMatching(/^item 4 at id: /), expect.stringMatching(/^item 9: /)]);
    expect(listing).toMatchObject({ complete: false, incomplete: '2 items could not be read' });
  });

  it('reads an item too deeply nested to write out as one odd item, without a crash', async () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const listing = await readDeploymentListing(async (offset) => ({ items: offset === 0 ? [{ id: 'd0' }, deep] : [] }), memory());
    expect(listing.deployments.map((d) => d.id)).toEqual(['d0']);
    expect(listing).toMatchObject({ complete: false, incomplete: '1 item could not be read' });
    // A server that sends it for every offset is read twice, not a thousand times.
    const asked: number[] = [];
    const again = await readDeploymentListing(async (offset) => (asked.push(offset), { items: [deep] }), memory());
    expect(asked).toEqual([0, 1]);
    expect(again).toMatchObject({ complete: false, deployments: [] });
  });

  it('does not call complete a server that ignores offset and sends exactly the limit', async () => {
    const { fetchPage } = server(LIST_LIMIT + 20, { paging: 'none', cap: LIST_LIMIT });
    const listing = await readDeploymentListing(fetchPage, memory());
    expect(listing).toMatchObject({ complete: false, incomplete: `it ignores "offset" and sent exactly ${LIST_LIMIT} items, so there may be more` });
  });

  it('stops at a page limit instead of reading forever', async () => {
    let n = 0;
    const endless = async (): Promise<PageReply> => ({ items: [{ id: `x${n++}` }] });
    const listing = await readDeploymentListing(endless, memory('pages'));
    expect(listing).toMatchObject({ complete: false, incomplete: 'it has more than 1000 pages' });
  });
});

describe('conventionOf and pageReplyOf', () => {
  it('tell the convention from how the first two pages overlap', () => {
    const page = (...ids: string[]) => ids.map((id) => ({ id }));
    expect(conventionOf(page('a', 'b', 'c'), page('b', 'c', 'd'))).toBe('items');
    expect(conventionOf(page('a', 'b', 'c'), page('d', 'e'))).toBe('pages');
    expect(conventionOf(page('a', 'b'), page('a', 'b'))).toBe('unpaged');
    expect(conventionOf(page('a', 'b', 'c'), page('c', 'a'))).toEqual({ problem: expect.stringContaining('neither paging convention') });
  });

  it('read bare arrays and wrapped pages with a total under common names', () => {
    expect(pageReplyOf([1])).toEqual({ items: [1] });
    expect(pageReplyOf({ data: [1], total: 4 })).toEqual({ items: [1], total: 4 });
    expect(pageReplyOf({ items: [1], meta: { totalCount: 9 } })).toEqual({ items: [1], total: 9 });
    expect(pageReplyOf({ data: 'x' })).toBeUndefined();
  });
});
