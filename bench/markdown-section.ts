import { readFile, writeFile } from 'node:fs/promises';

const INTRO = `# Benchmarks

Figures measured by the scripts in \`bench/\` (see \`bench/README.md\`). Each section is rewritten
by its script between its markers; edit the text outside the markers only.
`;

/**
 * Writes `content` between `<!-- bench:{name}:start -->` and `<!-- bench:{name}:end -->` in a
 * markdown file, replacing what was there, appending the section when the markers are missing
 * and creating the file (with a short intro) when it does not exist.
 */
export async function writeMarkedSection(path: string, name: string, content: string): Promise<void> {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${content.trimEnd()}\n${end}`;
  const existing = await readFile(path, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return INTRO;
    throw error;
  });
  const from = existing.indexOf(start);
  const to = existing.indexOf(end, from);
  const next = from !== -1 && to !== -1
    ? `${existing.slice(0, from)}${block}${existing.slice(to + end.length)}`
    : `${existing.trimEnd()}\n\n${block}\n`;
  await writeFile(path, next, 'utf8');
}
