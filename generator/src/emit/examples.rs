//! Example tests: every JSON example whose type the schema knows becomes a `#[test]` that reads
//! it into the generated type, checks no documented property fell into the catch-all map, writes
//! it back and compares (see `runtime/testing.rs`). A failure names the page and line.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::RustNames;
use crate::names::{NameSet, ident, snake_case};
use crate::schema::{Example, Schema};

pub fn examples(schema: &Schema, names: &RustNames) -> TokenStream {
    let mut used = NameSet::default();
    let tests = schema.examples.iter().filter_map(|example| {
        let ty = example_type(example, names)?;
        let test = ident(&used.unique(snake_case(&example.name)));
        let source = &example.source;
        let exact = example.exact_lines;
        let json = raw_string(&example.json);
        let check = if example.collection {
            quote!(round_trip_collection)
        } else {
            quote!(round_trip)
        };
        Some(quote! {
            #[test]
            fn #test() {
                super::support::testing::#check::<super::models::#ty>(#source, #exact, #json);
            }
        })
    });
    quote!(#(#tests)*)
}

/// The type an example is read into: the update body for an update's request, the polymorphic
/// enum for a base type with derived types, else the struct.
fn example_type(example: &Example, names: &RustNames) -> Option<proc_macro2::Ident> {
    let name = if example.patch {
        names.patch(&example.ty)?
    } else if let Some(any) = names.polymorphic(&example.ty) {
        any
    } else {
        names
            .get(&example.ty)
            .filter(|_| names.is_struct(&example.ty))?
    };
    Some(ident(name))
}

/// A raw string literal (`r#"..."#`) holding `text`, so the JSON reads as it does on the page,
/// line for line. A `\r` (JSON whitespace, outside strings) becomes a space; other characters
/// that would make the source misleading or invalid (bidi controls and other invisible format
/// characters, control characters) can only stand inside JSON strings, so they are written as
/// JSON escapes there, which mean the same to the test.
fn raw_string(text: &str) -> Literal {
    let mut json = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\r' {
            json.push(' ');
            continue;
        }
        let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{feff}')
            || (c.is_control() && c != '\n' && c != '\t');
        if invisible {
            for unit in c.encode_utf16(&mut [0; 2]) {
                json.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            json.push(c);
        }
    }
    // Enough `#`s that no `"#...` inside can end the literal.
    let mut longest = 0;
    for (i, _) in json.match_indices('"') {
        let run = json[i + 1..].bytes().take_while(|&b| b == b'#').count();
        longest = longest.max(run);
    }
    let hashes = "#".repeat(longest + 1);
    format!("r{hashes}\"{json}\"{hashes}")
        .parse()
        .expect("a raw string literal with enough hashes is valid")
}

#[cfg(test)]
mod tests {
    use super::raw_string;

    #[test]
    fn raw_strings_hold_any_json() {
        let lit = raw_string("{\"@odata.type\": \"#microsoft.graph.user\", \"x\": \"\"##\"}");
        assert_eq!(
            lit.to_string(),
            "r###\"{\"@odata.type\": \"#microsoft.graph.user\", \"x\": \"\"##\"}\"###"
        );
        let lit = raw_string("{\"a\": \"\u{202e}evil\"}");
        assert_eq!(lit.to_string(), "r#\"{\"a\": \"\\u202eevil\"}\"#");
        let lit = raw_string("{\r\n\t\"a\": 1\r\n}");
        assert_eq!(lit.to_string(), "r#\"{ \n\t\"a\": 1 \n}\"#");
    }
}
