// Mozilla's own engine as an oracle: bergamot-translator compiled to WebAssembly, run
// under Node, loading a model folder's files from disk rather than from Mozilla's
// registry (a `TranslatorBacking` subclass).
//
// Usage: node bergamot.mjs <request.json>
// The request: {"model": path, "vocabs": [path, ...], "shortlist": path | null,
//               "precision": "int8" | "float32", "sentences": [string, ...]}
// Optional: "repeat": n (default 1) translates the sentences n times over.
// Prints one JSON object: {"translations": [string, ...], "elapsed_ms": number}, each
// sentence translated on its own (one text per sentence, so bergamot's own sentence
// splitter sees one). `elapsed_ms` is the time the translations took, measured here
// (from the first request to the last answer, all repetitions), so Node's start-up and
// the model's loading are not in it: benches/firefox_vs_wasm.rs compares it with
// Hamish's engine.
import {readFile} from 'node:fs/promises';
import {TranslatorBacking} from '@browsermt/bergamot-translator/translator.js';

/** A backing whose only model is the one named on the command line. */
class DiskBacking extends TranslatorBacking {
    constructor(request) {
        super({cacheSize: 0, useNativeIntGemm: false});
        this.request = request;
    }

    /** No registry: nothing is fetched. */
    async loadModelRegistery() {
        return [];
    }

    async getModels({from, to}) {
        return [{from, to}];
    }

    async getTranslationModel() {
        const read = async path => (await readFile(path)).buffer;
        const {model, vocabs, shortlist, precision} = this.request;
        return {
            model: await read(model),
            // Without a shortlist bergamot is given an empty one: every piece is a
            // candidate, as in Hamish without `lex.*.bin`.
            shortlist: shortlist ? await read(shortlist) : new ArrayBuffer(0),
            // One buffer per file: the worker keeps one vocabulary per distinct
            // buffer, and Marian treats the vocabulary as shared (source pieces
            // become shortlist candidates too) only when source and target are
            // the same one, as with Firefox's single `vocab.*.spm`.
            vocabs: await (async () => {
                const byPath = new Map();
                for (const path of vocabs)
                    if (!byPath.has(path)) byPath.set(path, await read(path));
                return vocabs.map(path => byPath.get(path));
            })(),
            config: {
                'gemm-precision': precision === 'float32' ? 'float32' : 'int8shiftAlphaAll',
            },
        };
    }
}

const request = JSON.parse(await readFile(process.argv[2], 'utf-8'));
const backing = new DiskBacking(request);
const {worker, exports} = await backing.loadWorker();
try {
    const pair = {from: 'xx', to: 'yy'};
    await exports.loadTranslationModel(pair, await backing.getTranslationModel(pair));
    let translations = [];
    const started = performance.now();
    for (let round = 0; round < (request.repeat ?? 1); round++) {
        translations = [];
        for (const text of request.sentences) {
            const [response] = await exports.translate({
                models: [pair],
                texts: [{text, html: false, qualityScores: false}],
            });
            translations.push(response.target.text);
        }
    }
    const elapsed_ms = performance.now() - started;
    process.stdout.write(JSON.stringify({translations, elapsed_ms}) + '\n');
} finally {
    worker.terminate();
}
