//! A column's rows while fixes are applied to it: a list that takes an insertion or a
//! removal at any row without moving every row after it.
//!
//! A fix inserts or removes one row, and a `Vec` moves every row after it to do so: a
//! sidecar holding 300,000 fixes (nobody makes that many by hand, but a file can hold
//! them) made opening the article quadratic, minutes long. Here the rows are kept in
//! chunks of about [`CHUNK`] rows: finding a row walks the chunks' lengths, and an
//! insertion or removal moves only the rows of its chunk, so each fix costs about the
//! square root of the rows, not all of them.

/// The usual number of rows in a chunk; a chunk is split when it reaches twice this.
const CHUNK: usize = 1024;

/// Rows in chunks; see the module doc. Never holds an empty chunk.
#[derive(Debug)]
pub(super) struct Rows<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Rows<T> {
    /// The rows of `rows`, in their order.
    pub(super) fn from_vec(rows: Vec<T>) -> Self {
        let len = rows.len();
        let mut chunks = Vec::with_capacity(len / CHUNK + 1);
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<T> = rows.by_ref().take(CHUNK).collect();
            chunks.push(chunk);
        }
        Self { chunks, len }
    }

    /// The rows, in their order.
    pub(super) fn into_vec(self) -> Vec<T> {
        let mut rows = Vec::with_capacity(self.len);
        for chunk in self.chunks {
            rows.extend(chunk);
        }
        rows
    }

    /// How many rows there are.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The chunk holding row `index` and the row's place in it.
    fn locate(&self, mut index: usize) -> Option<(usize, usize)> {
        for (chunk_index, chunk) in self.chunks.iter().enumerate() {
            if index < chunk.len() {
                return Some((chunk_index, index));
            }
            index -= chunk.len();
        }
        None
    }

    /// Row `index`, if there is one.
    pub(super) fn get(&self, index: usize) -> Option<&T> {
        let (chunk, at) = self.locate(index)?;
        self.chunks.get(chunk)?.get(at)
    }

    /// Row `index`, to change, if there is one.
    pub(super) fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        let (chunk, at) = self.locate(index)?;
        self.chunks.get_mut(chunk)?.get_mut(at)
    }

    /// Puts `row` at `index` (at most [`Self::len`]); the rows from there move down.
    /// Returns false, changing nothing, past the end.
    pub(super) fn insert(&mut self, index: usize, row: T) -> bool {
        if index > self.len {
            return false;
        }
        let (chunk_index, at) = match self.locate(index) {
            Some(place) => place,
            None => match self.chunks.len().checked_sub(1) {
                // After the last row: the end of the last chunk.
                Some(last) => (last, self.chunks[last].len()),
                None => {
                    self.chunks.push(Vec::with_capacity(CHUNK));
                    (0, 0)
                }
            },
        };
        let chunk = &mut self.chunks[chunk_index];
        chunk.insert(at, row);
        if chunk.len() >= 2 * CHUNK {
            let second = chunk.split_off(CHUNK);
            self.chunks.insert(chunk_index + 1, second);
        }
        self.len += 1;
        true
    }

    /// Takes row `index` out; the rows after it move up.
    pub(super) fn remove(&mut self, index: usize) -> Option<T> {
        let (chunk_index, at) = self.locate(index)?;
        let chunk = &mut self.chunks[chunk_index];
        let row = chunk.remove(at);
        if chunk.is_empty() {
            self.chunks.remove(chunk_index);
        }
        self.len -= 1;
        Some(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random insertions and removals do to `Rows` what they do to a `Vec`.
    #[test]
    fn rows_behave_like_a_vec() {
        let mut rng = fastrand::Rng::with_seed(7);
        let mut oracle: Vec<u32> = (0..3000).collect();
        let mut rows = Rows::from_vec(oracle.clone());
        for step in 0..20_000u32 {
            let index = rng.usize(..=oracle.len() + 1);
            match rng.u8(..3) {
                0 => {
                    let inserted = rows.insert(index, step);
                    assert_eq!(inserted, index <= oracle.len());
                    if inserted {
                        oracle.insert(index, step);
                    }
                }
                1 => {
                    let expected = (index < oracle.len()).then(|| oracle.remove(index));
                    assert_eq!(rows.remove(index), expected);
                }
                _ => {
                    assert_eq!(rows.get(index), oracle.get(index));
                    if let (Some(row), Some(expected)) =
                        (rows.get_mut(index), oracle.get_mut(index))
                    {
                        *row += 1;
                        *expected += 1;
                    }
                }
            }
            assert_eq!(rows.len(), oracle.len());
        }
        assert_eq!(rows.into_vec(), oracle);
        let mut empty = Rows::from_vec(Vec::new());
        assert_eq!(empty.remove(0), None);
        assert!(empty.insert(0, 1));
        assert_eq!(empty.into_vec(), [1]);
    }
}
