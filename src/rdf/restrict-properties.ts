/**
 * A record's canonical N-Quads without the statements whose predicate is one of `restricted`,
 * and without what only those statements led to: blank nodes (an address, a birth event) that
 * were reachable from an IRI subject before and are not any more lose their statements too.
 * Blank nodes that no IRI subject reached in the first place stay as they were.
 */
export function withoutProperties(nquads: string, restricted: ReadonlySet<string> | readonly string[]): string {
  const predicates = restricted instanceof Set ? restricted as ReadonlySet<string> : new Set(restricted);
  if (predicates.size === 0) return nquads;
  // Most records hold none of the restricted properties: answer those without reading lines.
  let mentions = false;
  for (const predicate of predicates) {
    if (nquads.includes(` <${predicate}> `)) {
      mentions = true;
      break;
    }
  }
  if (!mentions) return nquads;

  const lines = nquads.split('\n').filter((line) => line !== '').map(parts);
  const kept = lines.filter((line) => !predicates.has(line.predicate));
  if (!lines.some((line) => line.blankObject !== undefined)) return joined(kept);
  const before = reachable(lines);
  const after = reachable(kept);
  return joined(kept.filter((line) => !line.subject.startsWith('_:') || !before.has(line.subject) || after.has(line.subject)));
}

interface Line {
  readonly text: string;
  readonly subject: string;
  readonly predicate: string;
  readonly blankObject: string | undefined;
}

function parts(text: string): Line {
  const subjectEnd = text.indexOf(' ');
  const predicateEnd = text.indexOf(' ', subjectEnd + 1);
  const subject = text.slice(0, subjectEnd);
  const predicate = text.slice(subjectEnd + 2, predicateEnd - 1);
  const blankObject = text.startsWith('_:', predicateEnd + 1) ? text.slice(predicateEnd + 1, text.indexOf(' ', predicateEnd + 1)) : undefined;
  return { text, subject, predicate, blankObject };
}

/** The blank nodes reachable from IRI subjects through `lines`. */
function reachable(lines: readonly Line[]): Set<string> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const line of lines) {
    if (line.blankObject === undefined) continue;
    if (line.subject.startsWith('_:')) {
      const targets = out.get(line.subject) ?? [];
      targets.push(line.blankObject);
      out.set(line.subject, targets);
    } else if (!seen.has(line.blankObject)) {
      seen.add(line.blankObject);
      queue.push(line.blankObject);
    }
  }
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const next of out.get(node) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

function joined(lines: readonly Line[]): string {
  return lines.length === 0 ? '' : `${lines.map((line) => line.text).join('\n')}\n`;
}
