#!/bin/sh
# Makes docs/screenshot.png, the picture at the top of the README: Hamish at its
# default layout in a 1280 × 820 window, showing sample 003 beside its English
# translation (assets/samples/003_2dd66c1bbdc4b7f0.en.txt), with a fresh home so no
# preference of yours shows. Run it again whenever the look of the page changes:
#
#     docs/screenshot.sh            # builds the debug binary first
#     HAMISH=target/release/hamish docs/screenshot.sh
#
# Needs Xvfb, xdotool and ImageMagick's import (Debian: xvfb, xdotool,
# imagemagick). The display number can be chosen with SCREENSHOT_DISPLAY (default
# :97), so it does not clash with a display in use.
set -eu

cd "$(dirname "$0")/.."
display="${SCREENSHOT_DISPLAY:-:97}"
width=1280
height=820
out="docs/screenshot.png"
sample="003_2dd66c1bbdc4b7f0"

if [ -z "${HAMISH:-}" ]; then
    cargo build --quiet --bin hamish
    HAMISH=target/debug/hamish
fi

work="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/home" "$work/folder"
cp "assets/samples/$sample.txt" "assets/samples/$sample.en.txt" "$work/folder/"

Xvfb "$display" -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1

DISPLAY="$display" HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_DATA_HOME="$work/home/.local/share" \
    "$HAMISH" "$work/folder/$sample.txt" >"$work/app.log" 2>&1 &
app_pid=$!

# Wait for the window, then fill the screen with it.
window=""
for _ in $(seq 1 120); do
    window="$(DISPLAY="$display" xdotool search --name Hamish 2>/dev/null | head -n 1 || true)"
    [ -n "$window" ] && break
    sleep 0.5
done
if [ -z "$window" ]; then
    echo "screenshot.sh: no Hamish window appeared; the app said:" >&2
    cat "$work/app.log" >&2
    exit 1
fi
DISPLAY="$display" xdotool windowmove "$window" 0 0 windowsize "$window" "$width" "$height"
# The pointer away from the page, so no tooltip or hover shows.
DISPLAY="$display" xdotool mousemove "$((width - 1))" "$((height - 1))"
# Time to read the folder, lay out the page and settle after the resize.
sleep "${SCREENSHOT_WAIT_S:-6}"
DISPLAY="$display" import -window root "$out"
echo "wrote $out"
