import type * as RDF from '@rdfjs/types';
import { SKOS } from '../vocab/vocabularies.js';
import { listed } from './listed.js';

/**
 * The `skos:broader` links of a list's concepts, gathered while they are imported, and what is
 * wrong with them: a concept broader than itself, a cycle, and a broader concept that is not in
 * the list (outside it, or deleted by this very import). SKOS forbids none of these, so they are
 * warnings; each breaks the hierarchy that pages and collection tools show.
 */
export class Hierarchy {
  private readonly parents = new Map<string, string[]>();

  add(iri: string, quads: readonly RDF.Quad[]): void {
    const parents = quads.filter((q) => q.subject.value === iri && q.predicate.value === SKOS.broader && q.object.termType === 'NamedNode').map((q) => q.object.value);
    if (parents.length > 0) this.parents.set(iri, [...new Set(parents)]);
  }

  /** The warnings, given the list's concepts and those this import deletes. */
  problems(concepts: ReadonlySet<string>, deleted: ReadonlySet<string>): string[] {
    const warnings: string[] = [];
    const selfLoops = [...this.parents].filter(([child, parents]) => parents.includes(child)).map(([child]) => `<${child}>`);
    if (selfLoops.length > 0) warnings.push(`${counted(selfLoops.length, 'concept names', 'concepts name')} itself as broader: ${listed(selfLoops, '; ')}`);
    const cycles = this.cycles();
    if (cycles.length > 0) {
      warnings.push(`the broader links go round in ${counted(cycles.length, 'cycle', 'cycles')}, so the hierarchy has no top there: ${listed(cycles.map((cycle) => [...cycle, cycle[0]].map((iri) => `<${iri}>`).join(' → ')), '; ')}`);
    }
    const toDeleted: string[] = [];
    const outside: string[] = [];
    for (const [child, parents] of this.parents) {
      for (const parent of parents) {
        if (concepts.has(parent)) continue;
        (deleted.has(parent) ? toDeleted : outside).push(`<${child}> → <${parent}>`);
      }
    }
    if (toDeleted.length > 0) warnings.push(`${counted(toDeleted.length, 'broader link leads', 'broader links lead')} to a concept this import deletes: ${listed(toDeleted, '; ')}`);
    if (outside.length > 0) warnings.push(`${counted(outside.length, 'broader link leads', 'broader links lead')} to a concept that is not in the list, where its hierarchy stops: ${listed(outside, '; ')}`);
    return warnings;
  }

  /** Cycles of two or more concepts, each once (self-loops are reported apart). */
  private cycles(): string[][] {
    const state = new Map<string, 'open' | 'done'>();
    const found: string[][] = [];
    for (const start of this.parents.keys()) {
      if (state.has(start)) continue;
      // Depth first without recursion: deep hierarchies would exhaust the stack.
      const path: string[] = [start];
      const next: number[] = [0];
      state.set(start, 'open');
      while (path.length > 0) {
        const node = path[path.length - 1] as string;
        const parents = this.parents.get(node) ?? [];
        const i = next[next.length - 1] as number;
        if (i >= parents.length) {
          state.set(node, 'done');
          path.pop();
          next.pop();
          continue;
        }
        next[next.length - 1] = i + 1;
        const parent = parents[i] as string;
        if (parent === node) continue;
        const seen = state.get(parent);
        if (seen === 'open') found.push(path.slice(path.indexOf(parent)));
        else if (seen === undefined && this.parents.has(parent)) {
          state.set(parent, 'open');
          path.push(parent);
          next.push(0);
        }
      }
    }
    return found;
  }
}

function counted(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
