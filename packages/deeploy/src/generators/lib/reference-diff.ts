/**
 * What replacing a reference changes, in words a reviewer can check: the kind (`blob → docker`)
 * and each field that differs. URLs are shown without credentials or query strings: an old file
 * may hold a signed URL, and no secret may reach the output.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `https://user:pw@host/p?sig=x` → `https://host/p?…`: safe to print. */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (!url.username && !url.password && !url.search) return text;
  const query = url.search ? '?…' : '';
  url.username = '';
  url.password = '';
  url.search = '';
  return `${url.toString()}${query}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(redactUrl(value));
  return JSON.stringify(value);
}

/** `{docker: {image, port}}` → `docker.image`, `docker.port` with their values. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!isObject(value)) {
    if (prefix) out.set(prefix, value);
    return out;
  }
  for (const [key, member] of Object.entries(value)) {
    for (const [path, leaf] of leaves(member, prefix ? `${prefix}.${key}` : key)) out.set(path, leaf);
  }
  return out;
}

function kindsOf(reference: unknown): string {
  return isObject(reference) ? Object.keys(reference).sort().join('+') || '(no kind)' : '(no kind)';
}

/**
 * Lines describing the change from `before` (the old file's parsed JSON; undefined when there was
 * none) to `after` (the new file). Empty when nothing changes.
 */
export function describeReferenceChange(before: unknown, after: { reference: Json }): string[] {
  const oldReference = isObject(before) ? before.reference : undefined;
  const lines: string[] = [];
  const oldKinds = kindsOf(oldReference);
  const newKinds = kindsOf(after.reference);
  if (oldKinds !== newKinds) lines.push(`kind: ${oldKinds} → ${newKinds}`);
  const oldLeaves = leaves(oldReference);
  const newLeaves = leaves(after.reference);
  const paths = [...new Set([...oldLeaves.keys(), ...newLeaves.keys()])].sort();
  for (const path of paths) {
    const was = oldLeaves.get(path);
    const now = newLeaves.get(path);
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    if (was === undefined) lines.push(`${path}: set to ${show(now)}`);
    else if (now === undefined) lines.push(`${path}: removed (was ${show(was)})`);
    else lines.push(`${path}: ${show(was)} → ${show(now)}`);
  }
  return lines;
}
