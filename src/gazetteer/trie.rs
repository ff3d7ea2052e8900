//! A byte trie over the normalized patterns, walked from token starts only.
//!
//! Why not an Aho-Corasick automaton: matches may only start at token starts, so
//! failure links (which restart a match inside a word) are never needed; an
//! anchored walk from each token start does less work than finding every
//! substring hit and filtering out the ~75% that fall inside words, a plain trie
//! builds in two linear passes over the sorted patterns, and its flat arrays save and load
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
    ///
    /// Each pattern adds the nodes past its common prefix with the one before, in
    /// depth-first order. A first pass counts them per depth; the second numbers them
    /// breadth-first as it makes them (the nodes of one depth keep their depth-first
    /// order), so the arrays are written in one stream per depth and nothing else is
    /// allocated.
    pub(crate) fn build(patterns: &[&[u8]]) -> Trie {
        let common = |i: usize| match i.checked_sub(1) {
            Some(j) => patterns[j].iter().zip(patterns[i]).take_while(|(a, b)| a == b).count(),
            None => 0,
        };
        // next[d + 1] counts the nodes of depth d, then (summed) next[d] is the first
        // number of depth d.
        let mut next = vec![0u32, 1];
        for (i, p) in patterns.iter().enumerate() {
            if next.len() < p.len() + 2 {
                next.resize(p.len() + 2, 0);
            }
            for d in common(i)..p.len() {
                next[d + 2] += 1;
            }
        }
        for d in 1..next.len() {
            next[d] += next[d - 1];
        }
        let n = next[next.len() - 1] as usize;
        let dense = next.get(DENSE_DEPTH as usize + 1).map_or(n, |&s| s as usize).min(MAX_DENSE);
        // First child (0 until known: the root is nobody's child) and output of each node.
        let mut trie =
            Trie { labels: vec![0; n], nodes: [0, NONE].repeat(n + 1), ..Trie::default() };
        next[0] = 1;
        // The nodes on the path to the current one, by depth.
        let mut path: Vec<u32> = vec![0];
        for (i, p) in patterns.iter().enumerate() {
            path.truncate(common(i) + 1);
            for (d, &byte) in p.iter().enumerate().skip(path.len() - 1) {
                let s = next[d + 1];
                next[d + 1] += 1;
                let parent = 2 * path[d] as usize;
                if trie.nodes[parent] == 0 {
                    trie.nodes[parent] = s;
                }
                trie.labels[s as usize] = byte;
                path.push(s);
            }
            // The last node is new (a pattern is no prefix of a smaller one), or the
            // root for the empty pattern.
            trie.nodes[2 * path[p.len()] as usize + 1] = i as u32;
        }
        // A node without children has the empty range where the next node's begins.
        trie.nodes[2 * n] = n as u32;
        for s in (0..n).rev() {
            if trie.nodes[2 * s] == 0 {
                trie.nodes[2 * s] = trie.nodes[2 * s + 2];
            }
        }
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
        let with_empty = Trie::build(&[b"", b"a", b"ab", b"b"]);
        with_empty.check(4).unwrap();
        assert_eq!([walk(&with_empty, ""), walk(&with_empty, "ab")], [Some(0), Some(2)]);
        assert_eq!(with_empty.labels, b"\0abb");
        let empty = Trie::build(&[]);
        empty.check(0).unwrap();
        assert_eq!(walk(&empty, "a"), None);
    }
}
