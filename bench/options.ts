/**
 * Command-line options of the bench and diagnostic scripts (`--name value`, `--set key=value` repeatable).
 * A few flags, so no parser: the value after `--name`, or the fallback.
 */

/** The value after `--name` on the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Every value given after `--name` (a repeatable option such as `--set key=value`), in order. */
export function repeatedOption(name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < process.argv.length; i++) if (process.argv[i] === `--${name}`) values.push(process.argv[i + 1]);
  return values;
}
