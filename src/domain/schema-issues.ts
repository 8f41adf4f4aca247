import type { z } from 'zod';

/**
 * What a schema found wrong, one issue after the other, each under the field it is about (`a.b:`);
 * an issue about the value as a whole is its message alone.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`)).join('; ');
}
