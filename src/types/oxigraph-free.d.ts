import 'oxigraph';

declare module 'oxigraph' {
  interface Store {
    /** Releases the store's WebAssembly memory at once (wasm-bindgen); the store is unusable after. */
    free(): void;
  }
}
