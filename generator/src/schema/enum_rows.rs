//! What the rows typed by an enum say about it, beyond its member table.
//!
//! A property or body row whose type cell names an enum often repeats the wire values in its
//! description ("Possible values are: `a`, `b`, `c`."), says that several values combine
//! ("A comma-separated list of the parts to clone"), or sits next to an example that sends
//! `"a,b"`. Those are read here, once every enum is known:
//! - **flags**: a single (not collection-valued) enum value that the row describes as a
//!   comma-separated list or as several values combined, that it calls by a word of the enum's
//!   name with a plural `(s)` ("in which managed browser(s)" for a `managedBrowserType`), or
//!   that an example on the row's page sends as `"a,b"` with each part a member, holds a set of
//!   members: a flags enum.
//! - **spelling**: a member spelt with other letter case by more pages than the table's own
//!   spelling (the table counts as one page) takes the spelling most pages give; ties keep the
//!   table's.
//! - **a table that is another enum's**: when every row typed by the enum lists values and none
//!   of them is a table member, the table is not this enum's (a copied section); the rows' values
//!   are its members.
//!
//! Before that, `define_listed`: a row whose type cell names a type no page defines and whose
//! description lists the values (`|status|alertStatus|... Possible values are: \`new\`,
//! \`resolved\`.|`, as newer pages often give an enum: no `### alertStatus values` table) names an
//! enum of those values.

use std::collections::{BTreeMap, BTreeSet};

use memchr::memmem::Finder;

use super::index::Index;
use super::type_cell::resolve_type_cell;
use super::{Origin, TypeDef, TypeKind, TypeRef};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{PageFacts, PropertyRow};

/// Words that say a single value holds several members.
const COMBINED: [&str; 5] = [
    "comma-separated list",
    "comma separated list",
    "multiple values can be combined",
    "more than one value",
    "values can be combined",
];

/// Words that start a list of the wire values.
const VALUES: [&str; 6] = [
    "possible values",
    "supported values",
    "valid values",
    "allowed values",
    "legal values",
    "values are",
];

/// `COMBINED` and `VALUES` as searchers, built once (every enum-typed row is searched).
struct Phrases {
    combined: Vec<Finder<'static>>,
    values: Vec<Finder<'static>>,
}

impl Phrases {
    fn new() -> Self {
        Phrases {
            combined: COMBINED.iter().map(|w| Finder::new(*w)).collect(),
            values: VALUES.iter().map(|w| Finder::new(*w)).collect(),
        }
    }
}

/// What the rows say about one enum.
#[derive(Default)]
struct Said {
    /// Each listing row's page and the values it lists, in page order.
    lists: Vec<(String, usize, Vec<String>)>,
    /// Where a row first shows the enum holds several members.
    flags: Option<(String, usize)>,
}

/// Applies what the rows typed by each enum say to `types` (every type the pages define).
pub fn apply(
    facts: &[PageFacts],
    index: &Index,
    types: &mut [TypeDef],
    diags: &mut Vec<Diagnostic>,
) {
    let enums: BTreeMap<String, usize> = types
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TypeKind::Enum)
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    if enums.is_empty() {
        return;
    }
    let words: EnumWords = enums
        .keys()
        .map(|n| n.rsplit('.').next().unwrap_or(n).to_ascii_lowercase())
        .collect();
    let mut rows = Rows {
        index,
        types,
        enums: &enums,
        words: &words,
        phrases: Phrases::new(),
        said: BTreeMap::new(),
    };
    for page in facts {
        let resource_json = page
            .resource
            .as_ref()
            .and_then(|r| r.json.as_ref())
            .and_then(|j| j.as_object());
        let resource_rows = page
            .resource
            .iter()
            .flat_map(|r| r.properties.iter().chain(&r.relationships));
        for row in resource_rows {
            let shown = resource_json.and_then(|j| j.get(&row.name)).into_iter();
            rows.read(page, row, shown);
        }
        if let Some(op) = &page.operation {
            for row in &op.body_rows {
                let shown = op
                    .examples
                    .iter()
                    .filter(|e| e.request)
                    .filter_map(|e| e.body.as_ref()?.as_object()?.get(&row.name));
                rows.read(page, row, shown);
            }
        }
    }
    let said = rows.said;
    for (i, what) in said {
        let def = &mut types[i];
        if let Some((file, line)) = what.flags
            && !def.flags
        {
            def.flags = true;
            diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, &file, line, 1).message(format!(
                    "`{}` holds several members in one value here: it is a flags enum",
                    def.name
                )),
            );
        }
        if !replace_copied_table(def, &what.lists, diags) {
            respell(def, &what.lists);
        }
    }
}

