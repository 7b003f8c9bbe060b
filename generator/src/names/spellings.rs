//! The words one page spells, to recover word boundaries in a lower-cased name of the same page
//! (its file name `hostsecurityprofile-update`): `hostSecurityProfile` in a path gives the words
//! `host`, `security`, `profile` and attests that `host` is followed by `security` inside a name.
//! Only the page's own text is used here; `schema::op_names` completes what it leaves unsplit
//! with the names the resource pages define.

use super::word_starts;

/// Longer lower-case runs are left as they are (the search is cubic in the run).
const MAX_RUN: usize = 96;

/// The words and adjacent pairs a page spells, kept only where they occur in the runs to split:
/// a split asks only about pieces of its run (words, and pairs of adjacent pieces), so the
/// splits are the same as with every word kept, and a page's thousands of JSON keys are mostly
/// turned away by a few bit tests, without hashing or allocating.
#[derive(Debug)]
pub struct Spellings {
    /// The runs to split, each once.
    runs: Vec<Run>,
    /// The bytes that occur in some run, as bits: a word with a byte, a byte pair or a length
    /// no run has is in no run, which is told without a search.
    bytes: u128,
    /// The byte pairs (`ab`) that occur in some run, bit `a << 7 | b`.
    byte_pairs: Vec<u64>,
    /// The longest run's length.
    longest: usize,
    /// Adjacent words of one spelled name (`host`, `security`), by word id. Hashed: asked,
    /// never listed.
    pairs: foldhash::HashSet<(u32, u32)>,
    /// Words given an id so far (ids count from 1).
    words: u32,
    /// Where the words of the token being added start: one buffer for every token of every
    /// text (a page adds thousands of short texts).
    starts: Vec<usize>,
}

/// A run to split, with the words the page spells in it.
#[derive(Debug)]
struct Run {
    text: String,
    /// `ids[i * (len + 1) + j]`: the id of `text[i..j]` when the page spells it as a word, else
    /// 0. An id stands for the word's letters: the same in every place and run it occurs in.
    ids: Vec<u32>,
}

impl Run {
    fn id(&self, i: usize, j: usize) -> u32 {
        self.ids[i * (self.text.len() + 1) + j]
    }
}

/// An ASCII letter or digit lower-cased (digits have the lower-case bit already).
fn lower(b: u8) -> u8 {
    b | 0x20
}

/// Where `word` (ASCII letters and digits, any case; not empty) occurs in the lower-case
/// `text`, overlapping occurrences too (`aa` in `aaa`).
fn occurrences<'a>(text: &'a [u8], word: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    // Words are short: a plain scan beats setting up a substring searcher per word.
    text.windows(word.len())
        .enumerate()
        .filter(move |(_, w)| w.iter().zip(word).all(|(&t, &b)| t == lower(b)))
        .map(|(at, _)| at)
}

/// The first `i >= from` (and >= 1) where `bytes[i]` is an upper-case ASCII letter and the byte
/// before it a letter or digit: a case change inside a token. Whole 32-byte blocks without one
/// are passed over by a test the compiler vectorises.
fn next_case_change(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let upper = |b: u8| u8::from(b.wrapping_sub(b'A') < 26);
    let alnum =
        |b: u8| u8::from(b.wrapping_sub(b'0') < 10) | u8::from((b | 0x20).wrapping_sub(b'a') < 26);
    let mut at = from.max(1);
    while at + BLOCK <= bytes.len() {
        let (before, block) = (&bytes[at - 1..at - 1 + BLOCK], &bytes[at..at + BLOCK]);
        let any = before
            .iter()
            .zip(block)
            .fold(0, |acc, (&p, &b)| acc | (alnum(p) & upper(b)));
        if any != 0 {
            break;
        }
        at += BLOCK;
    }
    (at..bytes.len()).find(|&i| upper(bytes[i]) & alnum(bytes[i - 1]) != 0)
}

/// Runs the search splits: lower-case letters and digits, not empty, at most [`MAX_RUN`] long.
fn splittable(run: &str) -> bool {
    let lower = run
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    !run.is_empty() && run.len() <= MAX_RUN && lower
}

fn byte_pair(a: u8, b: u8) -> (usize, u64) {
    let bit = usize::from(a & 0x7f) << 7 | usize::from(b & 0x7f);
    (bit / 64, 1 << (bit % 64))
}

