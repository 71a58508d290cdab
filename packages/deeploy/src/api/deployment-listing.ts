/**
 * Reading the whole deployment list. No client ever listed deployments, so the query and the reply
 * are unknown (deeploy-api.md §7-§8): the only paging Deeploy documents counts `offset` in pages
 * (it skips `offset × limit` items), a list may be a bare array without a total, and a server may
 * return fewer items than `limit` asks for even when more exist (a page cap). So this reader:
 *
 * - asks `offset=0&limit=100`, then `offset=1`, and tells the convention from how the two pages
 *   overlap: page two starting at item two means `offset` counts items, no overlap means pages,
 *   the same page again means the server ignores `offset` (it has no paging);
 * - remembers that convention for the run (per list URL), so later lists skip the guess;
 * - reads on until an empty page, a short page, a page of nothing new, or the total, asking a
 *   few pages at once (up to `PAGES_AT_ONCE`) once the list has shown it goes on;
 * - parses each item on its own: one odd item is skipped and named, never fails the list;
 * - says whether it read everything (`complete`), and if not, why. A caller must never take
 *   "not in an incomplete list" for "does not exist".
 *
 * Pure apart from the injected `fetchPage`, so every dialect is tested with plain values too.
 */
import { deploymentSchema, type Deployment } from './schemas';

export type PagingConvention = 'pages' | 'items' | 'unpaged';

export interface PageReply {
  items: unknown[];
  /** The server's total, when the reply carries one. */
  total?: number;
}

export interface SkippedItem {
  /** The item's id, when it has a usable one. */
  id?: string;
  problem: string;
}

export interface DeploymentListing {
  deployments: Deployment[];
  /** True only when every item of the server's list was read and parsed. */
  complete: boolean;
  /** Why the list cannot be shown complete (a phrase that fits after "the deployment list: "). */
  incomplete?: string;
  skipped: SkippedItem[];
  paging: {
    /** How `offset` was read; `single-page` when the first page held everything, so nothing was guessed. */
    convention: PagingConvention | 'single-page';
    /** Items in the first page (the server's page size when it caps `limit`). */
    pageSize: number;
    pages: number;
    /** Whether the replies carried a total. */
    totals: boolean;
  };
}

export const LIST_LIMIT = 100;
/** Pages read at most (100 000 deployments at the full limit): a server that never ends a list stops here. */
export const MAX_LIST_PAGES = 1000;
/** Pages asked at once at most, once a list has shown it goes on. */
export const PAGES_AT_ONCE = 8;

/** Conventions seen in this run, per list URL. */
export class PagingMemory {
  private readonly seen = new Map<string, PagingConvention>();
  get(key: string): PagingConvention | undefined {
    return this.seen.get(key);
  }
  set(key: string, convention: PagingConvention): void {
    this.seen.set(key, convention);
  }
}

/** The run's memory: one process is one run (a batch, or one task). */
export const RUN_PAGING_MEMORY = new PagingMemory();

