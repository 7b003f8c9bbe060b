//! Rust names from page names: validated identifiers, never pasted text.
//!
//! Every name goes through `words` (split on case changes and non-alphanumerics), is joined in
//! the target case, escapes keywords and leading digits deterministically, and is checked by
//! `syn` before it is used. Collisions after case folding are settled by [`NameSet`].

use std::collections::BTreeSet;

use proc_macro2::Ident;

/// Longer names are cut and given a hash of the whole, so they stay unique and readable.
const MAX_LEN: usize = 64;

/// Splits `netBiosName`, `ipV4Address`, `HTTPServer`, `@odata.type` into lower-case words.
fn words(name: &str) -> Vec<String> {
    let (mut starts, mut words) = (Vec::new(), Vec::new());
    for token in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        word_starts(token, &mut starts);
        let ends = starts.iter().skip(1).copied().chain([token.len()]);
        words.extend(
            starts
                .iter()
                .zip(ends)
                .map(|(&start, end)| token[start..end].to_ascii_lowercase()),
        );
    }
    words
}

/// Where the words of `token` (ASCII letters and digits only) start, as [`words`] splits it.
fn word_starts(token: &str, starts: &mut Vec<usize>) {
    starts.clear();
    let bytes = token.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        let boundary = i > 0
            && c.is_ascii_uppercase()
            && (bytes[i - 1].is_ascii_lowercase()
                || bytes[i - 1].is_ascii_digit()
                || bytes[i - 1].is_ascii_uppercase()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase));
        if i == 0 || boundary {
            starts.push(i);
        }
    }
}

/// `hostSecurityProfile` -> `HostSecurityProfile`.
pub fn pascal_case(name: &str) -> String {
    let joined: String = words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect();
    finish(joined, name, "Type", "")
}

/// `netBiosName` -> `net_bios_name`.
pub fn snake_case(name: &str) -> String {
    finish(words(name).join("_"), name, "field_", "_")
}

/// Makes `candidate` a valid, non-keyword identifier: empty or digit-led names get `prefix`,
/// keywords get `keyword_suffix` (`type` -> `type_`), long names are cut with a hash.
fn finish(mut candidate: String, original: &str, prefix: &str, keyword_suffix: &str) -> String {
    if candidate.len() > MAX_LEN {
        candidate.truncate(MAX_LEN - 9);
        // A cut right after `_` would leave `__` before the hash: not snake_case.
        while candidate.ends_with('_') {
            candidate.pop();
        }
        // `_` would break UpperCamelCase in a type name.
        let sep = if keyword_suffix.is_empty() { "H" } else { "_" };
        candidate.push_str(&format!("{sep}{:08x}", fnv32(original)));
    }
    if candidate.is_empty() || candidate.starts_with(|c: char| c.is_ascii_digit()) {
        candidate.insert_str(0, prefix);
    }
    if is_keyword(&candidate) {
        candidate.push_str(if keyword_suffix.is_empty() {
            "_"
        } else {
            keyword_suffix
        });
    }
    debug_assert!(syn::parse_str::<Ident>(&candidate).is_ok(), "{candidate}");
    candidate
}

fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

fn is_keyword(s: &str) -> bool {
    // Strict, reserved and 2018+ keywords; `Self` matters for type names.
    const KEYWORDS: [&str; 52] = [
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn",
        "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
        "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe",
        "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do",
        "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
        "gen",
    ];
    KEYWORDS.contains(&s) || s == "union" || s == "_"
}

/// Names already used in one scope; a repeat gets `_2`, `_3`, ... in order of arrival.
#[derive(Debug, Default)]
pub struct NameSet {
    used: BTreeSet<String>,
}

impl NameSet {
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_owned());
    }

    pub fn unique(&mut self, candidate: String) -> String {
        if self.used.insert(candidate.clone()) {
            return candidate;
        }
        // Type names stay UpperCamelCase (`ShiftGet2`); field names snake_case (`type_2`).
        let camel = candidate.starts_with(|c: char| c.is_ascii_uppercase());
        // `Self_` + 2 is `Self2`: an inner `_` before a digit breaks UpperCamelCase.
        let stem = if camel {
            candidate.trim_end_matches('_')
        } else {
            &candidate
        };
        let sep = if camel || stem.ends_with('_') {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{stem}{sep}{n}"))
            .find(|c| self.used.insert(c.clone()))
            .expect("some suffix is free")
    }
}

