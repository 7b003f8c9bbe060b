//! Reading JSON bodies and `<!-- { ... } -->` annotations from Graph docs pages.
//!
//! The pages are hand-edited, so some JSON is not quite JSON. We parse strictly
//! first; if that fails we make one linear repair pass (trailing commas, comments,
//! raw control characters in strings, bare keys, single or smart quotes), parse
//! the repaired text, and record every repair so the caller can warn about it.
//! Nothing here recurses, so deeply nested input cannot overflow the stack.

use serde::Serialize;
use serde_json::Value;

/// How a JSON text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonMode {
    /// Valid JSON as written.
    Strict,
    /// Valid only after the recorded repairs.
    Lenient,
    /// Not readable even after repairs.
    Failed,
}

/// One repair the lenient reader made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryKind {
    TrailingComma,
    LineComment,
    BlockComment,
    ControlCharInString,
    UnquotedKey,
    SingleQuotedString,
    SmartQuotes,
}

impl RecoveryKind {
    /// A short noun phrase for diagnostics ("ignored {describe}").
    pub fn describe(self) -> &'static str {
        match self {
            RecoveryKind::TrailingComma => "a trailing comma",
            RecoveryKind::LineComment => "a `//` comment",
            RecoveryKind::BlockComment => "a `/* */` comment",
            RecoveryKind::ControlCharInString => "a raw control character in a string",
            RecoveryKind::UnquotedKey => "an unquoted key",
            RecoveryKind::SingleQuotedString => "a single-quoted string",
            RecoveryKind::SmartQuotes => "smart quotes used as string quotes",
        }
    }
}

/// One repair, at the byte offset (in the original text) of the repaired thing.
/// String-level repairs are recorded once per string, at its first occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Recovery {
    pub kind: RecoveryKind,
    pub offset: usize,
}

/// A parse failure; `offset` is a byte offset (char boundary) into the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonError {
    pub message: String,
    pub offset: usize,
}

/// The outcome of [`parse`]. `value` is `Some` unless `mode` is `Failed`; a failed
/// lenient parse keeps the repairs it tried in `recoveries`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonParse {
    pub value: Option<Value>,
    pub mode: JsonMode,
    pub recoveries: Vec<Recovery>,
    pub error: Option<JsonError>,
}

/// Parses `text` strictly, else leniently (see the module docs). Never panics.
/// Several top-level values are not merged: that stays `Failed`.
pub fn parse(text: &str) -> JsonParse {
    let (mode, recoveries, result) = match serde_json::from_str::<Value>(text) {
        Ok(value) => (JsonMode::Strict, Vec::new(), Ok(value)),
        Err(strict) => {
            let r = Repairer::run(text);
            let result = if r.recoveries.is_empty() {
                Err(to_error(&strict, text.as_bytes(), text, |o| o))
            } else {
                let lenient = serde_json::from_slice(&r.out);
                lenient.map_err(|e| to_error(&e, &r.out, text, |o| r.to_original(o)))
            };
            (JsonMode::Lenient, r.recoveries, result)
        }
    };
    match result {
        Ok(value) => JsonParse {
            value: Some(value),
            mode,
            recoveries,
            error: None,
        },
        Err(e) => JsonParse {
            value: None,
            mode: JsonMode::Failed,
            recoveries,
            error: Some(e),
        },
    }
}

/// Turns serde_json's position (1-based line; column = bytes up to and including
/// the failing byte) into a byte offset in `parsed`, then maps it to a char
/// boundary of `original`. The " at line L column C" suffix is dropped: those
/// would be the repaired text's lines.
fn to_error(
    e: &serde_json::Error,
    parsed: &[u8],
    original: &str,
    map: impl Fn(usize) -> usize,
) -> JsonError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    let lines = parsed.split_inclusive(|&b| b == b'\n');
    let line_start: usize = lines
        .take(e.line().saturating_sub(1))
        .map(<[u8]>::len)
        .sum();
    let offset = (line_start + e.column())
        .saturating_sub(1)
        .min(parsed.len());
    let mut offset = map(offset).min(original.len());
    while !original.is_char_boundary(offset) {
        offset -= 1;
    }
    JsonError { message, offset }
}

const LEFT_SMART: &[u8] = "\u{201C}".as_bytes();
const RIGHT_SMART: &[u8] = "\u{201D}".as_bytes();

fn is_smart_quote(src: &[u8], i: usize) -> bool {
    matches!(src.get(i..i + 3), Some(q) if q == LEFT_SMART || q == RIGHT_SMART)
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'_' | b'$' | b'@')
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'@' | b'.' | b'-')
}

