//! Example tests. Every response and resource example whose type the schema knows becomes a
//! `#[test]` that reads it into the generated type (primitives or enum members into the
//! request's `support::Single` or `support::Page` of them), checks that nothing but OData
//! annotations fell into a catch-all map, writes it back and compares. Every request example
//! becomes a test that rebuilds it with the generated request type (the constructor of the path
//! its URL fits, arguments and query from the URL, body from its JSON) and compares method,
//! path, query and body with the page (see `runtime/src/testing.rs`). A failure names the page
//! and line.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::RustNames;
use super::requests::{self, QueryKind};
use crate::names::{NameSet, ident, snake_case};
use crate::schema::request_examples::RequestExample;
use crate::schema::{Example, ExampleRole, Operation, Schema, TypeRef, ValuesRead};

pub fn examples(schema: &Schema, names: &RustNames) -> TokenStream {
    let mut used = NameSet::default();
    let operations: std::collections::BTreeMap<&str, &Operation> = schema
        .operations
        .iter()
        .filter(|o| !o.mentioned)
        .map(|o| (o.source.as_str(), o))
        .collect();
    let requests: Vec<TokenStream> = schema
        .request_examples
        .iter()
        .filter_map(|example| {
            let op = operations.get(example.operation.as_str())?;
            let test = ident(&used.unique(snake_case(&example.name)));
            Some(request_test(&test, example, op, names))
        })
        .collect();
    // A request example's body is checked by its request test.
    let bodies = schema
        .examples
        .iter()
        .filter(|e| e.role != ExampleRole::Request);
    let tests = bodies.filter_map(|example| {
        let (check, ty) = if example.scalar {
            // As the request reads it: `support::Single` or `support::Page` of the enum or
            // primitive.
            let value = match names.get(&example.ty) {
                Some(_) => TypeRef::Named(example.ty.clone()),
                None => TypeRef::Primitive(example.ty.clone()),
            };
            let ty = if example.collection {
                TypeRef::collection(value)
            } else {
                value
            };
            let (read, value) = requests::read_values(&ty, names)?;
            let check = match read {
                ValuesRead::Single => quote!(round_trip_single),
                ValuesRead::Page => quote!(round_trip_page),
            };
            (check, value)
        } else {
            let ty = example_type(example, names)?;
            let check = if example.collection {
                quote!(round_trip_collection)
            } else {
                quote!(round_trip)
            };
            (check, quote!(super::models::#ty))
        };
        let test = ident(&used.unique(snake_case(&example.name)));
        let source = &example.source;
        let exact = example.exact_lines;
        let json = raw_string(&example.json);
        Some(quote! {
            #[test]
            fn #test() {
                super::support::testing::#check::<#ty>(#source, #exact, #json);
            }
        })
    });
    // `query_param` is a provided method of the request trait.
    let import = (!requests.is_empty()).then(|| {
        quote! {
            #[allow(unused_imports)]
            use super::support::GraphRequest as _;
        }
    });
    quote!(#import #(#requests)* #(#tests)*)
}

/// The properties (`` `catalogId` and 6 more properties ``) a `$ref` request's example sends
/// where only a reference (`@odata.id`) belongs: the page contradicts its own path (the schema
/// warns), and the test says so rather than count documented names as undocumented.
fn entity_sent_to_reference(op: &Operation, json: &str) -> Option<String> {
    if !matches!(&op.body, Some(TypeRef::Named(n)) if n == crate::schema::REFERENCE_BODY) {
        return None;
    }
    let body: serde_json::Value = serde_json::from_str(json).ok()?;
    // Annotations (`@odata.id`, `owner@odata.bind`) are what a reference body holds.
    let keys: Vec<&String> = body
        .as_object()?
        .keys()
        .filter(|k| !k.contains('@'))
        .collect();
    let (first, more) = (keys.first()?, keys.len() - 1);
    Some(match more {
        0 => format!("`{first}`"),
        more => format!("`{first}` and {more} more properties"),
    })
}

/// A test that rebuilds one request example with its operation's request type.
fn request_test(
    test: &proc_macro2::Ident,
    example: &RequestExample,
    op: &Operation,
    names: &RustNames,
) -> TokenStream {
    let source = &example.source;
    let unbuilt = |cause: &str, detail: String| {
        quote! {
            #[test]
            fn #test() {
                super::support::testing::unbuilt(#source, #cause, #detail);
            }
        }
    };
    let Some(request) = names.operation_name(&op.source).map(ident) else {
        return unbuilt(
            "request-type",
            "the operation has no request type".to_owned(),
        );
    };
    let plan = match requests::plan(op) {
        Ok(plan) => plan,
        Err(why) => return unbuilt("request-type", why),
    };
    let call = match &example.call {
        Ok(call) => call,
        Err(why) => return unbuilt("request-path", why.clone()),
    };
    let Some((ctor, arity)) = plan.constructor(call.template) else {
        return unbuilt(
            "request-path",
            format!("the path `{}` has no constructor", example.target),
        );
    };
    if arity != call.args.len() {
        return unbuilt(
            "request-path",
            format!(
                "`{}` gives {} arguments for {arity}",
                example.target,
                call.args.len()
            ),
        );
    }
    let ctor = ident(ctor);
    let args = match plan.arguments(call.template, &call.args) {
        Ok(args) => args,
        Err(why) => return unbuilt("request-path", format!("`{}`: {why}", example.target)),
    };
    let body_ty = requests::body_type(op, names);
    // For a request type without a body, a page's `{}` (sent with `Content-length: 0`, as the
    // session pages write it) is no body either.
    let page_body = example.body.as_ref().filter(|b| {
        body_ty.is_some()
            || !serde_json::from_str::<serde_json::Value>(&b.json)
                .is_ok_and(|v| v.is_null() || v.as_object().is_some_and(|o| o.is_empty()))
    });
    if let Some(keys) = page_body.and_then(|b| entity_sent_to_reference(op, &b.json)) {
        return unbuilt(
            "request-body",
            format!(
                "the page sends {keys} to a `$ref` path, which takes a reference \
                 (`{{\"@odata.id\": ...}}`)"
            ),
        );
    }
    let (body_let, body_arg, body_check) = match (&body_ty, page_body) {
        (None, None) => (quote!(), quote!(), quote!(::std::option::Option::None)),
        (None, Some(_)) => {
            return unbuilt(
                "request-body",
                "the page sends a body, the request type takes none".to_owned(),
            );
        }
        (Some(requests::Body::Bytes), body) => {
            let text = body.as_ref().map_or(String::new(), |b| b.json.clone());
            let json = raw_string(&text);
            let check = match body {
                Some(_) => quote!(::std::option::Option::Some(json)),
                None => quote!(::std::option::Option::None),
            };
            (
                quote!(let json = #json;),
                quote!(json.as_bytes().to_vec()),
                check,
            )
        }
        (Some(requests::Body::Json(ty)), body) => {
            let (json, body_source, exact, check) = match body {
                Some(b) => (
                    raw_string(&b.json),
                    b.source.clone(),
                    b.exact_lines,
                    quote!(::std::option::Option::Some(json)),
                ),
                None => (
                    raw_string("{}"),
                    example.source.clone(),
                    false,
                    quote!(::std::option::Option::None),
                ),
            };
            let models = op
                .body
                .as_ref()
                .is_some_and(|t| holds_models(t, names))
                .then(|| quote!(super::support::testing::check_models(#body_source, &body);));
            (
                quote! {
                    let json = #json;
                    let body: #ty = super::support::testing::read_body(#body_source, #exact, json);
                    #models
                },
                quote!(body),
                check,
            )
        }
    };
    let comma = (!args.is_empty() && body_ty.is_some()).then(|| quote!(,));
    // An update's body tells `null` (clear) from absent (leave alone); others read both as unset.
    let patch = op.kind == crate::schema::OperationKind::Update
        && matches!(&op.body, Some(TypeRef::Named(n)) if names.patch(n).is_some());
    let mut typed_used = std::collections::BTreeSet::new();
    let setters = example.query.iter().map(|(name, value)| {
        let typed = plan
            .queries
            .iter()
            .find(|(option, _, _)| option.eq_ignore_ascii_case(name))
            .filter(|(option, _, _)| typed_used.insert(option.clone()));
        let fallback = quote!(.query_param(#name, #value));
        let Some((_, setter, kind)) = typed else {
            return fallback;
        };
        let setter = ident(setter);
        match kind {
            QueryKind::List => {
                let items = top_level_items(value);
                quote!(.#setter([#(#items),*]))
            }
            QueryKind::Number => match value.trim().parse::<u32>() {
                Ok(n) => quote!(.#setter(#n)),
                Err(_) => fallback,
            },
            QueryKind::Flag => match value.trim() {
                "true" => quote!(.#setter(true)),
                "false" => quote!(.#setter(false)),
                _ => fallback,
            },
            QueryKind::Text => quote!(.#setter(#value)),
        }
    });
    let setters: Vec<TokenStream> = setters.collect();
    let (base_url, method, target) = (&example.base_url, &example.method, &example.target);
    quote! {
        #[test]
        fn #test() {
            #body_let
            let request = super::requests::#request::#ctor(#(#args),* #comma #body_arg)
                #(#setters)*;
            super::support::testing::check_request(#source, &request, #base_url, #method, #target, #body_check, #patch);
        }
    }
}

/// A list option's items: split at commas outside parentheses, so the setter joins them back
/// into the same text (`members($select=id,displayName)` stays one item).
fn top_level_items(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in value.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
}

/// A body type that is or holds generated models (checked for catch-all keys).
fn holds_models(ty: &TypeRef, names: &RustNames) -> bool {
    match ty {
        TypeRef::Named(n) => names.is_struct(n),
        TypeRef::Collection(inner) => holds_models(inner, names),
        TypeRef::Primitive(_) => false,
    }
}

/// The type an example is read into: the update body for an update's request, the polymorphic
/// enum for a base type with derived types, else the struct.
fn example_type(example: &Example, names: &RustNames) -> Option<proc_macro2::Ident> {
    let name = if example.patch {
        names
            .polymorphic_patch(&example.ty)
            .or_else(|| names.patch(&example.ty))?
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