/// Defines the enums that rows name and no page defines, from the values the rows list.
///
/// The cell names a type (it is no primitive) and the description lists wire values (it says
/// "Possible values" and spells each in code): in the OData model the pages describe, that is an
/// enum and its members. Rows that name it elsewhere add the values they list, in page order.
/// A cell naming a type no page defines and listing nothing stays what it was (any JSON).
pub fn define_listed(
    facts: &[PageFacts],
    index: &Index,
    types: &mut Vec<TypeDef>,
    diags: &mut Vec<Diagnostic>,
) {
    let defined: foldhash::HashSet<String> =
        types.iter().map(|t| t.name.to_ascii_lowercase()).collect();
    let values_word = Finder::new("alues");
    // Name -> where the first listing row is, and the values the rows list.
    let mut listed: BTreeMap<String, ((String, usize), Vec<String>)> = BTreeMap::new();
    for page in facts {
        let resource_rows = page
            .resource
            .iter()
            .flat_map(|r| r.properties.iter().chain(&r.relationships));
        let body_rows = page.operation.iter().flat_map(|op| &op.body_rows);
        for row in resource_rows.chain(body_rows) {
            // Every row of every page: most say nothing of values, told by one search.
            if values_word.find(row.description.text.as_bytes()).is_none() {
                continue;
            }
            let Ok(ty) = resolve_type_cell(&row.type_cell, index, &page.namespace) else {
                continue;
            };
            let TypeRef::Named(name) = ty.element() else {
                continue;
            };
            if defined.contains(&name.to_ascii_lowercase()) {
                continue;
            }
            let Some(values) = listed_values(&row.description.source) else {
                continue;
            };
            let entry = listed
                .entry(name.clone())
                .or_insert_with(|| ((page.path.clone(), row.line), Vec::new()));
            for v in values {
                if !entry.1.iter().any(|m| m.eq_ignore_ascii_case(&v)) {
                    entry.1.push(v);
                }
            }
        }
    }
    for (name, ((file, line), members)) in listed {
        // One value is a default or an example, not a list of members.
        if members.len() < 2 {
            continue;
        }
        diags.push(
            Diagnostic::new(Severity::Note, Code::TypeUnknown, &file, line, 1)
                .message(format!(
                    "no page defines `{name}`, and this row lists its values: it is an enum of {}",
                    members.join(", ")
                ))
                .help("give the enum a `### ... values` member table"),
        );
        let source = format!("{file}:{line}");
        types.push(TypeDef::enumeration(
            name,
            source,
            members,
            false,
            Origin::RowValues,
        ));
    }
}

/// What the row pass reads with, and what it has found so far.
struct Rows<'a> {
    index: &'a Index,
    types: &'a [TypeDef],
    enums: &'a BTreeMap<String, usize>,
    words: &'a EnumWords,
    phrases: Phrases,
    said: BTreeMap<usize, Said>,
}

