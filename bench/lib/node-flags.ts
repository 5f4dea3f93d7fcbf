// The V8 flags the server runs with: package.json's `config.nodeFlags`, which `npm start`,
// the README's production command and CI's production start use too (one place to change).
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { config: { nodeFlags: string } };

export const serverNodeFlags: readonly string[] = manifest.config.nodeFlags.split(' ').filter(Boolean);
