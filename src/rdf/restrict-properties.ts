/**
 * A record's canonical N-Quads without the statements whose predicate is one of `restricted`,
 * and without what only those statements led to: every other node the record describes (blank
 * nodes, IRIs of its own with a fragment such as `<person#birth>`, and the descriptions of other
 * IRIs it holds, such as a birth place's name) that was reachable before and is not any more
 * loses its statements too. Reachable is from where the record starts: its own IRI and the
 * subjects nothing in it refers to (`<doc#this>`), which stay. Nodes only a cycle of their own
 * reaches stay as they were.
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
  if (!lines.some((line) => line.dependentObject !== undefined)) return joined(kept);
  // Where the record starts: its own IRI, and the subjects nothing in it refers to (a document's
  // `<doc#this>`, a second subject a loaded graph holds), judged on the record as it is.
  const referred = new Set(lines.flatMap((line) => (line.dependentObject === undefined ? [] : [line.dependentObject])));
  const roots = new Set(lines.filter((line) => !line.dependentSubject || !referred.has(line.subject)).map((line) => line.subject));
  const before = reachable(lines, roots);
  const after = reachable(kept, roots);
  return joined(kept.filter((line) => !before.has(line.subject) || after.has(line.subject)));
}

interface Line {
  readonly text: string;
  readonly subject: string;
  readonly predicate: string;
  /** The subject is another node than the record's own IRI (a blank node, a fragment, a place it names). */
  readonly dependentSubject: boolean;
  /** The object, when it is such a node. */
  readonly dependentObject: string | undefined;
}

function parts(text: string): Line {
  const subjectEnd = text.indexOf(' ');
  const predicateEnd = text.indexOf(' ', subjectEnd + 1);
  const subject = text.slice(0, subjectEnd);
  const predicate = text.slice(subjectEnd + 2, predicateEnd - 1);
  // Canonical N-Quads: the last term before " ." is the record's graph.
  const record = `<${text.slice(text.lastIndexOf(' <', text.length - 3) + 2, text.lastIndexOf('>'))}>`;
  const objectStart = predicateEnd + 1;
  let object: string | undefined;
  if (text.startsWith('_:', objectStart)) object = text.slice(objectStart, text.indexOf(' ', objectStart));
  else if (text.startsWith('<', objectStart)) object = text.slice(objectStart, text.indexOf('>', objectStart) + 1);
  return { text, subject, predicate, dependentSubject: subject !== record, dependentObject: object !== undefined && object !== record ? object : undefined };
}

/** The nodes `roots` reach through `lines`, the roots included. */
function reachable(lines: readonly Line[], roots: ReadonlySet<string>): Set<string> {
  const out = new Map<string, string[]>();
  for (const line of lines) {
    if (line.dependentObject === undefined) continue;
    const targets = out.get(line.subject) ?? [];
    targets.push(line.dependentObject);
    out.set(line.subject, targets);
  }
  return reach([...roots], out);
}

/** The nodes `start` reaches through `edges` (a node's targets), `start` included. */
export function reach(start: readonly string[], edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const next of edges.get(node) ?? []) {
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
