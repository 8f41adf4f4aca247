import type { Request } from 'express';

/**
 * The type of `offered` the client prefers, as `req.accepts` finds it, but with the media
 * ranges' parameters other than `q` set aside: `text/turtle; charset=utf-8` and `application/
 * ld+json; profile="…#compacted"` ask for Turtle and JSON-LD, which every answer here is in (UTF-8,
 * JSON-LD as it is written). Without this, a range with a parameter matches no type offered
 * without it, and a client that says its charset gets 406.
 */
export function acceptedType(req: Request, offered: readonly string[]): string | false {
  const accept = req.headers.accept;
  if (accept === undefined || !accept.includes(';')) return req.accepts([...offered]);
  const ranges = accept.split(',').map((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim());
    const q = parameters.find((parameter) => /^q\s*=/i.test(parameter));
    return q === undefined ? type : `${type};${q.replace(/\s+/g, '')}`;
  });
  req.headers.accept = ranges.join(', ');
  try {
    return req.accepts([...offered]);
  } finally {
    req.headers.accept = accept;
  }
}
