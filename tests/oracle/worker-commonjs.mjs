// The package is `"type": "module"` but its worker uses `require`, so under Node 20 the
// worker fails with "require is not defined in ES module scope". A package.json holding
// `{"type":"commonjs"}` in its worker folder makes Node read the worker as CommonJS.
// Run by `npm ci` (postinstall); writes only inside node_modules.
import {writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';

const require = createRequire(import.meta.url);
const translator = require.resolve('@browsermt/bergamot-translator/translator.js');
writeFileSync(join(dirname(translator), 'worker', 'package.json'), '{"type":"commonjs"}\n');
