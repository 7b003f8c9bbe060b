//! A hostile page cannot inject code: every name becomes a validated identifier and every text a
//! literal or an escaped doc comment. The emitted files must parse as Rust, and no identifier
//! the page tried to smuggle in (`pwned`) may appear as a token.

use std::path::Path;
use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};

mod support;

fn hostile_pages(dir: &Path) {
    let long_name = "a".repeat(10_000);
    let rows = [
        (
            "quote\"name",
            "String",
            "Has a \" quote and a \\ backslash.",
        ),
        (
            "close*/comment",
            "Int32",
            "Ends a comment */ fn pwned() {} /* and opens one.",
        ),
        ("#[cfg(any())]", "Boolean", "#[cfg(any())] fn pwned() {}"),
        ("}fn pwned(){", "String", "} fn pwned() { loop {} } {"),
        (
            "r#type",
            "String",
            "A raw identifier; ```rust\nfn pwned() {}\n``` as a doctest.",
        ),
        (
            "bidi\u{202e}evil",
            "String",
            "Reads \u{202e}backwards\u{2066} and <script>pwned()</script>.",
        ),
        ("type", "String", "A keyword."),
        ("Type", "String", "Collides with `type` after case folding."),
        ("9lives", "String", "Starts with a digit."),
        // Macro names, but no keywords: plain fields, never a call (`include!`, `env!`).
        ("include", "String", "Named like a macro."),
        ("env", "Int32", "Named like a macro too."),
        ("@odata.pwned", "String", "An annotation-like name."),
        ("日本語", "String", "Unicode only."),
        (long_name.as_str(), "String", "A 10,000-character name."),
    ];
    let table: String = rows
        .iter()
        .map(|(n, t, d)| format!("|{n}|{t}|{}|\n", d.replace('\n', " ")))
        .collect();
    let resource = format!(
        "---\ntitle: \"evil resource type\"\ndoc_type: resourcePageType\n---\n# evil resource type\n\n\
Namespace: microsoft.graph\n\nAn evil type: */ fn pwned() {{}} /* ```rust fn pwned() {{}} ```\n\n\
## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n{table}\n\
## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"keyProperty\": \"id\", \
\"@odata.type\": \"microsoft.graph.evil\\\"}};fn pwned(){{\" }} -->\n```json\n{{}}\n```\n"
    );
    let api = "---\ntitle: \"Update evil\"\ndoc_type: apiPageType\n---\n# Update evil\n\nNamespace: microsoft.graph\n\n\
Update it. \"); fn pwned() { (\"\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\n\
PATCH /evil/{id\"); fn pwned() { (\"}/x\"y\nPATCH /evil/{id\" fn pwned \"|*/ pwned}/x\n```\n\n## Request body\n\nSupply an [evil](../resources/evil.md).\n\n\
## Response\n\nReturns `200 OK` and an [evil](../resources/evil.md) object.\n\n\
<!-- { \"blockType\": \"request\", \"name\": \"update_evil\\\"}; fn pwned() {\" } -->\n```http\nPATCH https://graph.microsoft.com/v1.0/evil/1\n```\n";
    std::fs::create_dir_all(dir.join("resources")).unwrap();
    std::fs::create_dir_all(dir.join("api")).unwrap();
    std::fs::write(dir.join("resources/evil.md"), resource).unwrap();
    std::fs::write(dir.join("api/evil-update.md"), api).unwrap();
    let enums = "---\ndoc_type: enumTypes\n---\n### evilKind values\n\n|Member|\n|:--|\n\
|quote\"member|\n|}fn|\n|self|\n|Unknown|\n|unknown|\n|r#x|\n|Self|\n|9|\n";
    std::fs::write(dir.join("resources/enums.md"), enums).unwrap();
}

fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}

#[test]
fn hostile_page_yields_parseable_code_without_injected_items() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-pages");
    let _ = std::fs::remove_dir_all(&dir);
    hostile_pages(&dir);
    let generated = docgen::Builder::new()
        .input(&dir)
        .example_tests(true)
        .run()
        .unwrap();
    let emit_errors: Vec<_> = generated
        .diagnostics
        .iter()
        .filter(|d| d.code == docgen::diag::Code::EmitFailed)
        .collect();
    assert!(emit_errors.is_empty(), "{emit_errors:#?}");
    assert!(
        generated
            .files
            .iter()
            .any(|f| f.path.starts_with("models/"))
    );
    assert!(
        generated
            .files
            .iter()
            .any(|f| f.path.starts_with("requests/"))
    );
    // A path whose text is no URI (`x"y`) is left out, with a note; the other one is built.
    assert!(generated.diagnostics.iter().any(|d| {
        d.code == docgen::diag::Code::Skipped && d.message.contains("x\"y` is neither")
    }));

    let evil = generated
        .files
        .iter()
        .find(|f| f.contents.contains("pub struct Evil"))
        .expect("the evil model is emitted");
    for file in &generated.files {
        syn::parse_file(&file.contents)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}\n{}", file.path, file.contents));
        let mut found = Vec::new();
        idents(TokenStream::from_str(&file.contents).unwrap(), &mut found);
        // Sanitized names may keep the word (`update_evil_fn_pwned`); an item named by the
        // page's code would be the bare identifier.
        assert!(
            !found.iter().any(|i| i == "pwned"),
            "{} holds an injected item",
            file.path
        );
        assert!(
            !file
                .contents
                .chars()
                .any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{} holds a bidi control",
            file.path
        );
        for line in file
            .contents
            .lines()
            .filter(|l| l.trim_start().starts_with("///"))
        {
            assert!(
                !line.contains("```"),
                "{}: a doc fence would be a doctest: {line}",
                file.path
            );
        }
    }
    // Every property survives, its serde table naming the JSON name it came from. A name ends at its first
    // space or parenthesis (`size (deprecated)` is `size`), so `#[cfg(any())]` is `#[cfg`.
    for name in [
        "quote\\\"name",
        "close*/comment",
        "#[cfg",
        "}fn",
        "r#type",
        "9lives",
        "@odata.pwned",
        "日本語",
    ] {
        assert!(
            evil.contents.contains(&format!(": \"{name}\";\n")),
            "no table entry for {name}:\n{}",
            evil.contents
        );
    }
    let kind = generated
        .files
        .iter()
        .find(|f| f.contents.contains("pub enum EvilKind"))
        .expect("the evil enum is emitted");
    for arm in [
        "\"quote\\\"member\" => Self::",
        "\"Unknown\" => Self::UnknownMember",
        "\"unknown\" => Self::UnknownMember2",
        "\"Self\" => Self::Self2",
    ] {
        assert!(
            kind.contents.contains(arm),
            "no arm {arm}:\n{}",
            kind.contents
        );
    }
    assert!(evil.contents.contains("pub include: "), "{}", evil.contents);
    assert!(evil.contents.contains("pub env: "), "{}", evil.contents);
    for call in ["include!", "env!", "include_str!", "include_bytes!"] {
        assert!(
            !evil.contents.contains(call),
            "{call} in:\n{}",
            evil.contents
        );
    }
    assert!(evil.contents.contains("pub type_: "), "{}", evil.contents);
    assert!(evil.contents.contains("pub type_2: "), "{}", evil.contents);
    assert!(
        evil.contents.contains("pub field_9lives: "),
        "{}",
        evil.contents
    );
    // And the code compiles, clippy-clean, tests included.
    if let Err(clippy) = support::clippy_generated_crate("hostile", &generated.files) {
        panic!("the code generated from the hostile pages does not pass clippy:\n{clippy}");
    }
}
