//! Operations from api pages: kind, name, binding type, parameters, body and response.
//!
//! The kind comes from the method and the path's last segment: `{id}` addresses one item, a
//! documented property name is a navigation (list/create), `name(...)` is a function call, and
//! any other name after an entity is an action (POST) or function (GET).

use std::collections::BTreeMap;

use super::index::{Index, file_stem};
use super::type_cell::resolve_type_cell;
use super::{Operation, OperationKind, Parameter, PathTemplate, TypeRef};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{ExampleMessage, OperationFacts, PageFacts};

pub fn build_operations(
    facts: &[PageFacts],
    index: &Index,
    types: &[super::TypeDef],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    // Api page stem -> the resource types whose Methods table links to it.
    let mut listed_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for page in facts {
        if let Some(r) = &page.resource {
            for target in &r.method_links {
                if let Some(stem) = file_stem(target) {
                    listed_by.entry(stem).or_default().push(r.name.clone());
                }
            }
        }
    }
    // Type -> its base, as the types stage found it ("Inherits from", a derived-types list on
    // the base's page, the annotation): a body example of a derived type is no conflict with a
    // body link to its base, and examples of several derived types send their common base.
    let bases: BTreeMap<String, String> = types
        .iter()
        .filter_map(|t| Some((t.name.to_lowercase(), t.base.clone()?)))
        .collect();
    let root = root_type(&bases);
    let mut out = Vec::new();
    for page in facts {
        let Some(op) = &page.operation else { continue };
        let context = Context {
            index,
            listed_by: listed_by.get(&op.stem),
            bases: &bases,
            root: root.as_deref(),
        };
        // The requests to URLs the service hands out are operations of their own, and so are
        // the responses shown after them: the page's operation is read without them.
        let own = op
            .examples
            .iter()
            .any(ExampleMessage::calls_url)
            .then(|| op.without_url_requests());
        let own = own.as_ref().unwrap_or(op);
        let mut push = |facts: &OperationFacts, method_named: Option<&str>| {
            let mut built = operation(page, facts, &context, method_named, diags);
            let list = collection_paths(page, facts, &mut built, index);
            out.push(built);
            out.extend(list);
        };
        if own.other_methods.is_empty() {
            push(own, None);
        } else {
            // A request per method of the syntax, each read with its own paths and examples;
            // the others are named after the page and their method (`...Patch`).
            let stem = super::op_names::readable_name(own, index);
            push(&own.own_method(stem.clone()), None);
            for other in &own.other_methods {
                push(&own.with_method(other, stem.clone()), Some(&other.method));
            }
        }
        out.extend(url_operations(page, op, index));
    }
    out
}

/// An operation for each request example of the page that goes to a URL the service handed out
/// (an upload session's `PUT`s and `DELETE`, a partial download): the page documents the call
/// by showing it, with the response shown after it. Its constructor takes the whole URL.
fn url_operations(page: &PageFacts, op: &OperationFacts, index: &Index) -> Vec<Operation> {
    let ns = page.namespace.as_str();
    let mut out = Vec::new();
    for (i, example) in op.examples.iter().enumerate() {
        if !example.calls_url() {
            continue;
        }
        let (Some(method), Some(target)) = (&example.method, &example.target) else {
            continue;
        };
        let method = method.trim().to_ascii_uppercase();
        let response = op.examples[i + 1..]
            .iter()
            .take_while(|e| !e.request)
            .next();
        let status = response.and_then(|r| r.status);
        let return_type = response
            .filter(|_| status != Some(204))
            .and_then(|r| r.odata_type.as_deref())
            .and_then(|t| {
                // A type, else a primitive by any spelling (`"@odata.type": "stream"`).
                let named = annotated_type(t, index, ns)?;
                Some(if response.is_some_and(|r| r.is_collection) {
                    TypeRef::collection(named)
                } else {
                    named
                })
            });
        let name = example
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| format!("{}-{}", op.stem, method.to_ascii_lowercase()));
        let source = format!("{}:{}", page.path, example.line);
        let kind = match method.as_str() {
            "GET" => OperationKind::Get,
            "DELETE" => OperationKind::Delete,
            _ => OperationKind::Other,
        };
        out.push(Operation {
            kind,
            path_templates: vec![PathTemplate::url(&source)],
            paths: vec![target.trim().to_owned()],
            binding_type: None,
            parameters: Vec::new(),
            // A body that is no JSON (`<bytes 0-25 of the file>`) is bytes; JSON, of no type
            // the page names, any JSON.
            body: if example.sends_text {
                Some(TypeRef::Primitive("Stream".to_owned()))
            } else {
                example.body.as_ref().map(|_| TypeRef::untyped())
            },
            return_type,
            status,
            no_content: false,
            representation: None,
            cast_responses: BTreeMap::new(),
            query_options: Vec::new(),
            headers: example.headers.clone(),
            // After the page's own request type, with the example's name: unique on the page.
            rust: crate::names::pascal_case(&format!(
                "{} {name}",
                super::op_names::readable_name(op, index)
            )),
            // Plain text: a description is page prose, escaped where it is emitted.
            description: format!(
                "A {method} to a URL the service hands out, as the page's example {name} sends it."
            ),
            method,
            name,
            source,
            mentioned: false,
            body_derived: false,
            unmatched_examples: Vec::new(),
            calls_elsewhere: BTreeMap::new(),
        });
    }
    out
}

