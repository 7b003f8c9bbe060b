//! Enums: an enum page's member table (`## Members`), and `### x values` sections with a member
//! table (the stubs' `enums.md`, v1.0 `enums.md`, and resource pages that define their enums).

use super::{EnumFacts, EnumMember, PageKind, header, header_is, property_name, without_todo};
use crate::read::{Page, RowKind, Table};

pub fn enum_facts(page: &Page, kind: PageKind) -> Vec<EnumFacts> {
    let title_name = enum_page_name(page);
    let mut out: Vec<EnumFacts> = Vec::new();
    for table in &page.tables {
        let Some(heading) = table.section.and_then(|s| page.headings.get(s)) else {
            continue;
        };
        if !is_member_table(table) {
            continue;
        }
        let text = heading.text.trim();
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let name = if let Some(name) = values_heading(text) {
            name
        } else if kind == PageKind::Enum
            && (words.contains(&"members") || words.contains(&"values"))
        {
            match &title_name {
                Some(n) => n.clone(),
                None => continue,
            }
        } else {
            continue;
        };
        if !is_identifier(&name) {
            continue;
        }
        let members = members(table);
        if members.is_empty() {
            continue;
        }
        if let Some(existing) = out.iter_mut().find(|e| e.name == name) {
            // A second table under the same enum continues its member list.
            existing.members.extend(members);
            continue;
        }
        let flags = words.contains(&"flags") || words.contains(&"(flags)") || flag_values(&members);
        out.push(EnumFacts {
            name,
            line: heading.line,
            flags,
            members,
            anchor: anchor(text),
        });
    }
    out
}

/// The name an enum page gives its type: the title or H1 that reads `x enum type` (a front
/// matter `title: "Members"` copied from a heading names nothing), else the title's first word.
fn enum_page_name(page: &Page) -> Option<String> {
    let h1 = page
        .headings
        .iter()
        .find(|h| h.level == 1)
        .map(|h| h.text.as_str());
    let first_word = |t: &str| {
        t.split_whitespace()
            .next()
            .map(|w| w.trim_matches('`').to_owned())
    };
    let says_enum = |t: &&str| {
        let rest: Vec<String> = t
            .split_whitespace()
            .skip(1)
            .map(str::to_lowercase)
            .collect();
        matches!(
            rest.iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
            ["enum", "type"] | ["enum"] | ["enumeration", "type"] | ["enumeration"]
        )
    };
    page.title
        .as_deref()
        .filter(says_enum)
        .or(h1.filter(says_enum))
        .or(page.title.as_deref())
        .and_then(first_word)
}

/// `accessLevel values`, `` `riskLevel` values ``, `x enum values` -> the enum's name.
fn values_heading(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    let first = words.next()?.trim_matches('`');
    let rest: Vec<String> = words.map(str::to_lowercase).collect();
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    matches!(
        rest.as_slice(),
        ["values"] | ["enum", "values"] | ["values", "(flags)"] | ["flags", "values"]
    )
    .then(|| first.to_owned())
}

/// Asked of every table of every page: its header is compared in place, not lower-cased.
fn is_member_table(table: &Table) -> bool {
    const FIRST: [&str; 5] = ["member", "members", "value", "name", "enum value"];
    table
        .header
        .first()
        .is_some_and(|h| FIRST.iter().any(|name| header_is(h, name)))
        && !table.header.iter().any(|h| header_is(h, "type"))
}

fn members(table: &Table) -> Vec<EnumMember> {
    let header = header(table);
    let value_col = header
        .iter()
        .skip(1)
        .position(|h| h == "value" || h == "#")
        .map(|i| i + 1);
    let desc_col = header.iter().position(|h| h == "description");
    table
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .filter_map(|r| {
            let name = property_name(&r.cells[0])?;
            Some(EnumMember {
                name,
                value: value_col
                    .map(|c| r.cells[c].text.trim().to_owned())
                    .filter(|v| !v.is_empty()),
                description: desc_col
                    .map(|c| without_todo(&r.cells[c]).text)
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// A Value column that only a flags enum can have: every non-zero value a distinct power of
/// two, and not the plain count `0, 1, 2` (or `1, 2`) an ordinary enum also has, so some bit
/// above the second is used with a gap below it (`1, 2, 4`). A member described as "no flags
/// set" (the zero of a bit set) says so in words. Pages whose values are only `0, 1` say
/// nothing either way and stay ordinary.
fn flag_values(members: &[EnumMember]) -> bool {
    if members
        .iter()
        .any(|m| m.description.to_lowercase().contains("no flags"))
    {
        return true;
    }
    let values: Option<Vec<u64>> = members
        .iter()
        .map(|m| m.value.as_deref()?.trim().parse::<u64>().ok())
        .collect();
    let Some(values) = values else { return false };
    let bits: Vec<u64> = values.into_iter().filter(|v| *v != 0).collect();
    let mut distinct = bits.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let powers = !bits.is_empty()
        && distinct.len() == bits.len()
        && bits.iter().all(|v| v.is_power_of_two());
    // `1, 2, 4` skips 3: a count would not.
    let skips = distinct.iter().enumerate().any(|(i, v)| *v != i as u64 + 1);
    powers && skips
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The anchor a Markdown renderer gives a heading: `accessLevel values` -> `accesslevel-values`.
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::facts;
    use super::*;

    #[test]
    fn enum_page_members_table() {
        let f = facts(
            "---\ndoc_type: enumPageType\ntitle: \"clonableTeamParts enum type\"\n---\n# clonableTeamParts enum type\n\n## Members\n\n| Member | Value| Description |\n|:--|:--|:--|\n|apps|1|Apps.|\n|tabs|2|Tabs.|\n",
            "resources/clonableteamparts.md",
        );
        assert_eq!(f.kind, PageKind::Enum);
        assert_eq!(f.enums.len(), 1);
        let e = &f.enums[0];
        assert_eq!(e.name, "clonableTeamParts");
        let members: Vec<_> = e
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.value.as_deref()))
            .collect();
        assert_eq!(members, [("apps", Some("1")), ("tabs", Some("2"))]);
    }

    #[test]
    fn an_enum_pages_h1_names_it_when_the_title_is_a_copied_heading() {
        let f = facts(
            "---\ndoc_type: enumPageType\ntitle: \"Members\"\n---\n# gadgetVisibility enum type\n\n## Members\n\n|Member|Value|Description|\n|:--|:--|:--|\n|private|0|x|\n|public|1|x|\n",
            "resources/gadgetvisibility.md",
        );
        assert_eq!(f.enums.len(), 1);
        assert_eq!(f.enums[0].name, "gadgetVisibility");
    }

    #[test]
    fn values_sections_define_enums_and_members_heading_word_is_not_fooled() {
        let f = facts(
            "---\ndoc_type: enumTypes\n---\n### accessLevel values \n\n**TODO: Add Description**\n\n|Members|\n|:---|\n|everyone|\n|invited|\n\n### riskLevel values (flags)\n\n|Member|Value|\n|--|--|\n|low|1|\n\n## membershipRuleProcessingStatusDetails\n\n|Member|\n|--|\n|x|\n",
            "resources/enums.md",
        );
        let names: Vec<_> = f
            .enums
            .iter()
            .map(|e| (e.name.as_str(), e.members.len(), e.flags))
            .collect();
        assert_eq!(names, [("accessLevel", 2, false), ("riskLevel", 1, true)]);
        assert_eq!(f.enums[0].anchor, "accesslevel-values");
    }
}
