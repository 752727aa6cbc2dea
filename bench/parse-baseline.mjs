/**
 * The benchmark's yardstick: read every manifest file under the given directories and parse it
 * with a bare js-yaml `loadAll` — nothing else. Prints the document count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ya?ml|json)$/.test(name)) yield path;
  }
}

let documents = 0;
for (const dir of process.argv.slice(2)) {
  for (const file of files(dir)) documents += loadAll(readFileSync(file, 'utf8')).length;
}
console.log(JSON.stringify({ documents }));