impl Rows<'_> {
    /// Reads one row: when its type is an enum, the values it lists and whether it combines them.
    fn read<'j>(
        &mut self,
        page: &PageFacts,
        row: &PropertyRow,
        shown: impl Iterator<Item = &'j serde_json::Value>,
    ) {
        let Rows {
            index,
            types,
            enums,
            words: enum_words,
            phrases,
            said,
        } = self;
        // This runs for every row of every page: a row whose type cell holds no enum's name is
        // passed over before anything is lower-cased, searched or resolved.
        if !names_an_enum(&row.type_cell.source, enum_words) {
            return;
        }
        let shown: Vec<&str> = shown.filter_map(|v| v.as_str()).collect();
        let lower = row.description.text.to_lowercase();
        let has = |finders: &[Finder<'static>]| {
            finders.iter().any(|f| f.find(lower.as_bytes()).is_some())
        };
        let combined_words = has(&phrases.combined);
        let lists = has(&phrases.values);
        let maybe_plural = lower.contains("(s)");
        if !combined_words && !lists && !maybe_plural && !shown.iter().any(|v| v.contains(',')) {
            return;
        }
        let Ok(ty) = resolve_type_cell(&row.type_cell, index, &page.namespace) else {
            return;
        };
        let (name, single) = match &ty {
            TypeRef::Named(n) => (n, true),
            TypeRef::Collection(inner) => match inner.as_ref() {
                TypeRef::Named(n) => (n, false),
                _ => return,
            },
            TypeRef::Primitive(_) => return,
        };
        let Some(&i) = enums.get(name) else { return };
        let entry = said.entry(i).or_default();
        if lists && let Some(values) = listed_values(&row.description.source) {
            entry.lists.push((page.path.clone(), row.line, values));
        }
        let combines_members = shown.iter().any(|v| {
            let parts: Vec<&str> = v.split(',').map(str::trim).collect();
            parts.len() > 1
                && parts.iter().all(|p| {
                    (types[i].members.iter()).any(|m| m.to_lowercase() == p.to_lowercase())
                })
        });
        let plural = maybe_plural && names_several(&lower, &types[i]);
        if single && (combined_words || combines_members || plural) && entry.flags.is_none() {
            entry.flags = Some((page.path.clone(), row.line));
        }
    }
}

/// The enums' names without namespace, lower-cased.
type EnumWords = foldhash::HashSet<String>;

/// Whether a type cell as written (`[ageGroup](agegroup.md)`, `microsoft.graph.x collection`)
/// holds a word that is an enum's name, letter case aside.
fn names_an_enum(cell: &str, words: &EnumWords) -> bool {
    const LONGEST: usize = 128;
    let mut buffer = [0u8; LONGEST];
    cell.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() <= LONGEST)
        .any(|w| {
            let lower = &mut buffer[..w.len()];
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|l| words.contains(l))
        })
}

/// "browser(s)" in a (lower-cased) description, where `browser` is a word of the enum's name
/// (`managedBrowserType`): the one value may name several of the things the enum names.
/// "letter(s)" for a `windowsHelloForBusinessPinUsage` is about something else.
fn names_several(lower: &str, def: &TypeDef) -> bool {
    let snake = crate::names::snake_case(def.short_name());
    let words: Vec<&str> = snake.split('_').collect();
    lower.match_indices("(s)").any(|(at, _)| {
        let before = &lower[..at];
        let start = before
            .rfind(|c: char| !c.is_ascii_alphanumeric())
            .map_or(0, |i| i + 1);
        let word = &before[start..];
        !word.is_empty() && words.contains(&word)
    })
}

/// The code spans of the sentence that lists the values: from "Possible values" (or the like)
/// to the sentence's end, identifiers only (`$filter` in a later sentence is no value).
fn listed_values(source: &str) -> Option<Vec<String>> {
    // ASCII lower case keeps every byte where it was: offsets into it are offsets into `source`.
    let lower = source.to_ascii_lowercase();
    let start = VALUES.iter().filter_map(|w| lower.find(w)).min()?;
    let mut values = Vec::new();
    code_spans_of_sentence(&source[start..], &mut values);
    // "Use the `Prefer: include-unknown-enum-members` request header to get the following values
    // in this evolvable enum: `a`, `b`." lists members after the sentinel in a sentence of its own.
    if let Some(at) = lower[start..].find(EVOLVABLE) {
        code_spans_of_sentence(&source[start + at..], &mut values);
    }
    (!values.is_empty()).then_some(values)
}

/// The words that start the sentence listing an evolvable enum's later members.
const EVOLVABLE: &str = "evolvable enum";