/// A read of one item (`GET /me/onlineMeetings/{id}`) whose syntax also writes paths that end in
/// no key (`GET /me/onlineMeetings?$filter=...`), where the response shown after a request to
/// such a path is a `{"value": [...]}` page: those paths, and the others without a key that
/// end in the same name and query, answer a collection. They are a request of their own,
/// named after the operation (`...List`), at the line of the first; `op` keeps the rest.
fn collection_paths(
    page: &PageFacts,
    of: &OperationFacts,
    op: &mut Operation,
    index: &Index,
) -> Option<Operation> {
    use super::request_examples::{match_documented, split_base};
    let element = match &op.return_type {
        Some(TypeRef::Named(n)) if op.kind == OperationKind::Get && op.method == "GET" => n,
        _ => return None,
    };
    // The syntax's paths come first, in the order of `of.paths`.
    let documented = of.paths.len().min(op.path_templates.len());
    let templates = &op.path_templates[..documented];
    let keyed = |t: &PathTemplate| t.ends_in_key();
    if templates.iter().all(keyed) || !templates.iter().any(keyed) {
        return None;
    }
    // A path's last name and its query (`onlineMeetings`, `$filter=JoinWebUrl eq '{x}'`).
    let ending = |path: &str| {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        (last.to_ascii_lowercase(), query.to_owned())
    };
    let is_page = |body: &serde_json::Value| {
        body.as_object().is_some_and(|o| {
            o.get("value")
                .and_then(|v| v.as_array())
                .is_some_and(|items| {
                    !items.is_empty() && items.iter().all(serde_json::Value::is_object)
                })
                && o.keys().all(|k| k == "value" || k.contains('@'))
        })
    };
    let mut shown: Vec<(String, String)> = Vec::new();
    let mut shown_by: Option<&ExampleMessage> = None;
    let mut request: Option<&ExampleMessage> = None;
    for e in of.own_examples() {
        if e.request {
            request = Some(e);
            continue;
        }
        let (Some(req), Some(body)) = (request.take(), &e.body) else {
            continue;
        };
        let Some(target) = req.target.as_deref() else {
            continue;
        };
        let Ok(call) = match_documented(templates, &of.paths, &split_base(target).1) else {
            continue;
        };
        if !keyed(&templates[call.template]) && is_page(body) {
            shown.push(ending(&of.paths[call.template]));
            shown_by = shown_by.or(Some(req));
        }
    }
    let listed: Vec<usize> = (0..documented)
        .filter(|&i| !keyed(&templates[i]) && shown.contains(&ending(&of.paths[i])))
        .collect();
    let first = *listed.first()?;
    let return_type = TypeRef::collection(TypeRef::Named(element.clone()));
    let (mut paths, mut path_templates) = (Vec::new(), Vec::new());
    let (mut kept_paths, mut kept_templates) = (Vec::new(), Vec::new());
    for (i, (path, template)) in op
        .paths
        .drain(..)
        .zip(op.path_templates.drain(..))
        .enumerate()
    {
        if listed.contains(&i) {
            paths.push(path);
            path_templates.push(template);
        } else {
            kept_paths.push(path);
            kept_templates.push(template);
        }
    }
    (op.paths, op.path_templates) = (kept_paths, kept_templates);
    let ns = page.namespace.as_str();
    let cast_responses =
        super::responses::cast_responses(of, &paths, Some(&return_type), index, ns);
    op.cast_responses =
        super::responses::cast_responses(of, &op.paths, op.return_type.as_ref(), index, ns);
    Some(Operation {
        name: shown_by
            .and_then(|e| e.names.first().cloned())
            .unwrap_or_else(|| op.name.clone()),
        kind: OperationKind::List,
        return_type: Some(return_type),
        paths,
        path_templates,
        cast_responses,
        rust: format!("{}-list", op.rust),
        source: format!(
            "{}:{}",
            page.path,
            of.path_lines.get(first).unwrap_or(&of.line)
        ),
        ..op.clone()
    })
}