/// The words one page spells, to recover word boundaries in a lower-cased name of the same page
/// (its file name `hostsecurityprofile-update`): `hostSecurityProfile` in a path gives the words
/// `host`, `security`, `profile` and attests that `host` is followed by `security` inside a name.
/// Only the page's own text is used, so a name never changes when another page comes or goes.
#[derive(Debug, Default)]
pub struct Spellings {
    /// Hashed, as the sets below: they are asked, never listed in an order that reaches output
    /// (a split reads `words` into a table of where each occurs).
    words: foldhash::HashSet<String>,
    /// Adjacent words of one spelled name (`host` -> {`security`}): by first word, so a split
    /// asks about two slices of its run without building a key.
    pairs: foldhash::HashMap<String, foldhash::HashSet<String>>,
    /// The runs that will be split, when known ([`Spellings::within`]).
    runs: Option<Vec<String>>,
    /// Tokens already added: a token adds the same words and pairs every time (a page's JSON
    /// repeats its keys), so once is enough.
    added: foldhash::HashSet<String>,
}

/// Longer lower-case runs are left as they are (the search is cubic in the run).
const MAX_RUN: usize = 96;

/// How good a split is: attested pairs (more is better), then letters in no known word, then
/// words (fewer is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Score {
    pairs: usize,
    unknown: usize,
    pieces: usize,
}

impl Score {
    fn key(self) -> (usize, std::cmp::Reverse<usize>, std::cmp::Reverse<usize>) {
        (
            self.pairs,
            std::cmp::Reverse(self.unknown),
            std::cmp::Reverse(self.pieces),
        )
    }
}

impl Spellings {
    /// Spellings for splitting only `runs`: a word that is in none of them is not kept, since a
    /// split asks only about pieces of its run (words, and pairs of adjacent pieces). The splits
    /// of these runs are the same as with every word kept; a page's thousands of JSON keys then
    /// cost no set insertions.
    pub fn within(runs: impl IntoIterator<Item = String>) -> Self {
        Spellings {
            runs: Some(runs.into_iter().collect()),
            ..Spellings::default()
        }
    }

    /// Whether `word` can be a piece of a run to split.
    fn may_matter(&self, word: &str) -> bool {
        // Words are short: a plain scan beats setting up a substring searcher per call.
        let bytes = word.as_bytes();
        self.runs.as_ref().is_none_or(|runs| {
            runs.iter()
                .any(|r| bytes.is_empty() || r.as_bytes().windows(bytes.len()).any(|w| w == bytes))
        })
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
        // Reused for every token: where its words start, and the token lower-cased (tokens are
        // ASCII, so a word is the same byte range in both).
        let (mut starts, mut lower) = (Vec::new(), String::new());
        // Byte by byte: a token is ASCII letters and digits, so any other byte ends one (as any
        // other character would).
        let tokens = text
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter_map(|t| std::str::from_utf8(t).ok());
        for token in tokens {
            // `words` splits only before an upper-case letter: without one after the first
            // letter, a token is one word, which is no name.
            if token.is_empty()
                || only_names && !token.bytes().skip(1).any(|b| b.is_ascii_uppercase())
                || self.added.contains(token)
            {
                continue;
            }
            word_starts(token, &mut starts);
            if only_names && starts.len() < 2 {
                continue;
            }
            // Of several words, a token adds the same as a name as it does as a word.
            self.added.insert(token.to_owned());
            lower.clear();
            lower.push_str(token);
            lower.make_ascii_lowercase();
            let word =
                |k: usize| &lower[starts[k]..starts.get(k + 1).copied().unwrap_or(lower.len())];
            // A one-letter word counts only inside a name (`eBook`): alone (`a` of a title) it
            // would split any run it starts.
            let inside = starts.len() >= 2;
            let mut matters = [false; 2];
            for k in 0..starts.len() {
                let w = word(k);
                let now = self.may_matter(w);
                if now && (inside || w.len() > 1) && !self.words.contains(w) {
                    self.words.insert(w.to_owned());
                }
                matters = [matters[1], now];
                if k > 0 && matters[0] && matters[1] && !self.paired(word(k - 1), w) {
                    let first = word(k - 1).to_owned();
                    self.pairs.entry(first).or_default().insert(w.to_owned());
                }
            }
        }
    }