/// The identifiers spelt in code (`a`) in `text` up to the end of its first sentence, added to
/// `values` where not there yet.
fn code_spans_of_sentence(text: &str, values: &mut Vec<String>) {
    let mut in_code = false;
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' if in_code => {
                in_code = false;
                let v = std::mem::take(&mut current);
                let v = v.trim();
                if !v.is_empty()
                    && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !values.iter().any(|x| x == v)
                {
                    values.push(v.to_owned());
                }
            }
            '`' => in_code = true,
            c if in_code => current.push(c),
            '.' if chars.peek().is_none_or(|n| n.is_whitespace() || *n == '<') => break,
            _ => {}
        }
    }
}

/// When every row that lists the enum's values lists two or more and shares none with the
/// table (letter case aside), the table is another enum's: the rows' values become the members.
fn replace_copied_table(
    def: &mut TypeDef,
    lists: &[(String, usize, Vec<String>)],
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let members: BTreeSet<String> = def.members.iter().map(|m| m.to_lowercase()).collect();
    let disjoint = |values: &[String]| {
        values.len() > 1 && values.iter().all(|v| !members.contains(&v.to_lowercase()))
    };
    if lists.is_empty() || !lists.iter().all(|(_, _, v)| disjoint(v)) {
        return false;
    }
    let mut new: Vec<String> = Vec::new();
    for v in lists.iter().flat_map(|(_, _, v)| v) {
        if !new.iter().any(|n| n.eq_ignore_ascii_case(v)) {
            new.push(v.clone());
        }
    }
    let (file, line) = (&lists[0].0, lists[0].1);
    diags.push(
        Diagnostic::new(Severity::Warning, Code::Conflict, file, line, 1)
            .message(format!(
                "the rows typed `{}` list {} and its table at {} lists {}: no value in common, so the \
                 table is taken for another enum's and the rows' values are the members",
                def.name,
                new.join(", "),
                def.source,
                def.members.join(", ")
            ))
            .help("give the enum's section its own member table"),
    );
    def.members = new;
    true
}

/// A member spelt with other letter case by more pages than spell it as the table does (the
/// table's page counts once) takes the spelling most pages give.
fn respell(def: &mut TypeDef, lists: &[(String, usize, Vec<String>)]) {
    let table_page = super::split_source(&def.source).0.to_owned();
    for member in &mut def.members {
        // Pages per spelling of this member.
        let mut pages: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        pages
            .entry(member.as_str())
            .or_default()
            .insert(&table_page);
        for (page, _, values) in lists {
            for v in values.iter().filter(|v| v.eq_ignore_ascii_case(member)) {
                pages.entry(v).or_default().insert(page);
            }
        }
        let table_votes = pages[member.as_str()].len();
        let best = pages
            .iter()
            .filter(|(spelling, set)| **spelling != member.as_str() && set.len() > table_votes)
            .max_by_key(|(_, set)| set.len())
            .map(|(spelling, _)| spelling.to_string());
        if let Some(best) = best {
            *member = best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::listed_values;

    #[test]
    fn the_values_sentence_and_an_evolvable_enums_later_members_are_read() {
        let said = "The status. Possible values are: `a`, `b`, `unknownFutureValue`. Filter with \
            `$filter`. Use the `Prefer: include-unknown-enum-members` request header to get the \
            following values in this [evolvable enum](/graph/x): `c`, `a`.";
        assert_eq!(
            listed_values(said).unwrap(),
            ["a", "b", "unknownFutureValue", "c"]
        );
        assert_eq!(listed_values("No values here."), None);
    }

    #[test]
    fn letters_that_lower_case_to_more_bytes_do_not_move_the_values() {
        // `İ` lower-cases to two characters (three bytes, from two): offsets found in a
        // Unicode-lower-cased copy point past the phrase, here past the first value.
        let said = format!("{} Possible values are: `a`, `b`, `c`.", "İ".repeat(24));
        assert_eq!(listed_values(&said).unwrap(), ["a", "b", "c"]);
        assert_eq!(
            listed_values("Ödeme. Possible values are: `é`, `x1`.").unwrap(),
            ["x1"]
        );
    }
}