/// What an operation is read with besides its page.
pub struct Context<'a> {
    pub index: &'a Index,
    /// The resource types whose Methods table links to the page.
    pub listed_by: Option<&'a Vec<String>>,
    /// Lower-cased qualified type name -> its base, from the resource pages.
    pub bases: &'a BTreeMap<String, String>,
    /// The type most inheritance chains end in (`entity`), lower-cased.
    pub root: Option<&'a str>,
}

/// The type most of the pages' inheritance chains end in, lower-cased (ties: the first name).
fn root_type(bases: &BTreeMap<String, String>) -> Option<String> {
    let mut tops: BTreeMap<String, usize> = BTreeMap::new();
    for ty in bases.keys() {
        let mut current = ty.clone();
        for _ in 0..32 {
            match bases.get(&current) {
                Some(base) => current = base.to_lowercase(),
                None => break,
            }
        }
        *tops.entry(current).or_default() += 1;
    }
    let most = *tops.values().max()?;
    tops.into_iter().find(|(_, n)| *n == most).map(|(t, _)| t)
}

impl Context<'_> {
    /// `derived` is `base` or inherits from it (case-insensitively; cycles end the walk).
    pub fn derives(&self, derived: &str, base: &str) -> bool {
        let mut current = derived.to_lowercase();
        for _ in 0..32 {
            if current == base.to_lowercase() {
                return true;
            }
            match self.bases.get(&current) {
                Some(next) => current = next.to_lowercase(),
                None => return false,
            }
        }
        false
    }

    /// The nearest type both `a` and `b` are or derive from, other than the root type (every
    /// entity is an `entity`: that says nothing of what a body holds).
    pub fn common_base(&self, a: &str, b: &str) -> Option<String> {
        let mut current = a.to_owned();
        for _ in 0..32 {
            if self.root == Some(current.to_lowercase().as_str()) {
                return None;
            }
            if self.derives(b, &current) {
                return Some(current);
            }
            current = self.bases.get(&current.to_lowercase())?.clone();
        }
        None
    }
}

