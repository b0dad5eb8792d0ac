//! When unsaved edits should be written: soon after typing pauses, and never more
//! than a second after the first unsaved edit.

use std::time::{Duration, Instant};

/// A save waits this long after the last edit, so a burst of typing is one write…
const IDLE_BEFORE_SAVE: Duration = Duration::from_millis(300);

/// …but never longer than this after the first unsaved edit: what was typed is on
/// disk within a second, even while typing goes on.
const LONGEST_UNSAVED: Duration = Duration::from_millis(800);

/// When unsaved edits should be written.
#[derive(Clone, Copy, Debug, Default)]
pub struct Autosave {
    first_unsaved: Option<Instant>,
    last_edit: Option<Instant>,
}

impl Autosave {
    /// Records an edit made at `now`.
    pub fn edited(&mut self, now: Instant) {
        self.first_unsaved.get_or_insert(now);
        self.last_edit = Some(now);
    }

    /// True when there are edits to save and it is time to save them.
    pub fn due(&self, now: Instant) -> bool {
        match (self.first_unsaved, self.last_edit) {
            (Some(first), Some(last)) => {
                now.duration_since(last) >= IDLE_BEFORE_SAVE
                    || now.duration_since(first) >= LONGEST_UNSAVED
            }
            _ => false,
        }
    }

    /// True when there are edits not handed to the writer yet.
    pub fn is_pending(&self) -> bool {
        self.first_unsaved.is_some()
    }

    /// How long until [`Self::due`] becomes true, to schedule a wake-up.
    pub fn time_until_due(&self, now: Instant) -> Option<Duration> {
        let (first, last) = (self.first_unsaved?, self.last_edit?);
        let idle = (last + IDLE_BEFORE_SAVE).saturating_duration_since(now);
        let longest = (first + LONGEST_UNSAVED).saturating_duration_since(now);
        Some(idle.min(longest))
    }

    /// Records that the edits were handed to the writer.
    pub fn handed_over(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autosave_waits_for_a_pause_but_not_forever() {
        let start = Instant::now();
        let mut autosave = Autosave::default();
        assert!(!autosave.due(start));
        autosave.edited(start);
        assert!(!autosave.due(start + Duration::from_millis(100)));
        assert!(autosave.due(start + IDLE_BEFORE_SAVE));
        // Typing without a pause: still saved within a second of the first edit.
        let mut typing = Autosave::default();
        let mut first_unsaved_ms = None;
        let mut saves = 0;
        for ms in (0..3000u64).step_by(100) {
            let now = start + Duration::from_millis(ms);
            if typing.due(now) {
                let waited = ms - first_unsaved_ms.take().unwrap_or(ms);
                assert!(waited <= 1000, "an edit waited {waited} ms");
                typing.handed_over();
                saves += 1;
            }
            typing.edited(now);
            first_unsaved_ms.get_or_insert(ms);
        }
        assert!(saves >= 3);
    }
}