/// Which delimiter opened the string being copied.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Delim {
    Double,
    Single,
    Smart,
}

/// The single repair pass. Works on bytes: every byte it acts on is ASCII (or
/// the lead byte of a smart quote) and other bytes are copied or blanked whole,
/// so the output stays valid UTF-8 (serde_json checks it anyway).
struct Repairer<'a> {
    src: &'a [u8],
    out: Vec<u8>,
    /// `(repaired, original)` checkpoints, pushed after every length-changing
    /// edit: from `repaired` on, output bytes line up with input from `original`.
    map: Vec<(usize, usize)>,
    recoveries: Vec<Recovery>,
}

impl<'a> Repairer<'a> {
    fn run(text: &'a str) -> Self {
        let src = text.as_bytes();
        let mut r = Repairer {
            src,
            out: Vec::with_capacity(src.len() + 64),
            map: vec![(0, 0)],
            recoveries: Vec::new(),
        };
        r.pass();
        r.recoveries.sort_by_key(|rec| rec.offset);
        r
    }

    /// Maps a byte offset in the repaired text to one in the original.
    fn to_original(&self, r: usize) -> usize {
        let idx = self
            .map
            .partition_point(|&(rep, _)| rep <= r)
            .saturating_sub(1);
        let (rep, orig) = self.map.get(idx).copied().unwrap_or((0, 0));
        let mut o = orig + r.saturating_sub(rep);
        if let Some(&(_, next)) = self.map.get(idx + 1) {
            o = o.min(next); // `r` was inside inserted bytes
        }
        o
    }

    fn record(&mut self, kind: RecoveryKind, offset: usize) {
        self.recoveries.push(Recovery { kind, offset });
    }

    /// Writes `bytes` as the replacement of `src[from..to]`.
    fn emit(&mut self, bytes: &[u8], from: usize, to: usize) {
        self.out.extend_from_slice(bytes);
        if bytes.len() != to - from {
            self.map.push((self.out.len(), to));
        }
    }

    /// Replaces `src[from..to]` with spaces (keeping line breaks), so offsets stay put.
    fn blank(&mut self, from: usize, to: usize) {
        let src = self.src;
        self.out.extend(
            src[from..to]
                .iter()
                .map(|&b| if b == b'\n' || b == b'\r' { b } else { b' ' }),
        );
    }