/// The operation `op` describes; `method_named` for a request of one of the syntax's other
/// methods, whose name adds the method to the page's.
fn operation(
    page: &PageFacts,
    op: &OperationFacts,
    context: &Context<'_>,
    method_named: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Operation {
    let (index, listed_by) = (context.index, context.listed_by);
    let ns = page.namespace.as_str();
    for other in &op.other_paths {
        diags.push(
            Diagnostic::new(Severity::Note, Code::Skipped, &page.path, other.line, 1).message(
                format!(
                    "path `{}` left out of this operation: {}",
                    other.target, other.reason
                ),
            ),
        );
    }
    let path = op.paths.first().map(String::as_str).unwrap_or_default();
    let segments: Vec<&str> = super::path::syntax_segments(path).collect();
    let last = segments.last().copied().unwrap_or_default();
    let example_name = op
        .examples
        .iter()
        .find(|e| e.request)
        .and_then(|e| e.names.first().cloned());
    let page_name = example_name.clone().unwrap_or_else(|| op.stem.clone());
    let title_action = title_operation(&op.title);

    let link_type = |links: &[crate::read::Link]| {
        links.iter().find_map(|l| {
            index.lookup_link(l).or_else(|| {
                // The type's own page may be absent: the link still names it, where its text
                // is the page's file name after any prefix (`intune-deviceconfig-`).
                let text = l.text.trim();
                (is_name(text) && super::index::link_names_its_page(l)).then(|| {
                    index
                        .lookup(text, ns)
                        .unwrap_or_else(|| format!("{ns}.{text}"))
                })
            })
        })
    };
    let (mut kind, mut name, mut parameters) =
        classify(op, &segments, last, index, ns, title_action.as_deref());
    // A POST to a collection no page documents (`/identityGovernance/termsOfUse/agreements`)
    // reads as an action named after its last segment. A page that sends "a JSON
    // representation of [x]" (linked, or named without a link: "for the x object") and
    // answers `201 Created` with the same [x], to a segment that names x's kind (`agreements`,
    // `policies` for a `conditionalAccessPolicy`), creates one; `createSession` answering a
    // `workbookSessionInfo` stays an action.
    if kind == OperationKind::Action
        && name.as_deref() == Some(last)
        && title_action.is_none()
        && op.status.or(op
            .examples
            .iter()
            .find(|e| !e.request)
            .and_then(|e| e.status))
            == Some(201)
        && let Some(answered) = link_type(&op.response_links)
        && link_type(&op.body_links).map_or_else(
            || names_word(&op.body_text, &answered),
            |sent| sent == answered,
        )
        && names_items_of(last, &answered)
    {
        (kind, name) = (OperationKind::Create, None);
        parameters.clear();
    }
    // Likewise a GET of a segment no page read documents (`/directory/administrativeUnits`,
    // whose declaring page is absent or lists it nowhere) reads as a function named after it.
    // A page that does not name the segment as its call, and answers with the type whose items
    // the segment names (`administrativeUnits`: [administrativeUnit],
    // `adminConsentRequestPolicy`), reads them: a list where the response the page gives is a
    // collection, else one item (decided below, once the response is read). `getAllMessages` is
    // named by its page (`chats: getAllMessages`), `availableProviderTypes` answers strings.
    let reads_items = kind == OperationKind::Function
        && op.method == "GET"
        && name.as_deref() == Some(last)
        && title_action.is_none()
        && !says_call(&op.title)
        && link_type(&op.response_links).is_some_and(|answered| names_items_of(last, &answered));
    if reads_items {
        name = None;
    }
    let name = name.unwrap_or(page_name);

    // Function parameters with their types, from the table, override the path's untyped ones.
    for row in &op.function_parameters {
        if let Ok(ty) = resolve_type_cell(&row.type_cell, index, ns) {
            let param = Parameter {
                name: row.name.clone(),
                ty,
                source: format!("{}:{}", page.path, row.line),
            };
            match parameters.iter_mut().find(|p| p.name == row.name) {
                Some(p) => *p = param,
                None if kind == OperationKind::Function => parameters.push(param),
                None => {}
            }
        }
    }
    // A function whose page lists request-body parameters and whose request example sends a
    // JSON object (`GET .../range/boundingRect` with `{"anotherRange": "A1:B2"}`) takes them
    // as a body, as the page shows, not as call arguments the page never writes.
    let function_body = kind == OperationKind::Function
        && !op.body_rows.is_empty()
        && super::bodies::example_sends_json(op);
    // An action's request-body table lists its parameters. Where a request example sends the
    // name in other case (table `Address`, JSON `"address"`), the example's is the wire name.
    if kind == OperationKind::Action || function_body {
        let sent: Vec<&str> = op
            .examples
            .iter()
            .filter(|e| e.request)
            .filter_map(|e| e.body.as_ref()?.as_object())
            .flat_map(|body| body.keys().map(String::as_str))
            .collect();
        // The table lists the members of the one value the example sends: that value is the
        // parameter, typed by its name where a page defines a type of it; else the body is
        // read from the example, as where no table is.
        if let Some(v) = &op.value_members {
            let key = v.key.as_str();
            let ty = value_member_type(v, index, ns);
            let said = match &ty {
                Some(ty) => format!("the body sends `{key}` as {ty}"),
                None => "the body is read from the example".to_owned(),
            };
            let first = v.rows.first().map_or(op.line, |r| r.line);
            diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, &page.path, first, 1).message(
                    format!(
                        "the request-body table lists the members of `{key}`, the one value the \
                         request example at line {} sends: {said}",
                        v.example_line
                    ),
                ),
            );
            if let Some(ty) = ty {
                parameters.push(Parameter {
                    name: key.to_owned(),
                    ty,
                    source: format!("{}:{}", page.path, v.example_line),
                });
            }
        }
        for row in &op.body_rows {
            let name = match sent.iter().find(|k| k.eq_ignore_ascii_case(&row.name)) {
                Some(key) if !sent.contains(&row.name.as_str()) => {
                    diags.push(
                        Diagnostic::new(Severity::Note, Code::Conflict, &page.path, row.line, 1)
                            .message(format!(
                                "the table names the parameter `{}`, the request example sends `{key}`: \
                                 the body uses `{key}`",
                                row.name
                            )),
                    );
                    (*key).to_owned()
                }
                _ => row.name.clone(),
            };
            if parameters.iter().any(|p| p.name == name) {
                continue;
            }
            if let Ok(ty) = resolve_type_cell(&row.type_cell, index, ns) {
                // `[appHostedMediaConfig] or [serviceHostedMediaConfig]`: their base.
                let ty = super::alternatives::in_common(row, index, ty, |a, b| {
                    context.common_base(a, b)
                });
                parameters.push(Parameter {
                    name,
                    ty,
                    source: format!("{}:{}", page.path, row.line),
                });
            }
        }
    }

    let response = op.examples.iter().find(|e| !e.request);
    let status = op.status.or(response.and_then(|e| e.status));
    let return_type = if status == Some(204) {
        None
    } else {
        super::responses::return_type(page, op, kind, &segments, &link_type, index, diags)
    };
    if reads_items {
        // Response examples that are all `{"value": [...]}` pages make the response a
        // collection later on (`responses::value_array_collections`).
        let mut bodies = op
            .examples
            .iter()
            .filter(|e| !e.request)
            .filter_map(|e| e.body.as_ref())
            .peekable();
        let pages = bodies.peek().is_some()
            && bodies.all(|b| b.get("value").is_some_and(serde_json::Value::is_array));
        kind = match return_type {
            Some(TypeRef::Collection(_)) => OperationKind::List,
            _ if pages => OperationKind::List,
            _ => OperationKind::Get,
        };
        parameters.clear();
    }
    let no_content =
        status != Some(204) && no_content(page, op, return_type.as_ref(), index, diags);
    let body = super::bodies::body(
        page,
        op,
        kind,
        last,
        &link_type,
        return_type.as_ref(),
        context,
        diags,
    );
    let rust = match method_named {
        Some(method) => format!(
            "{}-{}",
            super::op_names::readable_name(op, context.index),
            method.to_ascii_lowercase()
        ),
        None => super::op_names::readable_name(op, context.index),
    };
    // Made from the parameters with the actions' bodies (`action_bodies`).
    let body =
        body.or_else(|| function_body.then(|| TypeRef::Named(super::parameters_body_name(&rust))));
    // With the header the response carries the entity the plain response leaves out: the
    // Response section's type, else what an update sends.
    let representation = if op.prefer_representation && return_type.is_none() {
        super::responses::return_type(page, op, kind, &segments, &link_type, index, diags)
            .or_else(|| body.clone().filter(|_| kind == OperationKind::Update))
            .filter(|t| matches!(t, TypeRef::Named(_)))
    } else {
        None
    };
    // Every documented path, then those only the request examples call.
    let mut paths = op.paths.clone();
    let mut path_templates: Vec<PathTemplate> =
        paths.iter().map(|p| PathTemplate::documented(p)).collect();
    for segment in paths
        .iter()
        .filter_map(|p| super::path::half_braced_segment(p))
    {
        diags.push(
            Diagnostic::new(
                Severity::Warning,
                Code::HttpMalformed,
                &page.path,
                op.line,
                1,
            )
            .message(format!(
                "path segment `{segment}` lacks its opening brace: read as the parameter \
                     `{{{}}}`",
                segment.trim_end_matches('}')
            )),
        );
    }
    let unmatched_examples =
        super::example_paths::adopt(page, op, kind, &mut paths, &mut path_templates, diags);
    quote_string_arguments(&mut path_templates, &parameters, op);
    let cast_responses =
        super::responses::cast_responses(op, &paths, return_type.as_ref(), index, ns);
    let binding_type = match kind {
        OperationKind::Action | OperationKind::Function => binding_type(op, index, ns, listed_by),
        _ => None,
    };
    Operation {
        name,
        kind,
        method: op.method.clone(),
        path_templates,
        paths,
        binding_type,
        parameters,
        body,
        return_type,
        status,
        no_content,
        representation,
        cast_responses,
        query_options: op.query_options.clone(),
        headers: op.headers.clone(),
        // The page's file name, with the word boundaries the page spells: unique in its folder
        // and independent of every other page, so no page added or removed renames this request
        // (example names repeat across stubs).
        rust,
        description: op.description.clone(),
        source: format!("{}:{}", page.path, op.line),
        mentioned: false,
        body_derived: false,
        unmatched_examples,
        calls_elsewhere: BTreeMap::new(),
    }
}

