declare module 'rdf-canonize' {
  interface CanonTerm {
    termType: string;
    value: string;
    datatype?: { termType: string; value: string };
    language?: string;
  }
  interface CanonQuad {
    subject: CanonTerm;
    predicate: CanonTerm;
    object: CanonTerm;
    graph: CanonTerm;
  }
  interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    /** Filled with input blank-node id → canonical id (`c14nN`). */
    canonicalIdMap?: Map<string, string>;
    maxWorkFactor?: number;
    format?: 'application/n-quads';
    signal?: AbortSignal;
  }
  export function canonize(input: readonly CanonQuad[], options: CanonizeOptions): Promise<string>;
  export const NQuads: {
    serializeQuad(quad: CanonQuad): string;
  };
}
