// The server's V8 flags live in one place, package.json's config.nodeFlags: `npm start`
// reads them from there, and the README's production command spells out the same.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  config: { nodeFlags: string };
  scripts: Record<string, string>;
};
const flags = manifest.config.nodeFlags;

describe('the server’s V8 flags', () => {
  it('are V8 flags this Node accepts', () => {
    // An unknown flag makes node exit with "bad option" before running anything.
    expect(execFileSync(process.execPath, [...flags.split(' '), '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' })).toBe('ok');
  });

  it('are what `npm start` runs the server with', () => {
    expect(manifest.scripts.start).toBe('node $npm_package_config_nodeFlags --import tsx src/main.ts');
  });

  it('are spelled out in the README’s production command', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const command = readme.split('\n').find((line) => line.includes(' dist/src/main.js') && line.includes('NODE_ENV=production'));
    expect(command).toMatch(new RegExp(` node ${flags} dist/src/main\\.js$`));
  });
});