/// Kind, action/function name and path parameters of a function call.
fn classify(
    op: &OperationFacts,
    segments: &[&str],
    last: &str,
    index: &Index,
    ns: &str,
    title_action: Option<&str>,
) -> (OperationKind, Option<String>, Vec<Parameter>) {
    let method = op.method.as_str();
    let crud = |collection_target: bool| match method {
        "GET" if collection_target => OperationKind::List,
        "GET" => OperationKind::Get,
        "POST" => OperationKind::Create,
        "PATCH" | "PUT" => OperationKind::Update,
        "DELETE" => OperationKind::Delete,
        _ => OperationKind::Other,
    };
    let call = |kind| match method {
        "GET" => OperationKind::Function,
        "POST" => kind,
        _ => OperationKind::Other,
    };
    if last.starts_with('$') {
        let kind = match method {
            "GET" => OperationKind::Get,
            "POST" => OperationKind::Create,
            "PUT" | "PATCH" => OperationKind::Update,
            "DELETE" => OperationKind::Delete,
            _ => OperationKind::Other,
        };
        return (kind, None, Vec::new());
    }
    if last.starts_with('{') || last.ends_with(':') {
        return (crud(false), None, Vec::new());
    }
    // `microsoft.graph.security.close`, `...identityGovernance.summary(...)`: the call by its
    // qualified name, as pages of namespaces other than the default write it.
    let qualified = |name| qualified_call(name, op, title_action, index, ns);
    if let Some(open) = last.find('(') {
        let fname = &last[..open];
        let fname: &str = qualified(fname).unwrap_or(fname);
        let args = last[open + 1..].trim_end_matches(')');
        let named_args = args.contains('=') || args.trim().is_empty();
        if named_args && alternate_key(segments, fname, args, index, op, title_action) {
            return (crud(false), None, Vec::new());
        }
        if is_name(fname) && !fname.contains('.') && named_args {
            let params = args
                .split(',')
                .filter_map(|a| a.split_once('=').map(|(k, _)| k.trim()))
                .filter(|k| is_name(k))
                .map(|k| Parameter {
                    name: k.to_owned(),
                    ty: TypeRef::Primitive("String".to_owned()),
                    source: String::new(),
                })
                .collect();
            return (call(OperationKind::Action), Some(fname.to_owned()), params);
        }
        // `worksheets('{id}')`: a key, so the item itself.
        return (crud(false), None, Vec::new());
    }
    // A create POSTs to a collection; GET reads any navigation property.
    let names = if method == "POST" {
        &index.collection_property_names
    } else {
        &index.property_names
    };
    let is_property = names.contains(&last.to_lowercase());
    let titled = title_action.is_some_and(|t| t.eq_ignore_ascii_case(last));
    if matches!(method, "GET" | "POST")
        && let Some(bare) = qualified(last)
    {
        return (
            call(OperationKind::Action),
            Some(bare.to_owned()),
            Vec::new(),
        );
    }
    // A dotted name that names no type is a key (`/sites/contoso.sharepoint.com`): one item.
    if last.contains('.') && super::responses::cast_type(last, index, ns).is_none() {
        return (crud(false), None, Vec::new());
    }
    if segments.len() <= 1 || last.contains('.') || (is_property && !titled) {
        // An entity set, a singleton, a type cast or a navigation property. A singleton
        // (`GET /deviceManagement`, which no documented path follows by a key) is one item, not
        // a list of them; so is a property that every table declaring its name gives one value
        // (`deviceStatusOverview`, `manager`).
        let single = match segments.len() {
            1 => index.singletons.contains(&last.to_lowercase()),
            _ => {
                is_property
                    && !index
                        .collection_property_names
                        .contains(&last.to_lowercase())
            }
        };
        return (
            crud(method == "GET" && !segments.is_empty() && !single),
            None,
            Vec::new(),
        );
    }
    if matches!(method, "GET" | "POST") && is_name(last) {
        return (
            call(OperationKind::Action),
            Some(last.to_owned()),
            Vec::new(),
        );
    }
    (crud(false), None, Vec::new())
}

