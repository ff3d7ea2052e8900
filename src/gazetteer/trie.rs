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
//! are consecutive: node `s` has children `first(s)..first(s + 1)`, whose edge
//! bytes are `labels[..]` at the same indices. A node's first child and output sit
//! side by side in `nodes`, so a step of a walk through a large trie costs two
//! cache misses (the node, its children's bytes) rather than three. The first nodes (the root and the
//! shallow nodes, which have the most children and are visited by every walk) also
//! have a table of children indexed by byte class (letters, digits, space and
//! common punctuation: 64 entries, small enough to stay in cache); other bytes and
//! deeper nodes, which have few children, are searched eight edge bytes at a time.

/// "No output" in [`Trie::out`].
pub(crate) const NONE: u32 = u32::MAX;

/// The compiled trie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Trie {
    /// Edge byte into each node (0 for the root).
    pub labels: Vec<u8>,
    /// For node `s`: `nodes[2s]` is its first child, `nodes[2s + 1]` its output (pattern
    /// index) or [`NONE`]; a final pair holds the number of nodes, so that the
    /// children of `s` are `nodes[2s]..nodes[2s + 2]`.
    pub nodes: Vec<u32>,
    /// Children by byte class of the first `dense.len() / CLASSES` nodes, 0 when none.
    pub dense: Vec<u32>,
    /// See [`Trie::starts_with_punct`]; set with the dense tables.
    pub punct_start: bool,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Width of a dense row.
const CLASSES: usize = 64;

/// The dense-table column of each byte; 0 for bytes without one (searched instead).
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut next = 1;
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || c == b' '
            || c == b'-'
            || c == b'.'
            || c == b'\''
            || c == b'&'
        {
            t[b] = next;
            next += 1;
        }
        b += 1;
    }
    t
};

/// Nodes up to this depth get a dense table of children, at most [`MAX_DENSE`] of them.
const DENSE_DEPTH: u32 = 2;
const MAX_DENSE: usize = 4096;

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
            trie.nodes.push(queue.len() as u32);
            if lo < hi && patterns[lo].len() == depth {
                trie.nodes.push(lo as u32);
                lo += 1;
            } else {
                trie.nodes.push(NONE);
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
        trie.nodes.extend([queue.len() as u32, NONE]);
        let dense = depths.iter().take_while(|&&d| d <= DENSE_DEPTH).count().min(MAX_DENSE);
        trie.fill_dense(dense);
        trie
    }

    /// Fills the dense tables of the first `nodes` nodes.
    pub(crate) fn fill_dense(&mut self, nodes: usize) {
        let nodes = nodes.clamp(1, self.len().max(1)).min(MAX_DENSE);
        self.dense = vec![0; nodes * CLASSES];
        for s in 0..nodes.min(self.len()) {
            for child in self.first(s)..self.first(s + 1) {
                let class = CLASS[self.labels[child] as usize] as usize;
                if class != 0 {
                    self.dense[s * CLASSES + class] = child as u32;
                }
            }
        }
        self.punct_start = (0..128u8)
            .any(|b| !b.is_ascii_alphanumeric() && b != b' ' && self.next(0, b).is_some());
    }

    /// True when some pattern starts with an ASCII character that is not a letter,
    /// digit or space.
    pub(crate) fn starts_with_punct(&self) -> bool {
        self.punct_start
    }

    /// Number of nodes with a dense table.
    pub(crate) fn dense_nodes(&self) -> usize {
        self.dense.len() / CLASSES
    }

    /// The child of `state` by `byte`.
    #[inline(always)]
    pub(crate) fn next(&self, state: u32, byte: u8) -> Option<u32> {
        let s = state as usize;
        if s < self.dense_nodes() {
            let class = CLASS[byte as usize] as usize;
            if class != 0 {
                let child = self.dense[s * CLASSES + class];
                return (child != 0).then_some(child);
            }
        }
        let (mut a, z) = (self.first(s), self.first(s + 1));
        // Most deep nodes have one child.
        if z == a + 1 {
            return (self.labels[a] == byte).then_some(a as u32);
        }
        // Eight edge bytes at a time (a node's edge bytes are distinct, so the first
        // equal one is the child); bytes past `z` belong to other nodes and are ignored.
        while a < z {
            let Some(chunk) = self.labels.get(a..a + 8) else {
                let p = self.labels.get(a..z)?.iter().position(|&l| l == byte)?;
                return Some((a + p) as u32);
            };
            let x =
                u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ (u64::from(byte) * ONES);
            let equal = x.wrapping_sub(ONES) & !x & HIGH;
            if equal != 0 {
                let p = a + equal.trailing_zeros() as usize / 8;
                return (p < z).then_some(p as u32);
            }
            a += 8;
        }
        None
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        (self.nodes.len() / 2).saturating_sub(1)
    }

    /// The first child of node `s` (or, for `s` = the number of nodes, that number).
    #[inline(always)]
    fn first(&self, s: usize) -> usize {
        self.nodes[2 * s] as usize
    }

    /// The output of node `s`: a pattern index, or [`NONE`].
    #[inline(always)]
    pub(crate) fn out(&self, s: u32) -> u32 {
        self.nodes[2 * s as usize + 1]
    }

    /// Checks the invariants [`Trie::next`] and [`Trie::fill_dense`] rely on, for data
    /// read from a file.
    pub(crate) fn check(&self, outputs: usize) -> Result<(), String> {
        let n = self.len();
        if n == 0 || self.labels.len() != n || self.nodes.len() != 2 * n + 2 {
            return Err("trie arrays have inconsistent lengths".into());
        }
        let firsts = || self.nodes.iter().step_by(2);
        if firsts().zip(firsts().skip(1)).any(|(a, b)| a > b) || self.first(n) != n {
            return Err("trie child ranges are not ordered".into());
        }
        if firsts().skip(1).any(|&f| f == 0) || self.first(0) != 1 && n > 1 {
            return Err("trie child ranges point at the root".into());
        }
        if (0..n as u32).any(|s| self.out(s) != NONE && self.out(s) as usize >= outputs) {
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
        Some(trie.out(state))
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
