import type { EdmType } from './edm-model.js';

/**
 * The `edm:type` of a record, and the rule that gave it: the digital object's file type first
 * (a 3D model, sound, video or a PDF), then the object's names, as whole words (a book or a
 * letter is TEXT; a film VIDEO, a sound recording SOUND, unless its only digital objects are
 * still images), else IMAGE, which is what Europeana shows of a painting, a chair or a medal:
 * its photograph.
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
  // Whole words (and their plurals), so a bookcase (boekenkast) or a postcard (briefkaart) is no text.
  const byName: ReadonlyArray<[RegExp, EdmType]> = [
    [/\b(boek(en)?|books?|manuscript(en|s)?|handschrift(en)?|brie(f|ven)|letters?|document(en|s)?|tijdschrift(en)?|krant(en)?|newspapers?|periodicals?|oorkonden?|charters?|akten?|archiefstuk(ken)?|getijdenboek(en)?|incunabel(en)?|drukwerk(en)?)\b/i, 'TEXT'],
    [/\b(geluidsopnamen?|sound recordings?|audio ?opnamen?|grammofoonplaat|grammofoonplaten|geluidsdragers?)\b/i, 'SOUND'],
    [/\b(films?|video'?s?|bewegend beeld|moving images?)\b/i, 'VIDEO'],
    [/\b(3d-model(len)?|3d models?)\b/i, '3D'],
  ];
  // A text shown as images of its pages is TEXT; a film, a recording or a model shown only as a
  // still is an IMAGE to Europeana, whose checks look for the video, sound or model itself.
  const stillsOnly = images.length > 0 && images.every((image) => /\.(jpe?g|png|tiff?|gif|jp2|webp)$/i.test(image.replace(/[?#].*$/, '')));
  for (const name of objectNames) {
    const found = byName.find(([pattern, type]) => pattern.test(name) && (type === 'TEXT' || !stillsOnly));
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