/// `applications(appId='{appId}')`, `users(userPrincipalName='{upn}')`: one item of a collection
/// addressed by an alternate key, not a function call. Told by the collection (an entity set
/// at the root, or a property the pages give many values) and the key names (each a property
/// the pages document), where the page does not name the segment as its call (title
/// `user: reminderView`, or the file name's last word).
fn alternate_key(
    segments: &[&str],
    name: &str,
    args: &str,
    index: &Index,
    op: &OperationFacts,
    title_action: Option<&str>,
) -> bool {
    let lower = name.to_ascii_lowercase();
    let collection = segments.len() == 1 || index.collection_property_names.contains(&lower);
    let called = page_names_call(op, title_action, name);
    let keys: Vec<&str> = args
        .split(',')
        .filter_map(|a| a.split_once('=').map(|(k, _)| k.trim()))
        .collect();
    collection
        && !called
        && !keys.is_empty()
        && keys
            .iter()
            .all(|k| index.property_names.contains(&k.to_ascii_lowercase()))
}

/// The bare name of an action or function that a path calls by its qualified name
/// (`microsoft.graph.security.close` -> `close`): OData's form of a bound call, which the
/// service requires outside its default namespace. Told from a cast to a type (the same
/// form) by the page naming the call (title `ediscoveryCase: close`, or its file name's last
/// word, `...-close.md`) and no page defining a type of the qualified name.
fn qualified_call<'s>(
    name: &'s str,
    op: &OperationFacts,
    title_action: Option<&str>,
    index: &Index,
    ns: &str,
) -> Option<&'s str> {
    let (_, bare) = name.rsplit_once('.')?;
    let named = page_names_call(op, title_action, bare);
    (named && super::responses::is_cast(name) && index.lookup(name, ns).is_none()).then_some(bare)
}

