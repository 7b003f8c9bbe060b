//! Rust names from page names: validated identifiers, never pasted text.
//!
//! Every name goes through `words` (split on case changes and non-alphanumerics), is joined in
//! the target case, escapes keywords and leading digits deterministically, and is checked by
//! `syn` before it is used. Collisions after case folding are settled by [`NameSet`].

use std::collections::BTreeSet;

use proc_macro2::Ident;

mod spellings;

pub use spellings::Spellings;

/// Longer names are cut and given a hash of the whole, so they stay unique and readable.
/// Snake-case names are also file names (`requests/<name>.rs`), kept short for every file system.
const MAX_LEN: usize = 64;
/// Type names are what users write: long enough for every name the pages spell (the doc stubs'
/// longest request type has 105 characters), so that a name is the page's and never a hash;
/// still bounded against a hostile page.
const MAX_TYPE_LEN: usize = 160;

/// Splits `netBiosName`, `ipV4Address`, `HTTPServer`, `@odata.type` into lower-case words.
fn words(name: &str) -> Vec<String> {
    let (mut starts, mut words) = (Vec::new(), Vec::new());
    for token in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        word_starts(token.as_bytes(), &mut starts);
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
pub(crate) fn word_starts(bytes: &[u8], starts: &mut Vec<usize>) {
    starts.clear();
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
    // The words of [`words`], each capitalised, written straight into the name (every
    // request and response type is named so).
    // A word is ASCII letters and digits: copied at once and lower-cased in place, not pushed
    // character by character (every type, property and operation is named here).
    let (mut joined, mut starts) = (String::with_capacity(name.len()), Vec::new());
    for token in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        word_starts(token.as_bytes(), &mut starts);
        let ends = starts.iter().skip(1).copied().chain([token.len()]);
        for (&start, end) in starts.iter().zip(ends) {
            let word = &token[start..end];
            joined.push(char::from(word.as_bytes()[0].to_ascii_uppercase()));
            let rest = joined.len();
            joined.push_str(&word[1..]);
            joined[rest..].make_ascii_lowercase();
        }
    }
    finish(joined, name, "Type", "", MAX_TYPE_LEN)
}

/// `netBiosName` -> `net_bios_name`.
pub fn snake_case(name: &str) -> String {
    finish(words(name).join("_"), name, "field_", "_", MAX_LEN)
}

/// Makes `candidate` a valid, non-keyword identifier: empty or digit-led names get `prefix`,
/// keywords get `keyword_suffix` (`type` -> `type_`), names over `max_len` are cut with a hash.
fn finish(
    mut candidate: String,
    original: &str,
    prefix: &str,
    keyword_suffix: &str,
    max_len: usize,
) -> String {
    if candidate.len() > max_len {
        candidate.truncate(max_len - 9);
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
    fn pascal_case_capitalises_each_word_of_words() {
        for name in [
            "hostSecurityProfile",
            "HTTPServer",
            "ipV4Address",
            "getAllMessages2D",
            "@odata.type",
            "naïve_Name",
            "activity-based-timeout-policy-post",
            "x1Y",
            "",
        ] {
            let capitalised: String = words(name)
                .iter()
                .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
                .collect();
            assert_eq!(
                pascal_case(name),
                finish(capitalised, name, "Type", "", MAX_TYPE_LEN),
                "{name}"
            );
        }
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
        let long = pascal_case(&"word".repeat(80));
        assert!(!long.contains('_') && long.len() <= MAX_TYPE_LEN, "{long}");
        // A name as long as the pages' longest stays whole: it is what users write.
        let stem = "intune-reporting-devicemanagementreports-getcompliancepolicynoncompliancesummaryreport";
        assert_eq!(pascal_case(stem).len(), stem.len() - 3);
        assert!(
            !pascal_case(&"word".repeat(20)).contains('H'),
            "no hash under the bound"
        );
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
}
