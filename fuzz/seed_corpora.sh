#!/bin/sh
# Seeds each fuzz target's corpus from the test fixtures, then the targets run as
#   cargo +nightly fuzz run TARGET -- -max_total_time=SECONDS
# (from this folder). Corpora and crashes stay out of git (see .gitignore).
set -eu
cd "$(dirname "$0")"
fixtures=../tests/fixtures/translation
mkdir -p corpus/import corpus/tmx corpus/xliff corpus/aligned corpus/sidecar corpus/glossary
cp ../assets/samples/*.txt corpus/import/
cp "$fixtures"/*.tmx corpus/tmx/
cp "$fixtures"/*.xlf "$fixtures"/*.xliff corpus/xliff/
cp "$fixtures"/*.en.txt ../assets/samples/*.en.txt corpus/aligned/ 2>/dev/null || cp "$fixtures"/*.en.txt corpus/aligned/
# A sidecar of each shape the store writes, from the unit tests' samples.
for file in ../src/store/format.rs ../src/store/article_notes/tests.rs; do
    python3 - "$file" corpus/sidecar <<'PY'
import re, sys, hashlib, pathlib
text = pathlib.Path(sys.argv[1]).read_text()
for match in re.finditer(r'r#"(\{\s*"format": "hamish-notes".*?)"#', text, re.S):
    body = match.group(1).replace("{{", "{").replace("}}", "}")
    name = hashlib.sha1(body.encode()).hexdigest()[:16]
    (pathlib.Path(sys.argv[2]) / name).write_text(body)
PY
done
printf 'الرئيس\tthe president\n# a comment\nمجلس الأمن\tthe Security Council\nno tab here\n' > corpus/glossary/seed.tsv