/// Whether the page names `call` as its operation: by its title (`ediscoveryCase: close`,
/// `title_action`) or by its file name's last word (`...-close.md`).
fn page_names_call(op: &OperationFacts, title_action: Option<&str>, call: &str) -> bool {
    let page_word = op.stem.rsplit('-').next().unwrap_or(&op.stem);
    title_action.is_some_and(|t| t.eq_ignore_ascii_case(call))
        || page_word.eq_ignore_ascii_case(call)
}

/// Whether `text` names the type `ty` as a word, unlinked ("supply a JSON representation for
/// the deviceCategory object").
fn names_word(text: &str, ty: &str) -> bool {
    let short = ty.rsplit('.').next().unwrap_or(ty);
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(short))
}

/// A title that calls its operation an action or a function (`updatePriorities action`).
fn says_call(title: &str) -> bool {
    title
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.eq_ignore_ascii_case("action") || w.eq_ignore_ascii_case("function"))
}

/// Whether a path segment names items of `ty`: its last word is the type name's last word or
/// that word's regular English plural (`agreements` and `agreement`, `namedLocations` and
/// `ipNamedLocation`, `policies` and `conditionalAccessPolicy`, `addresses` and `address`).
fn names_items_of(segment: &str, ty: &str) -> bool {
    fn last_word(name: &str) -> String {
        let short = name.rsplit('.').next().unwrap_or(name);
        let start = short.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
        short[start..].to_ascii_lowercase()
    }
    let (word, item) = (last_word(segment), last_word(ty));
    if item.is_empty() {
        return false;
    }
    // `-s`; `-es` after a hissing end (`address`, `box`, `batch`, `wish`); `-ies` for a `-y`
    // after a consonant (`policy`; `day` takes `-s`).
    let hissing = ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| item.ends_with(e));
    let consonant_y = item
        .strip_suffix('y')
        .is_some_and(|stem| stem.chars().last().is_some_and(|c| !"aeiou".contains(c)));
    let plural = match (consonant_y, hissing) {
        (true, _) => format!("{}ies", &item[..item.len() - 1]),
        (false, true) => format!("{item}es"),
        (false, false) => format!("{item}s"),
    };
    word == item || word == plural
}

/// `user: assignLicense`, `reportRoot: getEmailActivityUserDetail` -> the operation name.
fn title_operation(title: &str) -> Option<String> {
    let (_, name) = title.split_once(':')?;
    let name = name.trim().trim_matches('`');
    is_name(name).then(|| name.to_owned())
}

/// The type an action or function is bound to: the resource page that lists it, else the
/// title's `type:` prefix, else the page file name's first part.
fn binding_type(
    op: &OperationFacts,
    index: &Index,
    ns: &str,
    listed_by: Option<&Vec<String>>,
) -> Option<String> {
    if let Some([only]) = listed_by.map(Vec::as_slice) {
        return Some(only.clone());
    }
    let from_title = op
        .title
        .split_once(':')
        .map(|(t, _)| t.trim().trim_matches('`'))
        .filter(|t| is_name(t))
        .and_then(|t| index.lookup(t, ns));
    from_title
        .or_else(|| {
            let first = op.stem.split('-').next()?;
            index.lookup(first, ns)
        })
        .or_else(|| listed_by.and_then(|l| l.first().cloned()))
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The type an annotation's `@odata.type` names (inside any `Collection(`): an Edm primitive in
/// any case (`edm.string`), a type some page defines, else a primitive by its bare name
/// (`"string"`, `"stream"`, as hand-edited pages write it); `None` for a name nothing defines.
pub fn annotated_type(name: &str, index: &Index, namespace: &str) -> Option<TypeRef> {
    if let Some(primitive) = annotated_primitive(name) {
        return Some(primitive);
    }
    if let Some(named) = index.lookup(name, namespace) {
        return Some(TypeRef::Named(named));
    }
    (!name.contains('.'))
        .then(|| super::type_cell::primitive(name))
        .flatten()
        .map(|p| TypeRef::Primitive(p.to_owned()))
}

/// The Edm primitive an annotation's `@odata.type` names, in any case (`edm.string`).
pub fn annotated_primitive(name: &str) -> Option<TypeRef> {
    let is_edm = name
        .get(..4)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("edm."));
    let edm = super::type_cell::primitive(name).filter(|_| is_edm)?;
    Some(TypeRef::Primitive(edm.to_owned()))
}