    /// Whether the page spells `first` right before `second` inside one name.
    fn paired(&self, first: &str, second: &str) -> bool {
        self.pairs.get(first).is_some_and(|s| s.contains(second))
    }

    /// Splits a lower-case run into words the page spells: the split with the most adjacent
    /// pairs the page spells inside one name, then the fewest letters outside known words, then
    /// the fewest words (`update` stays whole even where `up` and `date` are words). A piece no
    /// known word covers is kept only at the end of the run, after an attested pair
    /// (`organizationalbrandingpropertieslocalization` where only the first three are spelled);
    /// a run with neither a cover nor a pair stays one word (`printer` is not `print` + `er`).
    pub fn split(&self, run: &str) -> Vec<String> {
        let n = run.len();
        let lower = run
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if n == 0 || n > MAX_RUN || !lower {
            return vec![run.to_owned()];
        }
        // An unknown first piece only where nothing else covers the run (`shared` +
        // `driveItem`).
        self.split_with(run, false)
            .or_else(|| self.split_with(run, true))
            .unwrap_or_else(|| vec![run.to_owned()])
    }

    /// [`Spellings::split`] of a lower-case run, allowing an unknown first piece (`prefix`)
    /// when the two words after it are an attested pair.
    fn split_with(&self, run: &str, prefix: bool) -> Option<Vec<String>> {
        let n = run.len();
        // best[j * (n + 1) + i]: the best split of `run[..j]` whose last piece starts at i, as
        // (score, start of the piece before). Flat: a run is split for every operation.
        let width = n + 1;
        let mut best: Vec<Option<(Score, usize)>> = vec![None; width * width];
        let start = Score {
            pairs: 0,
            unknown: 0,
            pieces: 0,
        };
        best[0] = Some((start, 0));
        // known[i * width + j]: `run[i..j]` is a word the page spells.
        let mut known = vec![false; width * width];
        for word in &self.words {
            // Every occurrence, overlapping ones too (`aa` in `aaa`).
            let len = word.len();
            for at in 0..(n + 1).saturating_sub(len) {
                if run.as_bytes()[at..at + len] == *word.as_bytes() {
                    known[at * width + at + len] = true;
                }
            }
        }
        let mut states: Vec<(usize, Score, usize)> = Vec::new();
        for i in 0..n {
            states.clear();
            states.extend(
                best[i * width..i * width + width]
                    .iter()
                    .enumerate()
                    .filter_map(|(k, held)| held.map(|(score, prev)| (k, score, prev))),
            );
            for j in i + 1..=n {
                let piece = &run[i..j];
                let known = known[i * width + j];
                for &(from, score, prev) in &states {
                    let before = &run[from..i];
                    // An unknown piece only ends the run, right after a word whose boundary
                    // before it is attested (`approval|workflow` + `provider`): elsewhere it
                    // would cut known words out of a longer one (`prov` + `id` + `er`).
                    if !known {
                        let after_attested = from > 0 && self.paired(&run[prev..from], before);
                        let first = prefix && i == 0 && j < n;
                        if !first && (j < n || !after_attested) {
                            continue;
                        }
                    }
                    let attested = i > 0 && known && self.paired(before, piece);
                    let next = Score {
                        pairs: score.pairs + usize::from(attested),
                        unknown: score.unknown + if known { 0 } else { piece.len() },
                        pieces: score.pieces + 1,
                    };
                    let slot = &mut best[j * width + i];
                    match slot {
                        Some((held, _)) if held.key() >= next.key() => {}
                        _ => *slot = Some((next, from)),
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
        let mut out = Vec::new();
        let (mut end, mut start) = (n, last);
        while end > 0 {
            out.push(run[start..end].to_owned());
            let prev = best[end * width + start].map_or(0, |(_, prev)| prev);
            end = start;
            start = prev;
        }
        out.reverse();
        if prefix && !self.words.contains(&out[0]) {
            let attested = out.len() >= 3 && self.paired(&out[1], &out[2]);
            return attested.then_some(out);
        }
        Some(out)
    }
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, proc_macro2::Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_names_become_rust_names() {
        assert_eq!(pascal_case("hostSecurityProfile"), "HostSecurityProfile");
        assert_eq!(snake_case("netBiosName"), "net_bios_name");
        assert_eq!(snake_case("ipV4Address"), "ip_v4_address");
        assert_eq!(snake_case("isAzureAdJoined"), "is_azure_ad_joined");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("@odata.type"), "odata_type");
        assert_eq!(
            pascal_case("update_hostsecurityprofile"),
            "UpdateHostsecurityprofile"
        );
    }

    #[test]
    fn keywords_digits_and_junk_stay_valid_identifiers() {
        assert_eq!(snake_case("type"), "type_");
        assert_eq!(snake_case("self"), "self_");
        assert_eq!(pascal_case("self"), "Self_");
        assert_eq!(snake_case("3dModel"), "field_3d_model");
        assert_eq!(pascal_case("3d"), "Type3d");
        assert_eq!(snake_case("*/"), "field_");
        assert_eq!(snake_case("r#match"), "r_match");
        let long = "a".repeat(10_000);
        let name = snake_case(&long);
        assert!(name.len() <= MAX_LEN);
        assert!(syn::parse_str::<Ident>(&name).is_ok());
        assert_ne!(name, snake_case(&"a".repeat(9_999)));
        let cut_at_underscore = format!("{}_{}", "a".repeat(54), "b".repeat(20));
        assert!(!snake_case(&cut_at_underscore).contains("__"));
    }

    #[test]
    fn type_names_stay_upper_camel_case_when_cut_or_repeated() {
        let mut set = NameSet::default();
        assert_eq!(set.unique(pascal_case("shift-get")), "ShiftGet");
        assert_eq!(set.unique(pascal_case("shift_get")), "ShiftGet2");
        assert_eq!(set.unique(pascal_case("self")), "Self_");
        assert_eq!(set.unique(pascal_case("Self")), "Self2");
        let long = pascal_case(&"word".repeat(40));
        assert!(!long.contains('_') && long.len() <= MAX_LEN, "{long}");
    }

    #[test]
    fn collisions_after_case_folding_get_suffixes() {
        let mut set = NameSet::default();
        set.reserve("additional_properties");
        assert_eq!(set.unique(snake_case("displayName")), "display_name");
        assert_eq!(set.unique(snake_case("DisplayName")), "display_name_2");
        assert_eq!(
            set.unique(snake_case("additionalProperties")),
            "additional_properties_2"
        );
    }

    fn spelled(texts: &[&str]) -> Spellings {
        let mut s = Spellings::default();
        for t in texts {
            s.add(t);
        }
        s
    }

    #[test]
    fn spellings_within_runs_split_them_as_all_spellings_do() {
        let texts = [
            "/policies/activityBasedTimeoutPolicies",
            "Create activityBasedTimeoutPolicy",
            "approvalWorkflowProvider sharedDriveItem printerShare eBookInstallSummary",
            "updateDate upDate provId idEr",
        ];
        let runs = [
            "activitybasedtimeoutpolicy",
            "approvalworkflowprovidernew",
            "shareddriveitem",
            "printer",
            "update",
            "provider",
            "ebookinstallsummary",
        ];
        let all = spelled(&texts);
        let mut within = Spellings::within(runs.iter().map(|r| (*r).to_owned()));
        for t in texts {
            within.add(t);
        }
        // Fewer words kept, the same answers.
        assert!(within.words.len() < all.words.len());
        for run in runs {
            assert_eq!(within.split(run), all.split(run), "{run}");
        }
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
    fn names_split_into_words_at_case_changes_digits_and_separators() {
        let cases: [(&str, &[&str]); 9] = [
            ("hostSecurityProfile", &["host", "security", "profile"]),
            ("HTTPServer", &["http", "server"]),
            ("ipV4Address", &["ip", "v4", "address"]),
            ("ABC", &["abc"]),
            ("x1Y", &["x1", "y"]),
            ("eBook", &["e", "book"]),
            ("getAllMessages2D", &["get", "all", "messages2", "d"]),
            ("@odata.type", &["odata", "type"]),
            ("naïve_Name", &["na", "ve", "name"]),
        ];
        for (name, expected) in cases {
            assert_eq!(words(name), expected, "{name}");
        }
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
        let mut s = Spellings::default();
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
}