    fn pass(&mut self) {
        let src = self.src;
        let n = src.len();
        let mut i = 0;
        // Open containers (`{` or `[`), kept on the heap so depth is unbounded.
        let mut stack: Vec<u8> = Vec::new();
        // Last significant byte outside strings (`"` stands for any string); 0 = none.
        let mut prev = 0u8;
        // A comma after a value, as (output index, input offset): blanked if the
        // next significant byte closes a container.
        let mut pending: Option<(usize, usize)> = None;
        while i < n {
            let b = src[i];
            let next = src.get(i + 1).copied();
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.out.push(b);
                i += 1;
                continue;
            } else if b == b'/' && next == Some(b'/') {
                let len = src[i..].iter().position(|&c| c == b'\n' || c == b'\r');
                let end = len.map_or(n, |len| i + len);
                self.record(RecoveryKind::LineComment, i);
                self.blank(i, end);
                i = end;
                continue;
            } else if b == b'/' && next == Some(b'*') {
                // An unterminated one is left for serde_json to reject.
                let Some(len) = src[i + 2..].windows(2).position(|w| w == b"*/") else {
                    self.out.extend_from_slice(&src[i..]);
                    break;
                };
                self.record(RecoveryKind::BlockComment, i);
                self.blank(i, i + len + 4);
                i += len + 4;
                continue;
            }
            let trailing = pending.take();
            // Each arm consumes input and yields the new `prev`.
            prev = match b {
                b'"' => {
                    i = self.string(i, 1, Delim::Double);
                    b'"'
                }
                b'\'' => {
                    self.record(RecoveryKind::SingleQuotedString, i);
                    i = self.string(i, 1, Delim::Single);
                    b'"'
                }
                0xE2 if is_smart_quote(src, i) => {
                    self.record(RecoveryKind::SmartQuotes, i);
                    i = self.string(i, 3, Delim::Smart);
                    b'"'
                }
                _ if is_ident_start(b)
                    && stack.last() == Some(&b'{')
                    && matches!(prev, b'{' | b',') =>
                {
                    let end = i + src[i..].iter().take_while(|&&c| is_ident_char(c)).count();
                    let gap = src[end..].iter().take_while(|c| c.is_ascii_whitespace());
                    if src.get(end + gap.count()) == Some(&b':') {
                        self.record(RecoveryKind::UnquotedKey, i);
                        self.emit(b"\"", i, i);
                        self.out.extend_from_slice(&src[i..end]);
                        self.emit(b"\"", end, end);
                    } else {
                        self.out.extend_from_slice(&src[i..end]);
                    }
                    i = end;
                    b'"' // a key, or a bare word serde_json will reject
                }
                _ => {
                    match b {
                        // Only a comma after a value can be trailing: `[,]` stays an error.
                        b',' if !matches!(prev, 0 | b'{' | b'[' | b',' | b':') => {
                            pending = Some((self.out.len(), i));
                        }
                        b'}' | b']' => {
                            if let Some((at, orig)) = trailing {
                                self.out[at] = b' '; // same length: no checkpoint
                                self.record(RecoveryKind::TrailingComma, orig);
                            }
                            stack.pop();
                        }
                        b'{' | b'[' => stack.push(b),
                        _ => {}
                    }
                    self.out.push(b);
                    i += 1;
                    b
                }
            };
        }
    }

    /// Copies the string whose `open_len`-byte opening delimiter is at `start`
    /// as a double-quoted JSON string; returns the input offset past its end.
    fn string(&mut self, start: usize, open_len: usize, delim: Delim) -> usize {
        let src = self.src;
        let mut j = start + open_len;
        self.emit(b"\"", start, j);
        let mut saw_control = false;
        while let Some(&c) = src.get(j) {
            let close = match delim {
                Delim::Double => usize::from(c == b'"'),
                Delim::Single => usize::from(c == b'\''),
                Delim::Smart if is_smart_quote(src, j) => 3,
                Delim::Smart => 0,
            };
            if close > 0 {
                self.emit(b"\"", j, j + close);
                return j + close;
            }
            let unicode; // `\u00XX` for the other control characters
            let (bytes, len): (&[u8], usize) = match (c, src.get(j + 1)) {
                (b'\\', Some(b'\'')) if delim == Delim::Single => (b"'", 2),
                (b'\\', Some(e)) if (0x20..0x80).contains(e) => (&src[j..j + 2], 2),
                (b'"', _) => (b"\\\"", 1),
                (b'\n', _) => (b"\\n", 1),
                (b'\r', _) => (b"\\r", 1),
                (b'\t', _) => (b"\\t", 1),
                (0..0x20, _) => {
                    unicode = format!("\\u{c:04x}");
                    (unicode.as_bytes(), 1)
                }
                _ => (&src[j..j + 1], 1),
            };
            if c < 0x20 && !saw_control {
                saw_control = true;
                self.record(RecoveryKind::ControlCharInString, j);
            }
            self.emit(bytes, j, j + len);
            j += len;
        }
        j // unterminated: serde_json reports the EOF
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use JsonMode::*;
    use RecoveryKind::*;

    /// Parses `text` expecting `mode`, the value `want` (strict JSON, "" for none)
    /// and exactly `kinds` of repairs; returns the repairs' offsets.
    fn check(text: &str, mode: JsonMode, want: &str, kinds: &[RecoveryKind]) -> Vec<usize> {
        let p = parse(text);
        assert_eq!(p.mode, mode, "{text:?}: {p:?}");
        let want = (!want.is_empty()).then(|| serde_json::from_str::<Value>(want).unwrap());
        assert_eq!(p.value, want, "{text:?}");
        assert_eq!(
            p.recoveries.iter().map(|r| r.kind).collect::<Vec<_>>(),
            kinds
        );
        assert_eq!(p.error.is_some(), mode == Failed, "{p:?}");
        p.recoveries.iter().map(|r| r.offset).collect()
    }

    /// The error of a failed parse.
    fn error(text: &str) -> JsonError {
        let p = parse(text);
        assert_eq!((p.mode, &p.value), (Failed, &None), "{text:?}");
        p.error.unwrap()
    }

    #[test]
    fn strict_json_is_strict_even_with_comment_like_strings() {
        let text = r#"{"a": "x // y ,] z /* w */ ,}", "u": "https://graph.microsoft.com/v1.0"}"#;
        check(text, Strict, text, &[]);
        check(
            "[1, 2.5, null, \"é\"]",
            Strict,
            "[1, 2.5, null, \"é\"]",
            &[],
        );
    }

    #[test]
    fn each_recovery_alone() {
        let cases: &[(&str, &str, RecoveryKind, usize)] = &[
            (r#"{"a": 1,}"#, r#"{"a": 1}"#, TrailingComma, 7),
            ("[1, 2 ,\n ]", "[1, 2]", TrailingComma, 6),
            ("{\"a\": 1 // note\n}", r#"{"a": 1}"#, LineComment, 8),
            ("[1 /* x */, 2]", "[1, 2]", BlockComment, 3),
            (
                "[\"a\nb\tc\u{1}\"]",
                r#"["a\nb\tc\u0001"]"#,
                ControlCharInString,
                3,
            ),
            (
                "{\"x\": 1, my-key.v2 : 2}",
                r#"{"x": 1, "my-key.v2": 2}"#,
                UnquotedKey,
                9,
            ),
            (
                r#"['it\'s "q"']"#,
                r#"["it's \"q\""]"#,
                SingleQuotedString,
                1,
            ),
            (
                "{\"url\": “/a?b=\"c\"”}",
                r#"{"url": "/a?b=\"c\""}"#,
                SmartQuotes,
                8,
            ),
        ];
        for &(text, want, kind, offset) in cases {
            assert_eq!(check(text, Lenient, want, &[kind]), [offset], "{text:?}");
        }
    }

    #[test]
    fn combined_recoveries_in_offset_order() {
        let text = "{\n  a: 'x', // one\n  \"b\": [1, 2,], /* two */\n  \"c\": “é\n”,\n}";
        let kinds = [UnquotedKey, SingleQuotedString, LineComment, TrailingComma];
        let more = [
            BlockComment,
            SmartQuotes,
            ControlCharInString,
            TrailingComma,
        ];
        let want = r#"{"a": "x", "b": [1, 2], "c": "é\n"}"#;
        let offsets = check(text, Lenient, want, &[kinds, more].concat());
        assert!(offsets.iter().all(|&o| text.is_char_boundary(o)));
        assert_eq!(
            (&text[offsets[0]..][..2], &text[offsets[3]..][..2]),
            ("a:", ",]")
        );
        // URLs with `//` inside strings survive while a real comment is dropped.
        let text = "{\"u\": \"https://x.test/a//b\", // c\n \"v\": 'http://y/',}";
        let want = r#"{"u": "https://x.test/a//b", "v": "http://y/"}"#;
        check(
            text,
            Lenient,
            want,
            &[LineComment, SingleQuotedString, TrailingComma],
        );
    }

    #[test]
    fn not_repaired() {
        assert_eq!(error("[,1]").offset, 1); // a leading comma is not trailing
        check("[1,,]", Failed, "", &[]); // nor is a doubled one
        assert_eq!(error(r#"{"a": maybe}"#).offset, 6); // a bare word, not a key
        check("[1] /* open", Failed, "", &[]); // unterminated comment kept
        // Several top-level values are not merged.
        let e = error("{\"a\": 1}\n{\"b\": 2}");
        assert_eq!((e.message.as_str(), e.offset), ("trailing characters", 9));
        assert_eq!(error("{\"a\": 1,}\n{\"b\": 2}").offset, 10);
    }

    #[test]
    fn empty_input_fails_at_zero() {
        for text in ["", "   ", "\n", "// only a comment"] {
            let e = error(text);
            assert!(e.message.starts_with("EOF while parsing"), "{e:?}");
            assert!(e.offset <= text.len());
        }
        assert_eq!(error("").offset, 0);
    }

    #[test]
    fn error_offsets_point_into_the_original() {
        // Strict failure with nothing to repair: a missing comma before `"b"`.
        let text = "{\"a\": 1\n \"b\": 2}";
        let e = error(text);
        assert_eq!(
            (e.message.as_str(), &text[e.offset..][..3]),
            ("expected `,` or `}`", "\"b\"")
        );
        // The same after repairs that change lengths and line breaks before it.
        let text = "{k: 'x\"y', \"s\": \"l1\nl2\n\", /* c\n */ \"a\": 1\n \"b\": 2,}";
        assert_eq!(&text[error(text).offset..][..3], "\"b\"");
        let text = "{a: 1, bb: 2 cc: 3}";
        assert_eq!(&text[error(text).offset..], "cc: 3}");
        let text = "{\"é\": “ü”, \"x\": tru}";
        assert_eq!(&text[error(text).offset..], "}");
    }

    #[test]
    fn deep_nesting_fails_without_crashing() {
        check(&"[".repeat(10_000), Failed, "", &[]);
        let closed = format!("{}1,{}", "[".repeat(10_000), "]".repeat(10_000));
        check(&closed, Failed, "", &[TrailingComma]);
        assert_eq!(parse(&"{a:".repeat(10_000)).mode, Failed);
    }

    #[test]
    fn ten_megabytes() {
        let item = r#"{"id": "2891555a-92ff-42e6-80fa-6e1300c6b5c6", "n": 12345},"#;
        let mut text = String::from("[");
        while text.len() < 10_000_000 {
            text.push_str(item);
        }
        assert_eq!(parse(&format!("{text}null]")).mode, Strict);
        // With a trailing comma it goes through the repair pass.
        let p = parse(&format!("{text}]"));
        assert_eq!((p.mode, p.recoveries.len()), (Lenient, 1));
    }

    #[test]
    fn odd_inputs_never_panic() {
        let base = "{'é': “ü\n”, k: \"\\ud800\\'\", /* ∑ */ \"v\": [1, // x\n ,], \"\u{1}\": '\\";
        let odd = [
            "\"",
            "'",
            "“",
            "”",
            "/*",
            "//",
            "/",
            "\\",
            ",",
            "}",
            "{,}",
            "{a",
            "\"\\u12",
            "[1 é]",
            "\"\\uéé\"",
            "[\"\\uD800\\ué\"]",
        ];
        let prefixes = base.char_indices().map(|(i, _)| &base[..i]);
        for text in prefixes.chain(odd).chain([base]) {
            let p = parse(text);
            assert_eq!(p.value.is_some(), p.mode != Failed);
            let offsets = p.error.iter().map(|e| e.offset);
            let mut offsets = offsets.chain(p.recoveries.iter().map(|r| r.offset));
            assert!(offsets.all(|o| text.is_char_boundary(o)), "{text:?}: {p:?}");
        }
    }

    #[test]
    fn describe_and_serialize() {
        assert_eq!(TrailingComma.describe(), "a trailing comma");
        assert_eq!(LineComment.describe(), "a `//` comment");
        let v = serde_json::to_value(parse("[1,]")).unwrap();
        let recoveries = serde_json::json!([{"kind": "trailing_comma", "offset": 2}]);
        assert_eq!(
            (&v["mode"], &v["recoveries"]),
            (&"lenient".into(), &recoveries)
        );
    }

    /// api/application-post-calls.md:157-159, verbatim inside added `{`.
    const POST_CALLS: &str = "{
      \"endpointType\": null,
      \"replacesCallId\": null,
    }";

    /// api/call-mute.md:167-168, verbatim inside added braces.
    const CALL_MUTE: &str = r#"{
          "isMuted": true, // will be set to true on mute
          "isInLobby": false
}"#;

    /// api/user-getmailtips.md:96-101, the annotation body.
    const MAIL_TIPS: &str = r#"{
  "blockType": "response",
  "truncated": true,
  "@odata.type": "microsoft.graph.mailTips",
  isCollection: true
}"#;

    /// api/attachment-get.md:688-698, the annotation body.
    const ATTACHMENT_GET: &str = r##"{
  "type": "#page.annotation",
  "description": "Get attachment",
  "keywords": "",
  "section": "documentation",
  "suppressions": [
    "Error: get_and_expand_item_attachment/item:
      Property 'item' is of type Custom but has no custom members."
  ],
  "tocPath": ""
}"##;

    #[test]
    fn corpus_snippets() {
        let want = r#"{"endpointType": null, "replacesCallId": null}"#;
        let at = check(POST_CALLS, Lenient, want, &[TrailingComma]);
        assert_eq!(&POST_CALLS[at[0]..], ",\n    }");
        let want = r#"{"isMuted": true, "isInLobby": false}"#;
        let at = check(CALL_MUTE, Lenient, want, &[LineComment]);
        assert!(CALL_MUTE[at[0]..].starts_with("// will"));
        let want = MAIL_TIPS.replace("isCollection", "\"isCollection\"");
        let at = check(MAIL_TIPS, Lenient, &want, &[UnquotedKey]);
        assert!(MAIL_TIPS[at[0]..].starts_with("isCollection"));
        let want = ATTACHMENT_GET.replace("item:\n", "item:\\n");
        let at = check(ATTACHMENT_GET, Lenient, &want, &[ControlCharInString]);
        assert!(ATTACHMENT_GET[at[0]..].starts_with("\n      Property 'item'"));
    }
}
