//! A byte trie over the normalized patterns, walked from token starts only.
//!
//! Why not an Aho-Corasick automaton: matches may only start at token starts, so
//! failure links (which restart a match inside a word) are never needed; an
//! anchored walk from each token start does less work than finding every
//! substring hit and filtering out the ~75% that fall inside words, a plain trie
//! builds in one pass over the sorted patterns, and its flat arrays save and load
//! without rebuilding anything. The measurements are in the crate's README.
//!
//! Layout: nodes are numbered in breadth-first order, so the children of a node
//! are consecutive: node `s` has children `first[s]..first[s + 1]`, whose edge
//! bytes are `labels[..]` at the same indices. The root's children are also in a
//! 256-entry table, as almost every walk starts there.

/// "No output" in [`Trie::out`].
pub(crate) const NONE: u32 = u32::MAX;

/// The compiled trie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Trie {
    /// Edge byte into each node (0 for the root).
    pub labels: Vec<u8>,
    /// First child of each node, plus one final entry: children of `s` are `first[s]..first[s+1]`.
    pub first: Vec<u32>,
    /// Output (pattern index) of each node, or [`NONE`].
    pub out: Vec<u32>,
    /// Child of the root for each byte, 0 when none.
    pub root: Vec<u32>,
}

impl Trie {
    /// Builds the trie of `patterns`, which must be sorted and unique; output `i` is `patterns[i]`.
    pub(crate) fn build(patterns: &[&[u8]]) -> Trie {
        let mut trie = Trie::default();
        // Each node is the range of patterns sharing its prefix, of length `depth`.
        let mut queue: Vec<(u32, u32)> = vec![(0, patterns.len() as u32)];
        let mut depths: Vec<u32> = vec![0];
        trie.labels.push(0);
        let mut k = 0;
        while k < queue.len() {
            let (mut lo, hi) = (queue[k].0 as usize, queue[k].1 as usize);
            let depth = depths[k] as usize;
            trie.first.push(queue.len() as u32);
            if lo < hi && patterns[lo].len() == depth {
                trie.out.push(lo as u32);
                lo += 1;
            } else {
                trie.out.push(NONE);
            }
            while lo < hi {
                let byte = patterns[lo][depth];
                let mut end = lo + 1;
                while end < hi && patterns[end][depth] == byte {
                    end += 1;
                }
                queue.push((lo as u32, end as u32));
                depths.push(depth as u32 + 1);
                trie.labels.push(byte);
                lo = end;
            }
            k += 1;
        }
        trie.first.push(queue.len() as u32);
        trie.fill_root();
        trie
    }

    /// Fills the root table from the root's children.
    pub(crate) fn fill_root(&mut self) {
        self.root = vec![0; 256];
        if self.first.len() < 2 {
            return;
        }
        for child in self.first[0]..self.first[1] {
            self.root[self.labels[child as usize] as usize] = child;
        }
    }

    /// The child of `state` by `byte`.
    #[inline]
    pub(crate) fn next(&self, state: u32, byte: u8) -> Option<u32> {
        if state == 0 {
            let child = self.root[byte as usize];
            return (child != 0).then_some(child);
        }
        let (a, z) = (self.first[state as usize] as usize, self.first[state as usize + 1] as usize);
        self.labels[a..z].iter().position(|&l| l == byte).map(|p| (a + p) as u32)
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    /// Checks the invariants [`Trie::next`] and [`Trie::fill_root`] rely on, for data
    /// read from a file.
    pub(crate) fn check(&self, outputs: usize) -> Result<(), String> {
        let n = self.out.len();
        if n == 0 || self.labels.len() != n || self.first.len() != n + 1 {
            return Err("trie arrays have inconsistent lengths".into());
        }
        if self.first.windows(2).any(|w| w[0] > w[1]) || self.first[n] as usize != n {
            return Err("trie child ranges are not ordered".into());
        }
        if self.first.iter().skip(1).any(|&f| f == 0) || self.first[0] != 1 && n > 1 {
            return Err("trie child ranges point at the root".into());
        }
        if self.out.iter().any(|&o| o != NONE && o as usize >= outputs) {
            return Err("trie output out of range".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(trie: &Trie, s: &str) -> Option<u32> {
        let mut state = 0;
        for &b in s.as_bytes() {
            state = trie.next(state, b)?;
        }
        Some(trie.out[state as usize])
    }

    #[test]
    fn build_and_walk() {
        let pats: Vec<&[u8]> = vec![b"new york", b"new york city", b"newark", b"paris"];
        let trie = Trie::build(&pats);
        trie.check(pats.len()).unwrap();
        assert_eq!(walk(&trie, "new york"), Some(0));
        assert_eq!(walk(&trie, "new york city"), Some(1));
        assert_eq!(walk(&trie, "newark"), Some(2));
        assert_eq!(walk(&trie, "paris"), Some(3));
        assert_eq!(walk(&trie, "new"), Some(NONE));
        assert_eq!(walk(&trie, "london"), None);
        let empty = Trie::build(&[]);
        empty.check(0).unwrap();
        assert_eq!(walk(&empty, "a"), None);
    }
}
