declare module 'edtf' {
  /** Parses an EDTF (ISO 8601-2) string; throws when it is none. Only the throwing is used here. */
  export default function edtf(text: string): unknown;
}