/// The type of the one value a request-body table lists the members of (`passwordCredential`):
/// the type its key names, where a page defines one, a collection of it for an array.
pub(super) fn value_member_type(
    v: &crate::facts::ValueMembers,
    index: &Index,
    ns: &str,
) -> Option<TypeRef> {
    let named = TypeRef::Named(index.lookup(&v.key, ns)?);
    Some(if v.array {
        TypeRef::collection(named)
    } else {
        named
    })
}

/// A function's String parameter is an OData string literal in the URL, in quotes
/// (`reminderView(startDateTime='2017-06-05T10:00:00')`, `'` doubled inside), where the syntax
/// leaves them out (`reminderView(startDateTime={startDateTime})`) and the table types it
/// String: the request quotes the value, so a caller passes the text itself.
fn quote_string_arguments(
    templates: &mut [PathTemplate],
    parameters: &[Parameter],
    op: &OperationFacts,
) {
    // Typed by the table: a parameter only the path names is a String for want of a type.
    let string = TypeRef::Primitive("String".to_owned());
    let is_string = |name: &str| {
        op.function_parameters.iter().any(|r| r.name == name)
            && parameters.iter().any(|p| p.name == name && p.ty == string)
    };
    for t in templates {
        let mut changed = false;
        for segment in &mut t.segments {
            let super::path::Segment::Function { args, .. } = segment else {
                continue;
            };
            for arg in args.iter_mut() {
                if !arg.quoted && arg.parameter.as_deref().is_some_and(is_string) {
                    arg.quoted = true;
                    changed = true;
                }
            }
        }
        if changed {
            t.template = super::path::render(&t.segments);
        }
    }
}

/// Whether a success carries no body though its status is not `204`: the Response section says
/// so ([`says_no_body`](super::responses::says_no_body): "returns `202 Accepted` response code.
/// It does not return anything in the response body"), or the response annotation names the
/// type `None`, and nothing else types the response. A response example with a body, or a
/// type the section also gives, contradicts it: a note, and the response is read as that
/// evidence says.
fn no_content(
    page: &PageFacts,
    op: &OperationFacts,
    return_type: Option<&TypeRef>,
    index: &Index,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let said = super::responses::says_no_body(&op.response_text)
        || super::responses::annotated_none(op, index, &page.namespace);
    if op.method == "DELETE" {
        return false;
    }
    if !said {
        return shows_status_only(op, return_type);
    }
    let shown = op.examples.iter().find(|e| !e.request && e.body.is_some());
    let contradiction = match (return_type, shown) {
        (Some(ty), _) => Some((op.line, format!("the response is `{ty}`"))),
        (None, Some(e)) => Some((e.line, "this example shows one".to_owned())),
        (None, None) => None,
    };
    if let Some((line, what)) = contradiction {
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, &page.path, line, 1).message(format!(
                "the Response section says a success carries no body, but {what}: the \
                 response is read as a body"
            )),
        );
        return false;
    }
    true
}

/// Whether every response example of `op` is a success status line alone (headers such as
/// `Location` beside it, no body and no `Content-Type`: `HTTP/1.1 202 Accepted`), where nothing
/// types the response and the Response section speaks of no response body: a success carries
/// none.
fn shows_status_only(op: &OperationFacts, return_type: Option<&TypeRef>) -> bool {
    let mut responses = op.examples.iter().filter(|e| !e.request).peekable();
    responses.peek().is_some()
        && responses.all(|e| e.status_only && e.status.is_some_and(|s| (200..300).contains(&s)))
        && return_type.is_none()
        && !op.response_text.to_lowercase().contains("response body")
}

#[cfg(test)]
mod tests {
    use super::names_items_of;

    #[test]
    fn a_segment_names_items_by_the_regular_plural_of_the_types_last_word() {
        for (segment, ty) in [
            ("agreements", "microsoft.graph.agreement"),
            ("namedLocations", "microsoft.graph.ipNamedLocation"),
            ("policies", "microsoft.graph.conditionalAccessPolicy"),
            ("addresses", "microsoft.graph.physicalAddress"),
            ("boxes", "microsoft.graph.box"),
            ("batches", "microsoft.graph.batch"),
            ("holidays", "microsoft.graph.holiday"),
            ("agreement", "microsoft.graph.agreement"),
        ] {
            assert!(names_items_of(segment, ty), "{segment} {ty}");
        }
        for (segment, ty) in [
            ("createSession", "microsoft.graph.workbookSessionInfo"),
            ("addresse", "microsoft.graph.address"),
            ("holidaies", "microsoft.graph.holiday"),
            ("policys", "microsoft.graph.policy"),
            ("items", "microsoft.graph.x"),
        ] {
            assert!(!names_items_of(segment, ty), "{segment} {ty}");
        }
    }
}
