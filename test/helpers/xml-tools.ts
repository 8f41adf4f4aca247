import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's Saxon-HE (libsaxonhe-java): the XSLT 2.0 processor Europeana's schematron needs. */
export const SAXON_JAR = '/usr/share/java/Saxon-HE.jar';

/**
 * Why the XML tools (xmllint, Java with Saxon-HE, the oai_pmh harvester) cannot run here, or
 * undefined when they can. Under CULTUURGRAAF_REQUIRE_XML_TOOLS (set by .ci/run, which installs
 * them) a missing tool fails the run instead of skipping the tests that need it.
 */
export function missingXmlTools(): string | undefined {
  const tools: ReadonlyArray<readonly [string, string, string]> = [
    ['xmllint', '/usr/bin/xmllint', 'libxml2-utils'],
    ['Saxon-HE', SAXON_JAR, 'libsaxonhe-java'],
    ['java', '/usr/bin/java', 'default-jre-headless'],
    ['oai_pmh', '/usr/bin/oai_pmh', 'libhttp-oai-perl'],
  ];
  const missing = tools.filter(([, path]) => !existsSync(path)).map(([tool, , pkg]) => `${tool} (Debian ${pkg})`);
  if (missing.length === 0) return undefined;
  const reason = `Not installed: ${missing.join(', ')}; .ci/run installs them.`;
  if (process.env.CULTUURGRAAF_REQUIRE_XML_TOOLS) throw new Error(reason);
  return reason;
}

/** What xmllint said of each file: undefined when it validates, else its errors. */
export interface XsdVerdict {
  readonly file: string;
  readonly errors: string | undefined;
}

/**
 * Validates XML files against an XSD with `xmllint --schema --nonet` (never fetching), many
 * files per call. `catalog` (an XML catalog file) maps remote schema locations to local copies.
 */
export async function validateWithXsd(files: readonly string[], schema: string, catalog?: string): Promise<XsdVerdict[]> {
  const verdicts: XsdVerdict[] = [];
  const env = { ...process.env, ...(catalog === undefined ? {} : { XML_CATALOG_FILES: catalog }) };
  for (let start = 0; start < files.length; start += 200) {
    const chunk = files.slice(start, start + 200);
    const output = await run('xmllint', ['--noout', '--nonet', ...(catalog === undefined ? [] : ['--catalogs']), '--schema', schema, ...chunk], {
      env, maxBuffer: 64 * 1024 * 1024,
    }).then(({ stderr }) => stderr, (error: unknown) => (error as { stderr?: string }).stderr ?? (error instanceof Error ? error.message : 'xmllint failed'));
    for (const file of chunk) {
      // xmllint prints "<file> validates" or "<file> fails to validate", with the errors before it.
      const lines = output.split('\n');
      const ok = lines.includes(`${file} validates`);
      const errors = lines.filter((line) => line.startsWith(`${file}:`)).join('\n');
      verdicts.push({ file, errors: ok ? undefined : errors === '' ? `${file}: no verdict from xmllint:\n${output}` : errors });
    }
  }
  return verdicts;
}

/** A failed assertion of a schematron run: the file and the assertion's text. */
export interface SchematronFailure {
  readonly file: string;
  readonly message: string;
}

/**
 * Runs an XSLT 2.0 schematron (compiled to XSLT, as Europeana ships it) over every `.xml` file
 * of `dir` in one Saxon-HE run, and returns the failed assertions (`svrl:failed-assert`).
 */
export async function runSchematron(dir: string, xsl: string, outDir: string): Promise<SchematronFailure[]> {
  mkdirSync(outDir, { recursive: true });
  await run('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', `-s:${dir}`, `-xsl:${xsl}`, `-o:${outDir}`], { maxBuffer: 64 * 1024 * 1024 });
  const failures: SchematronFailure[] = [];
  for (const name of readdirSync(outDir).filter((file) => file.endsWith('.xml')).sort()) {
    const svrl = readFileSync(join(outDir, name), 'utf8');
    for (const match of svrl.matchAll(/<svrl:failed-assert\b[\s\S]*?<\/svrl:failed-assert>/g)) {
      const text = match[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
      failures.push({ file: name, message: text });
    }
  }
  return failures;
}

/** Writes each named XML text into `dir`, returning the paths. */
export function writeXmlFiles(dir: string, files: ReadonlyArray<readonly [string, string]>): string[] {
  mkdirSync(dir, { recursive: true });
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}

/** What Europeana's two checks say of a folder of EDM records: the XSD per file, and the schematron's failed assertions. */
export async function validateEdmDir(dir: string, schemas: string): Promise<{ invalid: XsdVerdict[]; failures: SchematronFailure[]; files: number }> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.xml')).sort().map((name) => join(dir, name));
  const verdicts = await validateWithXsd(files, join(schemas, 'EDM.xsd'));
  const failures = files.length === 0 ? [] : await runSchematron(dir, join(schemas, 'schematron', 'schematron.xsl'), `${dir}.svrl`);
  return { invalid: verdicts.filter((verdict) => verdict.errors !== undefined), failures, files: files.length };
}