impl Spellings {
    /// Spellings for splitting `runs` (a page's file name cut at its separators).
    pub fn within(runs: impl IntoIterator<Item = String>) -> Self {
        let mut s = Spellings {
            runs: Vec::new(),
            bytes: 0,
            byte_pairs: vec![0; 128 * 128 / 64],
            longest: 0,
            pairs: foldhash::HashSet::default(),
            words: 0,
            starts: Vec::new(),
        };
        for text in runs {
            if !splittable(&text) || s.runs.iter().any(|r| r.text == text) {
                continue;
            }
            for &b in text.as_bytes() {
                s.bytes |= 1 << b;
            }
            for w in text.as_bytes().windows(2) {
                let (at, bit) = byte_pair(w[0], w[1]);
                s.byte_pairs[at] |= bit;
            }
            s.longest = s.longest.max(text.len());
            let width = text.len() + 1;
            s.runs.push(Run {
                ids: vec![0; width * width],
                text,
            });
        }
        s
    }

    /// Adds every name in `text` (anything between non-alphanumerics: `/users/{userId}/manager`).
    pub fn add(&mut self, text: &str) {
        self.add_tokens(text, false);
    }

    /// Adds only the names of several words in `text` (`orgContact` in prose, not `in` or `a`):
    /// a case change inside a word marks it as a name wherever it stands.
    pub fn add_names(&mut self, text: &str) {
        self.add_tokens(text, true);
    }

    fn add_tokens(&mut self, text: &str, only_names: bool) {
        if only_names {
            // Prose is most of the bytes a page adds, and few of its tokens are names: only
            // those are looked at, found from their case changes (an upper-case letter after a
            // letter or digit), 32 bytes at a time.
            let bytes = text.as_bytes();
            let mut at = 1;
            while let Some(change) = next_case_change(bytes, at) {
                let start = bytes[..change]
                    .iter()
                    .rposition(|b| !b.is_ascii_alphanumeric())
                    .map_or(0, |i| i + 1);
                let end = bytes[change..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |i| change + i);
                self.add_token(&bytes[start..end], true);
                at = end + 1;
            }
            return;
        }
        // Byte by byte: a token is ASCII letters and digits, so any other byte ends one (as any
        // other character would).
        for token in text.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
            self.add_token(token, false);
        }
    }

    fn add_token(&mut self, token: &[u8], only_names: bool) {
        // A one-letter word counts only inside a name (`eBook`): alone (`a` of a title) it
        // would split any run it starts. `words` splits only before an upper-case letter:
        // without one after the first letter, a token is one word, which is no name.
        if token.len() < 2 || only_names && !token[1..].iter().any(u8::is_ascii_uppercase) {
            return;
        }
        let mut starts = std::mem::take(&mut self.starts);
        word_starts(token, &mut starts);
        if !only_names || starts.len() >= 2 {
            let mut before = None;
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(token.len());
                let id = self.word_id(&token[start..end]);
                if let (Some(first), Some(second)) = (before, id) {
                    self.pairs.insert((first, second));
                }
                before = id;
            }
        }
        self.starts = starts;
    }

    /// The id of `word` (ASCII letters and digits, any case), given it now when it is new;
    /// `None` for a word in no run (it can be no piece of one).
    fn word_id(&mut self, word: &[u8]) -> Option<u32> {
        if !self.may_occur(word) {
            return None;
        }
        let (first, at) = self.runs.iter().enumerate().find_map(|(r, run)| {
            let at = occurrences(run.text.as_bytes(), word).next()?;
            Some((r, at))
        })?;
        let held = self.runs[first].id(at, at + word.len());
        if held != 0 {
            return Some(held);
        }
        // New: every place it occurs gets its id (no run before `first` has it).
        self.words += 1;
        for Run { text, ids } in &mut self.runs[first..] {
            let width = text.len() + 1;
            for at in occurrences(text.as_bytes(), word) {
                ids[at * width + at + word.len()] = self.words;
            }
        }
        Some(self.words)
    }

    /// Whether `word` can occur in a run: not longer than the longest, and each of its bytes
    /// and byte pairs in some run.
    fn may_occur(&self, word: &[u8]) -> bool {
        !word.is_empty()
            && word.len() <= self.longest
            && word
                .iter()
                .all(|&b| self.bytes >> (lower(b) & 0x7f) & 1 == 1)
            && word.windows(2).all(|w| {
                let (at, bit) = byte_pair(lower(w[0]), lower(w[1]));
                self.byte_pairs[at] & bit != 0
            })
    }

    /// Splits one of the runs into words the page spells (`split_run`); any other run (upper
    /// case, empty, longer than `MAX_RUN`, or not given to [`Spellings::within`]) stays whole.
    pub fn split(&self, run: &str) -> Vec<String> {
        match self.runs.iter().find(|r| r.text == run) {
            Some(known) => split_run(
                run,
                &InRun {
                    spellings: self,
                    run: known,
                },
            ),
            None => vec![run.to_owned()],
        }
    }
}

