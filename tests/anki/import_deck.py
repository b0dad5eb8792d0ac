"""Imports Hamish study decks into a fresh Anki collection with Anki's own library
(PyPI `anki`) and prints what Anki holds, as JSON, for tests/study_deck.rs.

usage: import_deck.py COLLECTION_DIR DECK [DECK...]

Each DECK (`.apkg`, or `.tsv`/`.txt` for the text import) is imported in turn into
the same collection, as a reader importing a newer export would: notes already there
(same guid) are updated, never added again. Prints one JSON object: for every import,
how many notes Anki says were new or updated, and at the end every note with its
guid, id, note type, fields, tags and card count.
"""

import json
import os
import sys

from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition


def import_apkg(col, path):
    options = ImportAnkiPackageOptions(
        update_notes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
        update_notetypes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=False,
    )
    response = col.import_anki_package(
        ImportAnkiPackageRequest(package_path=path, options=options)
    )
    log = response.log
    return {
        "new": len(log.new),
        "updated": len(log.updated),
        "duplicate": len(log.duplicate),
        "conflicting": len(log.conflicting),
        "first_field_match": len(log.first_field_match),
        "missing_notetype": len(log.missing_notetype),
    }


def import_text(col, path):
    metadata = col.get_csv_metadata(path=path, delimiter=None)
    request = __import__("anki.import_export_pb2", fromlist=["ImportCsvRequest"]).ImportCsvRequest(
        path=path, metadata=metadata
    )
    response = col.import_csv(request)
    log = response.log
    return {
        "new": len(log.new),
        "updated": len(log.updated),
        "duplicate": len(log.duplicate),
        "conflicting": len(log.conflicting),
        "first_field_match": len(log.first_field_match),
        "missing_notetype": len(log.missing_notetype),
        "guid_column": metadata.guid_column,
        "tags_column": metadata.tags_column,
        "html": metadata.is_html,
    }


def main():
    folder, decks = sys.argv[1], sys.argv[2:]
    os.makedirs(folder, exist_ok=True)
    col = Collection(os.path.join(folder, "collection.anki2"))
    imports = []
    for deck in decks:
        if deck.endswith(".apkg"):
            imports.append(import_apkg(col, deck))
        else:
            imports.append(import_text(col, deck))
    notes = []
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        notes.append(
            {
                "id": note.id,
                "guid": note.guid,
                "notetype": note.note_type()["name"],
                "fields": dict(note.items()),
                "tags": note.tags,
                "cards": len(note.card_ids()),
            }
        )
    decks_named = sorted(d.name for d in col.decks.all_names_and_ids())
    col.close()
    json.dump({"imports": imports, "notes": notes, "decks": decks_named}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
