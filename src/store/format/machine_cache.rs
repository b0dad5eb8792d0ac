//! A sidecar whose only unreadable parts are machine translations.
//!
//! `translations.machine` is a cache: every entry can be made again by running the
//! engine. A file that cannot be read is never overwritten and is set aside with
//! everything in it, notes included — too much to lose for one cache entry edited by
//! hand or written by a newer build in a shape this one does not know. So when the
//! strict reading fails, the file is read once more with the machine entries that do
//! not read dropped (each counted); if *that* reads, its notes, the reader's
//! translations and fixes and the readable cache entries are exactly what the file
//! holds, and the only loss, when the sidecar is next saved, is the dropped entries.
//! Anything else unreadable still makes the file damaged, as before.

use serde::Deserialize as _;
use serde_json::Value;

use super::SidecarV2;
use crate::model::translation::MachineTranslation;

/// The version-2 file in `text` without its unreadable machine translations, and how
/// many were dropped; `None` when there are none to drop or the rest does not read.
pub(super) fn without_unreadable_entries(text: &str) -> Option<(SidecarV2, usize)> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    let machine = value.get_mut("translations")?.get_mut("machine")?;
    let mut dropped = 0;
    match machine {
        Value::Object(languages) => languages.retain(|_, entries| match entries {
            Value::Object(entries) => {
                entries.retain(|section, entry| {
                    let readable = u64::from_str_radix(section, 16).is_ok()
                        && MachineTranslation::deserialize(&*entry).is_ok();
                    dropped += usize::from(!readable);
                    readable
                });
                true
            }
            _ => {
                dropped += 1;
                false
            }
        }),
        Value::Null => {}
        _ => {
            *machine = Value::Object(serde_json::Map::new());
            dropped += 1;
        }
    }
    if dropped == 0 {
        return None;
    }
    let file = SidecarV2::deserialize(value).ok()?;
    Some((file, dropped))
}