/// What a split asks of the page's spellings about pieces of its run.
trait Spelled {
    /// Whether the page spells `run[i..j]` as a word.
    fn known(&self, i: usize, j: usize) -> bool;
    /// Whether the page spells `run[a..b]` right before `run[b..c]` inside one name.
    fn paired(&self, a: usize, b: usize, c: usize) -> bool;
}

/// One run of a [`Spellings`].
struct InRun<'s> {
    spellings: &'s Spellings,
    run: &'s Run,
}

impl Spelled for InRun<'_> {
    fn known(&self, i: usize, j: usize) -> bool {
        self.run.id(i, j) != 0
    }

    fn paired(&self, a: usize, b: usize, c: usize) -> bool {
        let (first, second) = (self.run.id(a, b), self.run.id(b, c));
        first != 0 && second != 0 && self.spellings.pairs.contains(&(first, second))
    }
}

/// How good a split is: attested pairs (more is better), then letters in no known word, then
/// words (fewer is better). A run is at most [`MAX_RUN`] long, so bytes hold the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Score {
    pairs: u8,
    unknown: u8,
    pieces: u8,
}

// Counts and positions fit a byte, and the starts of the pieces ending somewhere a u128.
const _: () = assert!(MAX_RUN < 128);

impl Score {
    fn key(self) -> (u8, std::cmp::Reverse<u8>, std::cmp::Reverse<u8>) {
        (
            self.pairs,
            std::cmp::Reverse(self.unknown),
            std::cmp::Reverse(self.pieces),
        )
    }
}

/// Splits a lower-case run into words the page spells: the split with the most adjacent pairs
/// the page spells inside one name, then the fewest letters outside known words, then the
/// fewest words (`update` stays whole even where `up` and `date` are words). A piece no known
/// word covers is kept only at the end of the run, after an attested pair
/// (`organizationalbrandingpropertieslocalization` where only the first three are spelled); a
/// run with neither a cover nor a pair stays one word (`printer` is not `print` + `er`).
fn split_run(run: &str, spelled: &impl Spelled) -> Vec<String> {
    // An unknown first piece only where nothing else covers the run (`shared` + `driveItem`).
    best_split(run, spelled, false)
        .or_else(|| best_split(run, spelled, true))
        .unwrap_or_else(|| vec![run.to_owned()])
}

