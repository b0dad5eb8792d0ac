// Mozilla's own engine as an oracle: bergamot-translator compiled to WebAssembly, run
// under Node, loading a model folder's files from disk rather than from Mozilla's
// registry (a `TranslatorBacking` subclass).
//
// Usage: node bergamot.mjs <request.json>
// The request: {"model": path, "vocabs": [path, ...], "shortlist": path | null,
//               "precision": "int8" | "float32", "sentences": [string, ...]}
// Prints one JSON object: {"translations": [string, ...]}, each sentence translated
// on its own (one text per sentence, so bergamot's own sentence splitter sees one).
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
    const translations = [];
    for (const text of request.sentences) {
        const [response] = await exports.translate({
            models: [pair],
            texts: [{text, html: false, qualityScores: false}],
        });
        translations.push(response.target.text);
    }
    process.stdout.write(JSON.stringify({translations}) + '\n');
} finally {
    worker.terminate();
}
