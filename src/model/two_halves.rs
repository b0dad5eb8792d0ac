//! Work on a large article done in two halves at once, one on another thread.
//!
//! Opening a book (a 60 MB article) reads every byte of it several times: checking
//! that it is NFC, hashing each section into its id. Those passes are linear and the
//! halves of the text do not depend on each other, so on a machine with two cores or
//! more each takes half the time. Small articles are done on the calling thread:
//! starting a thread costs tens of microseconds.

/// Text shorter than this, in bytes, is not worth a thread.
pub(super) const WORTH_A_THREAD: usize = 4 << 20;

/// `first()` on this thread and `second()` on another, at the same time.
pub(super) fn both<A: Send, B: Send>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let second = scope.spawn(second);
        let first = first();
        match second.join() {
            Ok(second) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}