/** `[...]`, or `{data|items: [...], total?}` with the total under a few common names. */
export function pageReplyOf(body: unknown): PageReply | undefined {
  if (Array.isArray(body)) return { items: body };
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const items = [record.data, record.items].find((value): value is unknown[] => Array.isArray(value));
  if (!items) return undefined;
  const meta = (typeof record.meta === 'object' && record.meta !== null ? record.meta : {}) as Record<string, unknown>;
  const total = [record.total, record.count, record.totalCount, meta.total, meta.totalCount].find(
    (value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0,
  );
  return total === undefined ? { items } : { items, total };
}

/** What identifies an item across pages: its id, or its whole text when it has none. */
function keyOf(item: unknown): string {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  if (typeof id === 'string' && id !== '') return `id:${id}`;
  try {
    return `json:${JSON.stringify(item)}`;
  } catch {
    // Too deep to write out (a hostile reply): all such items are one, so a server that sends them
    // on every page reads as repeating itself and the reading stops (the list is incomplete anyway).
    return 'odd';
  }
}

/** The convention two first pages show, or why none does. */
export function conventionOf(first: readonly unknown[], second: readonly unknown[]): PagingConvention | { problem: string } {
  const a = first.map(keyOf);
  const b = second.map(keyOf);
  if (a.length === b.length && a.every((key, i) => key === b[i])) return 'unpaged';
  const overlap = b.filter((key) => a.includes(key)).length;
  if (overlap === 0) return 'pages';
  // offset=1 counted in items: page two is page one shifted by one.
  const shifted = a.slice(1);
  const common = Math.min(shifted.length, b.length);
  if (common > 0 && shifted.slice(0, common).every((key, i) => key === b[i])) return 'items';
  return { problem: 'its first two pages overlap in a way neither paging convention explains (did it change while it was read?)' };
}

export async function readDeploymentListing(
  fetchPage: (offset: number, limit: number) => Promise<PageReply>,
  memory: { remembered?: PagingConvention; remember(convention: PagingConvention): void },
): Promise<DeploymentListing> {
  const raw: unknown[] = [];
  const seen = new Set<string>();
  let pages = 0;
  let totals = false;
  let total: number | undefined;
  const take = (page: PageReply): number => {
    pages += 1;
    if (page.total !== undefined) {
      totals = true;
      total = page.total;
    }
    let fresh = 0;
    for (const item of page.items) {
      const key = keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      raw.push(item);
      fresh += 1;
    }
    return fresh;
  };

  const first = await fetchPage(0, LIST_LIMIT);
  take(first);
  const pageSize = first.items.length;
  const result = (convention: DeploymentListing['paging']['convention'], incomplete?: string): DeploymentListing => {
    const listing = parseItems(raw);
    const reason =
      incomplete ?? (listing.skipped.length > 0 ? `${listing.skipped.length} item${listing.skipped.length === 1 ? '' : 's'} could not be read` : undefined);
    return { ...listing, complete: reason === undefined, ...(reason ? { incomplete: reason } : {}), paging: { convention, pageSize, pages, totals } };
  };
  const reachedTotal = () => total !== undefined && raw.length >= total;
  if (pageSize === 0 || reachedTotal()) return result('single-page');

  const remembered = memory.remembered;
  let convention = remembered;
  let offset: number;
  if (convention === undefined) {
    const second = await fetchPage(1, LIST_LIMIT);
    if (second.items.length === 0) {
      take(second);
      return result('single-page');
    }
    const found = conventionOf(first.items, second.items);
    if (typeof found !== 'string') return result('single-page', found.problem);
    convention = found;
    memory.remember(convention);
    if (convention === 'unpaged') return unpagedResult();
    take(second);
    if (reachedTotal() || second.items.length < pageSize) return result(convention);
    offset = convention === 'pages' ? 2 : 1 + second.items.length;
  } else {
    if (convention === 'unpaged') return unpagedResult();
    offset = convention === 'pages' ? 1 : pageSize;
  }

  // The pages after the first few are asked a few at a time (1, 2, 4, then 8 at once): a list of
  // 1,000 deployments in pages of 10 is then about 15 round trips instead of 100, for at most 7
  // pages asked past the end. They are taken in order, exactly as one by one, and a page past the
  // end of the list is never taken, nor is its failure.
  let atOnce = remembered === undefined ? 2 : 1;
  for (;;) {
    const room = MAX_LIST_PAGES - pages;
    if (room <= 0) return result(convention, `it has more than ${MAX_LIST_PAGES} pages`);
    const left = total === undefined ? Infinity : Math.ceil((total - raw.length) / Math.max(pageSize, 1));
    const offsets = Array.from({ length: Math.max(1, Math.min(atOnce, room, left)) }, (_, i) => (convention === 'pages' ? offset + i : offset + i * pageSize));
    const replies = await Promise.allSettled(offsets.map((at) => fetchPage(at, LIST_LIMIT)));
    for (const reply of replies) {
      if (reply.status === 'rejected') throw reply.reason;
      const page = reply.value;
      if (page.items.length === 0) {
        take(page);
        return result(convention);
      }
      const fresh = take(page);
      // A server that repeats a page for an offset past the end has nothing more to give.
      if (fresh === 0 || reachedTotal() || page.items.length < pageSize) return result(convention);
      if (pages >= MAX_LIST_PAGES) return result(convention, `it has more than ${MAX_LIST_PAGES} pages`);
      offset = convention === 'pages' ? offset + 1 : offset + page.items.length;
    }
    atOnce = Math.min(atOnce * 2, PAGES_AT_ONCE);
  }

  /** A server without paging sent its whole list, unless it sent exactly `limit` items (it may cap there). */
  function unpagedResult(): DeploymentListing {
    if (reachedTotal()) return result('unpaged');
    if (total !== undefined) return result('unpaged', `it ignores "offset" and its total (${total}) is more than the ${raw.length} items it sends`);
    if (pageSize >= LIST_LIMIT) return result('unpaged', `it ignores "offset" and sent exactly ${LIST_LIMIT} items, so there may be more`);
    return result('unpaged');
  }
}

function parseItems(raw: readonly unknown[]): Pick<DeploymentListing, 'deployments' | 'skipped'> {
  const deployments: Deployment[] = [];
  const skipped: SkippedItem[] = [];
  raw.forEach((item, index) => {
    const parsed = deploymentSchema.safeParse(item);
    if (parsed.success) {
      deployments.push(parsed.data);
      return;
    }
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    const issue = parsed.error.issues[0];
    skipped.push({
      ...(typeof id === 'string' && id !== '' ? { id } : {}),
      problem: `item ${index + 1}${issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}`,
    });
  });
  return { deployments, skipped };
}
