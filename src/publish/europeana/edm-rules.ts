import type { EdmType } from './edm-model.js';

/**
 * The `edm:type` of a record, and the rule that gave it: the digital object's file type first
 * (a 3D model, sound, video or a PDF), then the object's names (a book or a letter is TEXT, a
 * film VIDEO, a sound recording SOUND), else IMAGE, which is what Europeana shows of a painting,
 * a chair or a medal: its photograph.
 */
export function edmType(images: readonly string[], objectNames: readonly string[]): { type: EdmType; reason: string } {
  const byFile: ReadonlyArray<[RegExp, EdmType]> = [
    [/\.(glb|gltf|obj|stl|ply|usdz|x3d)$/i, '3D'], [/\.(mp3|wav|ogg|flac|m4a)$/i, 'SOUND'], [/\.(mp4|webm|mov|ogv)$/i, 'VIDEO'], [/\.pdf$/i, 'TEXT'],
  ];
  for (const image of images) {
    const path = image.replace(/[?#].*$/, '');
    const found = byFile.find(([pattern]) => pattern.test(path));
    if (found !== undefined) return { type: found[1], reason: `the digital object <${image}> is a ${found[1] === '3D' ? '3D model' : found[1].toLowerCase()} file` };
  }
  const byName: ReadonlyArray<[RegExp, EdmType]> = [
    [/\b(boek|book|manuscript|handschrift|brief|letter|document|tijdschrift|krant|newspaper|periodical|oorkonde|charter|akte|archiefstuk|getijdenboek|incunabel|drukwerk)/i, 'TEXT'],
    [/\b(geluidsopname|sound recording|audio|grammofoonplaat|geluidsdrager)/i, 'SOUND'],
    [/\b(film|video|bewegend beeld|moving image)/i, 'VIDEO'],
    [/\b(3d-model|3d model)/i, '3D'],
  ];
  for (const name of objectNames) {
    const found = byName.find(([pattern]) => pattern.test(name));
    if (found !== undefined) return { type: found[1], reason: `its object name "${name}" is ${found[1]}` };
  }
  return { type: 'IMAGE', reason: 'a physical object, which Europeana shows through its image' };
}

/** The IIIF Image API service of an image URL in the API's form (`{service}/{region}/{size}/{rotation}/{quality}.{format}`). */
export function iiifService(image: string): string | undefined {
  const match = /^(https?:\/\/.+?)\/(full|square|\d+,\d+,\d+,\d+|pct:[\d.,]+)\/(full|max|\^?!?\d*,\d*|\^?pct:[\d.]+)\/!?\d+(\.\d+)?\/(default|color|gray|bitonal|native)\.(jpg|jpeg|png|tif|gif|jp2|webp)$/.exec(image);
  return match?.[1];
}

/** The first and last year of a simple EDTF date (`1905`, `1905~`, `1454/1456`, `1925-03-01`), if it is one. */
export function edtfYears(edtf: string): { begin: string; end: string } | undefined {
  const year = (part: string): string | undefined => /^(-?\d{4})(-\d{2}(-\d{2})?)?[~?%]?$/.exec(part.trim())?.[1];
  const [first, second] = edtf.split('/');
  const begin = first === undefined || first === '..' ? undefined : year(first);
  const end = second === undefined ? begin : second === '..' ? undefined : year(second);
  if (begin === undefined && end === undefined) return undefined;
  return { begin: begin ?? end ?? '', end: end ?? begin ?? '' };
}
