import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStructure, findCycles, importSpecifiers } from './check-structure.mjs';

/** Writes `files` (path → text) under a fresh directory with two workspaces, `app` and `lib`. */
function fixtureTree(files) {
  const root = mkdtempSync(path.join(tmpdir(), 'dmc-structure-'));
  const all = {
    'package.json': JSON.stringify({ workspaces: ['app', 'lib'] }),
    'app/package.json': JSON.stringify({ name: '@dmc/app' }),
    'lib/package.json': JSON.stringify({ name: '@dmc/lib', exports: { '.': './src/index.ts' } }),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const lines = (n) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';

describe('check-structure', () => {
  const roots = [];
  const tree = (files) => {
    const root = fixtureTree(files);
    roots.push(root);
    return root;
  };
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('passes a tree without cycles or long files', () => {
    const root = tree({
      'app/src/main.ts':
        "import { a } from './a';\nimport { lib } from '@dmc/lib';\nexport const m = [a, lib];\n",
      'app/src/a.ts': "import type { Lib } from '@dmc/lib';\nexport const a: Lib = 1;\n",
      'lib/src/index.ts': 'export type Lib = number;\nexport const lib = 2;\n',
    });
    expect(checkStructure(root)).toEqual({ files: 3, longFiles: [], cycles: [] });
  });

  it('finds a cycle through several files, also when one edge is type-only', () => {
    const root = tree({
      'app/src/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'app/src/b.ts': "import { c } from './sub';\nexport const b = c;\n",
      'app/src/sub/index.ts': "import type { A } from '../a';\nexport const c: A | 1 = 1;\n",
      'app/src/leaf.ts': "import { a } from './a';\nexport const leaf = a;\n",
    });
    expect(checkStructure(root).cycles).toEqual([
      ['app/src/a.ts', 'app/src/b.ts', 'app/src/sub/index.ts', 'app/src/a.ts'],
    ]);
  });

  it('finds a cycle between workspaces through @dmc/* imports', () => {
    const root = tree({
      'app/src/main.ts': "import { lib } from '@dmc/lib';\nexport const main = lib;\n",
      'lib/src/index.ts': "export { helper as lib } from './helper';\n",
      'lib/src/helper.ts': "import { main } from '../../app/src/main';\nexport const helper = () => main;\n",
    });
    expect(checkStructure(root).cycles).toEqual([
      ['app/src/main.ts', 'lib/src/index.ts', 'lib/src/helper.ts', 'app/src/main.ts'],
    ]);
  });

  it('reports one cycle per tangle and a file importing itself', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['b']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'a'],
      ['d', 'd'],
    ]);
  });

  it('fails source files over 400 lines, but not tests, fixtures or allowed files', () => {
    const root = tree({
      'app/src/ok.ts': lines(400),
      'app/src/long.ts': lines(401),
      'app/src/allowed.ts': lines(500),
      'app/src/long.test.ts': lines(900),
      'app/test/support/helpers.ts': lines(900),
      'app/src/fixtures/big.ts': lines(900),
    });
    expect(checkStructure(root, { allowed: ['app/src/allowed.ts'] }).longFiles).toEqual([
      { file: 'app/src/long.ts', lines: 401 },
    ]);
  });

  it('reads import specifiers, not commented-out imports', () => {
    const text = [
      "import type { A } from './a';",
      "import {\n  b,\n  type B,\n} from '@dmc/lib';",
      "export * from './c';",
      "import './side-effect';",
      "const lazy = () => import('./lazy');",
      "// import { gone } from './gone';",
      "/* export { x } from './x'; */",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./a', '@dmc/lib', './c', './side-effect', './lazy']);
  });
});
