/** One instruction of a Dockerfile: its keyword, its arguments and the comment lines right above it. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
  comments: string[];
}

/** Instructions in order: line continuations joined, comments attached to the next instruction. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let comments: string[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (pending === undefined && line.startsWith('#')) {
      comments.push(line.replace(/^#\s?/, ''));
      return;
    }
    if (pending === undefined && line === '') {
      comments = [];
      return;
    }
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1) : line;
    pending = pending ? { ...pending, text: `${pending.text} ${body}` } : { text: body, line: index + 1 };
    if (continued) return;
    const match = /^(\S+)\s*(.*)$/.exec(pending.text.trim());
    if (match) {
      instructions.push({
        keyword: match[1]!.toUpperCase(),
        args: match[2]!.replace(/\s+/g, ' ').trim(),
        line: pending.line,
        comments,
      });
    }
    comments = [];
    pending = undefined;
  });
  return instructions;
}

/** A broken rule, with the line it concerns. */
export interface Violation {
  rule: string;
  line: number;
  message: string;
}

const rootUsers = new Set(['root', '0']);

/**
 * hadolint-style checks: pinned base images (a version tag or a digest, never `latest`), a non-root `USER` in
 * the final stage, `npm ci` rather than `npm install`, no `ADD` of URLs, apt installs without recommends and
 * with cleaned lists, a `HEALTHCHECK` (`NONE` only with a comment saying why), an exec-form `ENTRYPOINT`.
 */
export function lintDockerfile(text: string): Violation[] {
  const instructions = parseDockerfile(text);
  const violations: Violation[] = [];
  const stages = new Set<string>();
  const flag = (rule: string, at: Instruction | undefined, message: string) =>
    violations.push({ rule, line: at?.line ?? 0, message });
  let finalStage = -1;
  instructions.forEach((instruction, index) => {
    const { keyword, args } = instruction;
    if (keyword === 'FROM') {
      finalStage = index;
      const [image = '', , alias] = args.split(' ').filter((part) => !part.startsWith('--'));
      if (alias) stages.add(alias.toLowerCase());
      if (stages.has(image.toLowerCase()) && image.toLowerCase() !== alias?.toLowerCase()) return;
      const [reference = '', digest] = image.split('@');
      const tag = reference.includes(':') ? reference.slice(reference.lastIndexOf(':') + 1) : '';
      if (tag === 'latest') flag('no-latest', instruction, `${image} uses the latest tag`);
      else if (!digest && !/\d/.test(tag))
        flag('pinned-base', instruction, `${image} has no version tag or digest`);
    }
    if (keyword === 'RUN') {
      if (/\bnpm (install|i)\b/.test(args)) flag('npm-ci', instruction, 'use npm ci, not npm install');
      if (/\bapt-get install\b/.test(args)) {
        if (!args.includes('--no-install-recommends'))
          flag('apt-recommends', instruction, 'apt-get install without --no-install-recommends');
        if (!args.includes('rm -rf /var/lib/apt/lists'))
          flag('apt-lists', instruction, 'apt lists are not removed after install');
      }
    }
    if (keyword === 'ADD' && /(^|\s)(https?|git):\/\//.test(args))
      flag('no-add-url', instruction, 'ADD of a URL: download in a RUN with a checksum instead');
  });
  const final = instructions.slice(Math.max(finalStage, 0));
  const user = final.filter((i) => i.keyword === 'USER').at(-1);
  if (!user) flag('non-root', instructions[finalStage], 'the final stage sets no USER (runs as root)');
  else if (rootUsers.has(user.args.split(':')[0]!)) flag('non-root', user, `USER ${user.args} is root`);
  const health = final.filter((i) => i.keyword === 'HEALTHCHECK').at(-1);
  if (!health)
    flag('healthcheck', instructions[finalStage], 'no HEALTHCHECK (or HEALTHCHECK NONE with a reason)');
  else if (health.args === 'NONE' && health.comments.length === 0)
    flag('healthcheck', health, 'HEALTHCHECK NONE needs a comment saying why');
  const entrypoint = final.filter((i) => i.keyword === 'ENTRYPOINT').at(-1);
  if (!entrypoint?.args.startsWith('['))
    flag('exec-entrypoint', entrypoint, 'the ENTRYPOINT must be in exec form (a JSON array)');
  if (!instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args)))
    flag('npm-ci', undefined, 'the build installs no dependencies with npm ci');
  return violations;
}

/** The exec-form ENTRYPOINT of the final stage, parsed. */
export function entrypointOf(text: string): string[] {
  const entrypoint = parseDockerfile(text)
    .filter((i) => i.keyword === 'ENTRYPOINT')
    .at(-1);
  return entrypoint ? (JSON.parse(entrypoint.args) as string[]) : [];
}