/// [`split_run`] allowing an unknown first piece (`prefix`) when the two words after it are an
/// attested pair.
fn best_split(run: &str, spelled: &impl Spelled, prefix: bool) -> Option<Vec<String>> {
    let n = run.len();
    // best[j * (n + 1) + i]: the best split of `run[..j]` whose last piece starts at i, as
    // (score, start of the piece before). Flat and in bytes: a run is split for every
    // operation.
    let width = n + 1;
    let mut best: Vec<Option<(Score, u8)>> = vec![None; width * width];
    let start = Score {
        pairs: 0,
        unknown: 0,
        pieces: 0,
    };
    best[0] = Some((start, 0));
    // reached[j]: bit i set where `best[j * (n + 1) + i]` holds a split, so that the splits
    // ending at j are found without a scan of the row.
    let mut reached = vec![0u128; width];
    reached[0] = 1;
    let mut states: Vec<(usize, Score, usize)> = Vec::new();
    for i in 0..n {
        if reached[i] == 0 {
            continue;
        }
        states.clear();
        let mut bits = reached[i];
        while bits != 0 {
            let k = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some((score, prev)) = best[i * width + k] {
                states.push((k, score, usize::from(prev)));
            }
        }
        for j in i + 1..=n {
            let known = spelled.known(i, j);
            // An unknown piece only ends the run, right after a word whose boundary before it
            // is attested (`approval|workflow` + `provider`): elsewhere it would cut known
            // words out of a longer one (`prov` + `id` + `er`).
            let first = prefix && i == 0 && j < n;
            if !known && !first && j < n {
                continue;
            }
            for &(from, score, prev) in &states {
                // Here an unknown piece ends the run: it needs the attested pair before it.
                let after_attested = || from > 0 && spelled.paired(prev, from, i);
                if !(known || first || after_attested()) {
                    continue;
                }
                let attested = i > 0 && known && spelled.paired(from, i, j);
                // Within u8: each count is at most the run's length.
                let next = Score {
                    pairs: score.pairs + u8::from(attested),
                    unknown: score.unknown + if known { 0 } else { (j - i) as u8 },
                    pieces: score.pieces + 1,
                };
                let slot = &mut best[j * width + i];
                match slot {
                    Some((held, _)) if held.key() >= next.key() => {}
                    _ => {
                        *slot = Some((next, from as u8));
                        reached[j] |= 1 << i;
                    }
                }
            }
        }
    }
    let (last, (score, _)) = best[n * width..]
        .iter()
        .enumerate()
        .filter_map(|(k, held)| held.map(|h| (k, h)))
        .max_by_key(|(start, (score, _))| (score.key(), std::cmp::Reverse(*start)))?;
    if score.unknown > 0 && score.pairs == 0 {
        return None;
    }
    // Where the pieces start, and the run's end.
    let mut cuts = vec![n];
    let (mut end, mut start) = (n, last);
    while end > 0 {
        cuts.push(start);
        let prev = best[end * width + start].map_or(0, |(_, prev)| usize::from(prev));
        end = start;
        start = prev;
    }
    cuts.reverse();
    if prefix && !spelled.known(cuts[0], cuts[1]) {
        let attested = cuts.len() >= 4 && spelled.paired(cuts[1], cuts[2], cuts[3]);
        if !attested {
            return None;
        }
    }
    Some(
        cuts.windows(2)
            .map(|c| run[c[0]..c[1]].to_owned())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// A page's texts: each run is split with them as its spellings.
    struct Texts<'a>(&'a [&'a str]);

    impl Texts<'_> {
        fn split(&self, run: &str) -> Vec<String> {
            let mut s = Spellings::within([run.to_owned()]);
            for t in self.0 {
                s.add(t);
            }
            s.split(run)
        }
    }

    fn spelled<'a>(texts: &'a [&'a str]) -> Texts<'a> {
        Texts(texts)
    }

    #[test]
    fn runs_split_where_the_page_spells_boundaries() {
        let s = spelled(&[
            "/security/hostSecurityProfiles/{id}",
            "Update hostSecurityProfile",
        ]);
        assert_eq!(
            s.split("hostsecurityprofile"),
            ["host", "security", "profile"]
        );
        assert_eq!(s.split("update"), ["update"]);
        // `eBook`: a one-letter word counts inside a name.
        let s = spelled(&["eBookInstallSummary"]);
        assert_eq!(
            s.split("ebookinstallsummary"),
            ["e", "book", "install", "summary"]
        );
    }

    #[test]
    fn overlapping_words_are_known_where_they_overlap() {
        // `aba` occurs at 0 and 2 in `ababa`: the only cover, `ab` + `aba`, needs the second.
        let s = spelled(&["ab", "aba"]);
        assert_eq!(s.split("ababa"), ["ab", "aba"]);
    }

    #[test]
    fn words_without_attested_boundaries_stay_whole() {
        // `up` and `date` are words, but no name spells `upDate`; `update` is a word itself.
        let s = spelled(&["Update the date", "up", "/me/update"]);
        assert_eq!(s.split("update"), ["update"]);
        // `print` is a word, `er` is not: no unknown piece without an attested pair.
        let s = spelled(&["/print/jobs", "a printer"]);
        assert_eq!(s.split("printer"), ["printer"]);
        assert_eq!(s.split("printjobs"), ["print", "jobs"]);
        // An unknown tail beside an attested pair is one word.
        let s = spelled(&["organizationalBrandingProperties"]);
        assert_eq!(
            s.split("organizationalbrandingpropertieslocalization"),
            ["organizational", "branding", "properties", "localization"]
        );
        // Upper case, empty and long runs are left as they are.
        assert_eq!(s.split("Branding"), ["Branding"]);
        assert_eq!(s.split(""), [""]);
        let long = "branding".repeat(40);
        assert_eq!(s.split(&long), vec![long.clone()]);
    }

    #[test]
    fn adding_names_from_prose_skips_plain_words() {
        let mut s = Spellings::within(["orgcontact".to_owned(), "intenant".to_owned()]);
        s.add_names("Get the orgContact in a tenant");
        assert_eq!(s.split("orgcontact"), ["org", "contact"]);
        assert_eq!(s.split("intenant"), ["intenant"]);
    }

    #[test]
    fn an_unknown_piece_never_cuts_short_words_out_of_a_longer_one() {
        // `id` and `prov` are no evidence that `provider` is `prov` + `id` + `er`.
        let s = spelled(&["approvalWorkflowProvidersId", "prov"]);
        assert_eq!(
            s.split("approvalworkflowprovider"),
            ["approval", "workflow", "provider"]
        );
        // Nor `pro` that `vider` follows: `workflow` + `pro` is not attested.
        let s = spelled(&["approvalWorkflow", "pro"]);
        assert_eq!(
            s.split("approvalworkflowprovider"),
            ["approval", "workflow", "provider"]
        );
        // An unknown first piece stands before an attested pair only.
        let s = spelled(&["/drives/{id}/driveItem"]);
        assert_eq!(s.split("shareddriveitem"), ["shared", "drive", "item"]);
        let s = spelled(&["drive", "item"]);
        assert_eq!(s.split("shareddriveitem"), ["shareddriveitem"]);
    }

    /// Spellings as first kept: every word and pair of every token, as text, asked by content.
    #[derive(Default)]
    struct AllWords {
        words: HashSet<String>,
        pairs: HashSet<(String, String)>,
    }

    impl AllWords {
        fn add(&mut self, text: &str, only_names: bool) {
            let mut starts = Vec::new();
            for token in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                if token.is_empty() {
                    continue;
                }
                word_starts(token.as_bytes(), &mut starts);
                if only_names && starts.len() < 2 {
                    continue;
                }
                let lower = token.to_ascii_lowercase();
                let ends = starts.iter().skip(1).copied().chain([lower.len()]);
                let words: Vec<&str> = starts
                    .iter()
                    .zip(ends)
                    .map(|(&s, e)| &lower[s..e])
                    .collect();
                for w in &words {
                    if words.len() >= 2 || w.len() > 1 {
                        self.words.insert((*w).to_owned());
                    }
                }
                for pair in words.windows(2) {
                    self.pairs.insert((pair[0].to_owned(), pair[1].to_owned()));
                }
            }
        }
    }

    struct AllIn<'a> {
        all: &'a AllWords,
        run: &'a str,
    }

    impl Spelled for AllIn<'_> {
        fn known(&self, i: usize, j: usize) -> bool {
            self.all.words.contains(&self.run[i..j])
        }

        fn paired(&self, a: usize, b: usize, c: usize) -> bool {
            let pair = (self.run[a..b].to_owned(), self.run[b..c].to_owned());
            self.all.pairs.contains(&pair)
        }
    }

    /// Deterministic pseudo-random numbers (xorshift) for generated pages.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn spellings_within_runs_split_them_as_every_word_kept_does() {
        // Few short pieces, so generated names and runs share words, overlaps and prefixes.
        const PIECES: [&str; 16] = [
            "a", "ab", "b", "ba", "up", "date", "update", "host", "security", "e", "book", "x1",
            "prov", "id", "er", "provider",
        ];
        let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
        let mut differences = Vec::new();
        for _ in 0..3_000 {
            let mut texts = Vec::new();
            for _ in 0..1 + dice.below(6) {
                let name: String = (0..1 + dice.below(4))
                    .map(|k| {
                        let piece = PIECES[dice.below(PIECES.len())];
                        let capital = k > 0 || dice.below(3) == 0;
                        let mut p = piece.to_owned();
                        if capital {
                            p[..1].make_ascii_uppercase();
                        }
                        p
                    })
                    .collect();
                texts.push((name, dice.below(4) == 0));
            }
            let run: String = (0..1 + dice.below(5))
                .map(|_| PIECES[dice.below(PIECES.len())])
                .collect();
            let other: String = (0..1 + dice.below(3))
                .map(|_| PIECES[dice.below(PIECES.len())])
                .collect();
            let mut within = Spellings::within([run.clone(), other]);
            let mut all = AllWords::default();
            for (text, only_names) in &texts {
                within.add_tokens(text, *only_names);
                all.add(text, *only_names);
            }
            let expected = split_run(
                &run,
                &AllIn {
                    all: &all,
                    run: &run,
                },
            );
            if within.split(&run) != expected {
                differences.push((texts, run, expected));
            }
        }
        assert!(differences.is_empty(), "{differences:?}");
    }
}
