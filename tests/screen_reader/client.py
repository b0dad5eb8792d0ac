#!/usr/bin/env python3
"""A small screen-reader client for tests/screen_reader.rs: walks Hamish's
accessibility tree on the AT-SPI bus with libatspi (the library Orca is built on),
drives the window with xdotool, listens to the events a screen reader hears, and
prints a JSON report.

Usage: client.py EXPECTED.json REPORT.json
EXPECTED.json holds {"sections": [first, second], "export": "/path/notes.md"}.

Exit status: 0 when every check passed, 1 when one failed (the report says which),
3 when libatspi or xdotool cannot be used here.
"""

import json
import subprocess
import sys
import time

try:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, GLib
except (ImportError, ValueError) as error:
    print(f"libatspi is not available: {error}", file=sys.stderr)
    sys.exit(3)

WAIT_S = 60.0
events = []
checks = []


def pump():
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


def wait_for(what, probe, timeout_s=WAIT_S):
    """Polls `probe` (pumping events) until it returns something true."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        pump()
        try:
            found = probe()
        except GLib.Error:
            found = None
        if found:
            return found
        time.sleep(0.1)
    raise TimeoutError(f"gave up waiting for {what}")


def role(node):
    try:
        return node.get_role_name()
    except GLib.Error:
        return "?"


def name(node):
    try:
        return node.get_name() or ""
    except GLib.Error:
        return ""


def text(node):
    try:
        if "Text" not in node.get_interfaces():
            return None
        return node.get_text(0, -1)
    except GLib.Error:
        return None


def children(node):
    try:
        count = node.get_child_count()
    except GLib.Error:
        return []
    found = []
    for index in range(count):
        try:
            child = node.get_child_at_index(index)
        except GLib.Error:
            continue
        if child is not None:
            found.append(child)
    return found


def walk(node, depth=0, limit=4000):
    """Every node under `node`, depth first, with its depth."""
    stack = [(node, depth)]
    seen = 0
    while stack and seen < limit:
        current, level = stack.pop()
        seen += 1
        yield current, level
        stack.extend((child, level + 1) for child in reversed(children(current)))


def short(value, length=60):
    value = value.replace("\n", " ")
    return value if len(value) <= length else value[: length - 1] + "…"


def tree(app):
    lines = []
    for node, level in walk(app):
        interfaces = []
        try:
            interfaces = [i for i in node.get_interfaces() if i in ("Text", "EditableText", "Action")]
        except GLib.Error:
            pass
        states = []
        try:
            state_set = node.get_state_set()
            states = [s for s, t in (("focused", Atspi.StateType.FOCUSED), ("showing", Atspi.StateType.SHOWING)) if state_set.contains(t)]
        except GLib.Error:
            pass
        lines.append(
            "  " * level
            + f"{role(node)} {short(name(node))!r} [{', '.join(interfaces + states)}]"
        )
    return lines


def is_focused(node):
    try:
        return node.get_state_set().contains(Atspi.StateType.FOCUSED)
    except GLib.Error:
        return False


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True, timeout=30)


def type_into(node, typed):
    """Types `typed` with xdotool, a character at a time, into the focused `node`.

    xdotool types a letter the keyboard map lacks (Arabic, on a US map) by mapping
    it onto a spare key first; the first key after a new mapping can be lost, so a
    character that did not arrive is typed again.
    """
    for end in range(1, len(typed) + 1):
        for _ in range(4):
            xdotool("type", typed[end - 1])
            try:
                wait_for(f"{typed[:end]!r} typed", lambda: text(node) == typed[:end], 3)
                break
            except TimeoutError:
                continue
        else:
            raise TimeoutError(f"{typed[:end]!r} could not be typed: {text(node)!r}")


def check(what, ok, detail=""):
    checks.append({"check": what, "ok": bool(ok), "detail": detail})
    return ok


def on_event(event):
    try:
        source = event.source
        entry = {
            "type": event.type,
            "role": role(source) if source else "",
            "name": short(name(source)) if source else "",
            "detail1": event.detail1,
            "detail2": event.detail2,
        }
        data = event.any_data
        if isinstance(data, str):
            entry["data"] = data
        if event.type.startswith("object:state-changed:focused") and event.detail1 == 1:
            entry["text"] = text(source)
        if event.type.startswith("object:text-caret-moved"):
            entry["text"] = text(source)
        events.append(entry)
    except Exception as error:  # a vanished node: keep listening
        events.append({"type": event.type, "error": str(error)})


def spoken(entry):
    """What Orca would say for one event, roughly."""
    kind = entry["type"]
    if kind.startswith("object:state-changed:focused") and entry.get("detail1") == 1:
        said = entry.get("text") or entry.get("name")
        return f"{said} {entry['role']}"
    if kind.startswith("object:text-changed:insert") and entry.get("role") == "entry":
        # Orca echoes what is typed into an editable field, not changes elsewhere.
        return entry.get("data", "")
    if kind.startswith("object:announcement"):
        return entry.get("data") or entry.get("name")
    return None


def main():
    expected = json.load(open(sys.argv[1], encoding="utf-8"))
    report_path = sys.argv[2]
    report = {"checks": checks}
    status = 1
    try:
        subprocess.run(["xdotool", "version"], check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"xdotool cannot be run: {error}", file=sys.stderr)
        sys.exit(3)
    Atspi.init()
    listener = Atspi.EventListener.new(on_event)
    for kind in (
        "object:text-changed",
        "object:text-caret-moved",
        "object:state-changed:focused",
        "object:announcement",
    ):
        listener.register(kind)
    frame = None
    try:
        desktop = Atspi.get_desktop(0)

        def find_app():
            for app in children(desktop):
                if name(app) != "hamish":
                    continue
                for frame in children(app):
                    if role(frame) == "frame":
                        return app, frame
            return None

        app, frame = wait_for("the window on the bus", find_app)
        first, second = expected["sections"]

        def section(wanted):
            def probe():
                for node, _ in walk(frame):
                    if role(node) == "label" and text(node) == wanted:
                        return node
                return None

            return probe

        first_node = wait_for("the first section", section(first))
        report["tree_before"] = tree(frame)
        check("the window is named after the article", name(frame) == expected["window"], name(frame))
        check(
            "the first section, whole and in order, through the Text interface",
            text(first_node) == first,
            f"{first_node.get_character_count()} characters",
        )
        words = 0
        offset = 0
        count = first_node.get_character_count()
        while offset < count:
            piece = first_node.get_string_at_offset(offset, Atspi.TextGranularity.WORD)
            if piece.end_offset <= offset:
                break
            if any(c.isalnum() for c in piece.content):
                words += 1
            offset = piece.end_offset
        report["first_section_words"] = words
        check("word by word through the first section", words == expected["words"], f"{words} of {expected['words']}")

        # The keys: into the window, the cursor onto the first section, then j.
        window = wait_for(
            "the X window",
            lambda: subprocess.run(
                ["xdotool", "search", "--name", "Hamish"], capture_output=True, text=True
            ).stdout.split(),
        )[0]
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "--clearmodifiers", "Down")
        wait_for("the focus on the first section", lambda: is_focused(first_node))
        xdotool("key", "--clearmodifiers", "j")
        second_node = wait_for("the second section", section(second))
        focused = wait_for("the focus on the second section", lambda: is_focused(second_node), 20)
        check("j moves the focus to the next section", focused)
        check(
            "a focus event for the next section",
            any(
                e["type"].startswith("object:state-changed:focused")
                and e.get("detail1") == 1
                and e.get("text") == second
                for e in events
            ),
        )

        # A note on that section, typed in Arabic and Latin.
        xdotool("key", "--clearmodifiers", "n")

        def note_editor():
            for node, _ in walk(frame):
                if name(node) == "Write a note" and is_focused(node):
                    return node
            return None

        editor = wait_for("the note editor, focused", note_editor)
        typed = "اول note"
        type_into(editor, typed)
        interfaces = editor.get_interfaces()
        check("the note editor is editable text", "EditableText" in interfaces and "Text" in interfaces, str(interfaces))
        check("the note's text", text(editor) == typed, repr(text(editor)))
        check("the note's caret", editor.get_caret_offset() == len(typed), str(editor.get_caret_offset()))
        pump()
        inserted = "".join(
            e.get("data", "") for e in events if e["type"].startswith("object:text-changed:insert")
        )
        check("text-changed events carry what was typed", typed.replace(" ", "") in inserted.replace(" ", ""), repr(inserted))
        check(
            "caret-moved events follow the typing",
            any(e["type"].startswith("object:text-caret-moved") for e in events),
        )
        xdotool("key", "--clearmodifiers", "Escape")

        # Export the notes: Notes ▸ Export as Markdown…, a typed path, a message.
        def named(wanted):
            def probe():
                for node, _ in walk(app):
                    if name(node) == wanted:
                        return node
                return None

            return probe

        wait_for("the note editor left", lambda: not is_focused(editor), 20)
        # A click on a menu toggles it: clicked again only when its items never came.
        for _ in range(4):
            wait_for("the Notes menu", named("Notes")).do_action(0)
            try:
                export_item = wait_for("Export as Markdown…", named("Export as Markdown…"), 5)
                break
            except TimeoutError:
                continue
        else:
            raise TimeoutError("the Notes menu never showed its items")
        export_item.do_action(0)
        path_field = wait_for("the path field", named("Path"))
        wait_for("the path field focused", lambda: is_focused(path_field), 20)
        xdotool("key", "--clearmodifiers", "ctrl+a")
        type_into(path_field, expected["export"])
        xdotool("key", "--clearmodifiers", "Return")
        saved = "Saved: " + expected["export"]

        def announced():
            return [
                e
                for e in events
                if e["type"].startswith("object:announcement")
                and (e.get("data") == saved or e.get("name") == saved)
            ]

        wait_for("the saved message announced", announced, 30)
        # Give a repeat time to come: it must not.
        settle = time.monotonic() + 3.0
        while time.monotonic() < settle:
            pump()
            time.sleep(0.1)
        check("the saved message is announced once", len(announced()) == 1, str(len(announced())))
        report["tree_after"] = tree(frame)
        status = 0 if all(c["ok"] for c in checks) else 1
    except Exception as error:
        check("the walk finished", False, f"{type(error).__name__}: {error}")
        status = 1
        if frame is not None:
            report["tree_at_failure"] = tree(frame)
    report["events"] = events
    report["spoken"] = [said for said in map(spoken, events) if said]
    with open(report_path, "w", encoding="utf-8") as out:
        json.dump(report, out, ensure_ascii=False, indent=1)
    for c in checks:
        print(("ok   " if c["ok"] else "FAIL ") + c["check"] + (f" ({c['detail']})" if c["detail"] else ""))
    sys.exit(status)


if __name__ == "__main__":
    main()
