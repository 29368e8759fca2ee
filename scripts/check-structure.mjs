// npm run lint runs this: fails when a source file is longer than 400 lines, or when the import graph
// has a cycle. Tests, fixtures and generated files may be longer; the graph takes every file.
//
// The graph joins all workspaces: relative imports and `@dmc/*` imports (resolved through each
// workspace's package.json `exports`), so a cycle between workspaces is found like one inside a
// workspace. Type-only imports (`import type`, `export type … from`) count: the compiler erases them,
// so they never break at run time, but a module that needs another's types cannot be read, changed or
// moved without it, which is the coupling a cycle is about. Dynamic `import()` counts too.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_LINES = 400;

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', '.tmp', 'test-results']);

/** Tests, contract suites, test support, fixtures and generated files: exempt from the line limit. */
export function isExempt(relPath) {
  const parts = relPath.split('/');
  const name = parts[parts.length - 1] ?? '';
  return (
    /\.(test|spec|contract)\.[cm]?[jt]sx?$/.test(name) ||
    /\.gen\.[cm]?[jt]sx?$/.test(name) ||
    parts.some((p) => p === 'test' || p === 'tests' || p === 'fixtures' || p === 'generated') ||
    name === 'fixtures.ts'
  );
}

function walk(dir, root, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, out);
    else if (SOURCE_EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts'))
      out.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return out;
}

/** The workspaces of the repository at `root`: directory, package name and `exports` map. */
export function readWorkspaces(root) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return (pkg.workspaces ?? []).map((dir) => {
    const own = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
    return { dir, name: own.name, exports: own.exports ?? {} };
  });
}

/** Every source file of every workspace, plus the root `scripts/`, as paths relative to `root`. */
export function sourceFiles(root, workspaces) {
  const files = [];
  for (const dir of [...workspaces.map((w) => w.dir), 'scripts']) {
    if (existsSync(path.join(root, dir))) walk(path.join(root, dir), root, files);
  }
  return files.sort();
}

// import … from '…', export … from '…', import '…', import('…'); comments are blanked first.
const IMPORT_PATTERN =
  /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers `text` imports (value and type-only alike). */
export function importSpecifiers(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const specifiers = [];
  for (const match of code.matchAll(IMPORT_PATTERN)) specifiers.push(match[1] ?? match[2]);
  return specifiers;
}

function resolveFile(root, candidate) {
  const tries = [
    candidate,
    ...SOURCE_EXTENSIONS.map((ext) => candidate + ext),
    ...SOURCE_EXTENSIONS.map((ext) => `${candidate}/index${ext}`),
  ];
  // `./x.js` written for `./x.ts`.
  if (/\.[cm]?js$/.test(candidate)) tries.push(candidate.replace(/\.([cm]?)js$/, '.$1ts'));
  for (const t of tries) {
    const full = path.join(root, t);
    if (existsSync(full) && statSync(full).isFile()) return path.posix.normalize(t);
  }
  return undefined;
}

/** The repository file `specifier` (imported from `from`) names, or undefined for packages. */
export function resolveImport(root, workspaces, from, specifier) {
  if (specifier.startsWith('.')) {
    return resolveFile(root, path.posix.join(path.posix.dirname(from), specifier));
  }
  for (const w of workspaces) {
    if (specifier !== w.name && !specifier.startsWith(`${w.name}/`)) continue;
    const key = specifier === w.name ? '.' : `./${specifier.slice(w.name.length + 1)}`;
    const target = typeof w.exports === 'string' && key === '.' ? w.exports : w.exports[key];
    const file = typeof target === 'string' ? target : (target?.import ?? target?.default);
    return file ? resolveFile(root, path.posix.join(w.dir, file)) : undefined;
  }
  return undefined;
}

/** file → the repository files it imports. */
export function importGraph(root, workspaces, files) {
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const targets = new Set();
    for (const specifier of importSpecifiers(text)) {
      const target = resolveImport(root, workspaces, file, specifier);
      if (target !== undefined) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** One cycle per strongly connected component (Tarjan), each as a path that returns to its start. */
export function findCycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  const connect = (start) => {
    // Iterative, so deep graphs do not overflow the call stack.
    const work = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter);
    counter += 1;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next];
        frame.next += 1;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter);
          counter += 1;
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node), low.get(frame.node)));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const isSelfLoop = component.length === 1 && (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || isSelfLoop) components.push(component);
      }
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return components.map((component) => cycleThrough(graph, new Set(component)));
}

/** A shortest path from the component's first file back to itself, inside the component. */
function cycleThrough(graph, members) {
  const start = [...members].sort()[0];
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const cycle = [start];
        for (let at = node; at !== start; at = previous.get(at)) cycle.splice(1, 0, at);
        return [...cycle, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** Source files over `maxLines` that are neither exempt nor allowed. */
export function findLongFiles(root, files, { maxLines = MAX_LINES, allowed = [] } = {}) {
  const long = [];
  for (const file of files) {
    if (isExempt(file) || allowed.includes(file)) continue;
    const text = readFileSync(path.join(root, file), 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > maxLines) long.push({ file, lines });
  }
  return long;
}

/** Both checks over the repository at `root`. */
export function checkStructure(root, options = {}) {
  const workspaces = readWorkspaces(root);
  const files = sourceFiles(root, workspaces);
  return {
    files: files.length,
    longFiles: findLongFiles(root, files, options),
    cycles: findCycles(importGraph(root, workspaces, files)),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { files, longFiles, cycles } = checkStructure(root);
  for (const { file, lines } of longFiles) {
    console.error(`${file}: ${lines} lines (at most ${MAX_LINES} outside tests; split it)`);
  }
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
  if (longFiles.length > 0 || cycles.length > 0) process.exit(1);
  console.log(`structure: ${files} files, none over ${MAX_LINES} lines, no import cycles`);
}
