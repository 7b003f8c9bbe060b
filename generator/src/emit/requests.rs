//! Request types: one per operation, sans IO. A constructor per documented path (`new` for the
//! first, names from the path for the others), typed OData query options and headers where the
//! page lists them, the body, and `support::GraphRequest` with the response type.
//!
//! The plan of a request (paths, fields, response) is plain data built first; tokens come last.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{RustNames, docs};
use crate::names::{NameSet, ident, snake_case};
use crate::schema::{Operation, PathTemplate, Segment, TypeRef, ValuesRead};

/// A request type, or why the operation has none.
pub struct Emitted {
    pub tokens: TokenStream,
    /// Paths left out of the request type, with the reason (the others are usable).
    pub dropped_paths: Vec<String>,
}

/// Part of a path: text written as it is (already valid in a URI), or a parameter encoded at
/// run time in the way its place needs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// A whole segment (`/{id}`) or an unquoted key or argument.
    Segment(usize),
    /// Inside quotes: an OData string literal.
    Quoted(usize),
    /// A function argument the page's parameter table types as a number or a Boolean, written
    /// as its OData literal (`cell(row=2,column=5)`).
    Literal(usize, ArgType),
    /// `root:/{item-path}:`: slashes kept.
    ItemPath(usize),
    /// A whole URL the service handed out, sent to as it stands.
    Url(usize),
}

/// The Rust type of a function argument passed as a number or a Boolean rather than as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ArgType {
    U8,
    I8,
    I16,
    I32,
    I64,
    Bool,
}

impl ArgType {
    /// The type of an Edm primitive written in a URL as its `Display` form (`2`, `true`), the
    /// same text as its OData literal; `None` for the others (text, dates, GUIDs), taken as text.
    fn of(edm: &str) -> Option<ArgType> {
        Some(match edm {
            "Byte" => ArgType::U8,
            "SByte" => ArgType::I8,
            "Int16" => ArgType::I16,
            "Int32" => ArgType::I32,
            "Int64" => ArgType::I64,
            "Boolean" => ArgType::Bool,
            _ => return None,
        })
    }

    fn edm(self) -> &'static str {
        match self {
            ArgType::U8 => "Byte",
            ArgType::I8 => "SByte",
            ArgType::I16 => "Int16",
            ArgType::I32 => "Int32",
            ArgType::I64 => "Int64",
            ArgType::Bool => "Boolean",
        }
    }

    fn tokens(self) -> TokenStream {
        super::field::primitive_type(self.edm())
    }

    /// `value` (an example's argument, decoded) as a Rust literal of this type, or why it is none.
    pub(super) fn literal(self, value: &str) -> Result<TokenStream, String> {
        fn int<T>(value: &str) -> Result<TokenStream, String>
        where
            T: std::str::FromStr + quote::ToTokens,
            T::Err: std::fmt::Display,
        {
            let v: T = value
                .parse()
                .map_err(|e| format!("`{value}` is not one ({e})"))?;
            Ok(quote!(#v))
        }
        match self {
            ArgType::U8 => int::<u8>(value),
            ArgType::I8 => int::<i8>(value),
            ArgType::I16 => int::<i16>(value),
            ArgType::I32 => int::<i32>(value),
            ArgType::I64 => int::<i64>(value),
            // OData's literals are case-insensitive (`True` is `true`).
            ArgType::Bool => match value.to_ascii_lowercase().as_str() {
                "true" => Ok(quote!(true)),
                "false" => Ok(quote!(false)),
                _ => Err(format!("`{value}` is neither `true` nor `false`")),
            },
        }
    }
}

/// One constructor: a documented path with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PathPlan {
    template: String,
    pieces: Vec<Piece>,
    /// (the parameter as the page writes it, the argument's name).
    params: Vec<(String, String)>,
}

/// What a typed query option holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QueryKind {
    /// `$select`, `$expand`, `$orderby`: a comma-separated list.
    List,
    /// `$top`, `$skip`.
    Number,
    /// `$count`.
    Flag,
    /// `$filter`, `$search` and any other.
    Text,
}

/// How the request carries its body.
pub(super) enum Body {
    Json(TokenStream),
    Bytes,
}

/// What a success response parses into.
enum Response {
    Empty,
    Bytes,
    Value,
    Json(TokenStream),
    Page(TokenStream),
    /// One primitive value (`{"value": "Ping value"}`): `support::Single` of it.
    Single(TokenStream),
}

/// What a request type is made of before any token: a constructor per usable path, typed query
/// options and headers. The example tests call the same constructors and setters.
pub(super) struct Plan {
    paths: Vec<PathPlan>,
    /// Constructor names, one per entry of `paths`.
    ctor_names: Vec<String>,
    /// For each of the operation's path templates, the index in `paths` that builds it: a
    /// template with the segments of an earlier one shares its constructor, one that cannot be
    /// built has none.
    pub(super) by_template: Vec<Option<usize>>,
    /// (option as the page writes it, setter name, kind).
    pub(super) queries: Vec<(String, String, QueryKind)>,
    headers: Vec<(String, String)>,
    /// `as_<cast>` method names, one per entry of the operation's `cast_responses`.
    cast_methods: Vec<String>,
    dropped_paths: Vec<String>,
}

impl Plan {
    /// The constructor building the operation's `template`th path, and its parameter count.
    pub(super) fn constructor(&self, template: usize) -> Option<(&str, usize)> {
        let i = (*self.by_template.get(template)?)?;
        Some((self.ctor_names[i].as_str(), self.paths[i].params.len()))
    }

    /// The `template`th path's constructor's arguments for `values` (an example's, decoded):
    /// text as a string literal, a number or a Boolean as a literal of its type; or why a value
    /// cannot be one.
    pub(super) fn arguments(
        &self,
        template: usize,
        values: &[String],
    ) -> Result<Vec<TokenStream>, String> {
        let Some(Some(i)) = self.by_template.get(template) else {
            return Ok(values.iter().map(|v| quote!(#v)).collect());
        };
        let plan = &self.paths[*i];
        let typed = |at: usize| {
            plan.pieces.iter().find_map(|p| match p {
                Piece::Literal(i, ty) if *i == at => Some(*ty),
                _ => None,
            })
        };
        values
            .iter()
            .enumerate()
            .map(|(at, v)| match typed(at) {
                Some(ty) => ty.literal(v).map_err(|why| {
                    let param = plan.params.get(at).map_or("", |(p, _)| p.as_str());
                    format!(
                        "the argument `{param}` is typed {} by the page: {why}",
                        ty.edm()
                    )
                }),
                None => Ok(quote!(#v)),
            })
            .collect()
    }
}

/// The plan of `op`'s request type, or why it has none.
pub(super) fn plan(op: &Operation) -> Result<Plan, String> {
    let templates: Vec<PathTemplate> = if op.path_templates.is_empty() {
        op.paths.iter().map(|p| PathTemplate::parse(p)).collect()
    } else {
        op.path_templates.clone()
    };
    if templates.is_empty() {
        return Err("the page shows no request path".to_owned());
    }
    // A function's parameter the table types as a number or a Boolean (functions have no body,
    // so their parameters are the arguments).
    let declared = |name: &str| {
        let ty = &op.parameters.iter().find(|p| p.name == name)?.ty;
        Some(match ty {
            TypeRef::Primitive(p) => ArgType::of(p),
            _ => None,
        })
    };
    let mut plans: Vec<PathPlan> = Vec::new();
    let mut dropped_paths = Vec::new();
    let mut usable: Vec<&PathTemplate> = Vec::new();
    let mut by_template = Vec::new();
    for t in &templates {
        if let Some(i) = usable.iter().position(|u| u.segments == t.segments) {
            by_template.push(Some(i));
            continue;
        }
        match plan_path(t, &declared) {
            Ok(plan) => {
                by_template.push(Some(plans.len()));
                plans.push(plan);
                usable.push(t);
            }
            Err(why) => {
                by_template.push(None);
                dropped_paths.push(format!("`{}`: {why}", t.template));
            }
        }
    }
    if plans.is_empty() {
        return Err(format!(
            "no documented path can be built: {}",
            dropped_paths.join("; ")
        ));
    }

    // Fields: typed query options, headers, extra query parameters, the body.
    let mut members = NameSet::default();
    // The struct's fields and `GraphRequest`'s methods keep their meaning.
    for reserved in [
        "new",
        "parts",
        "parts_mut",
        "body",
        "query_param",
        "to_request",
        "parse_response",
        "return_representation",
    ] {
        members.reserve(reserved);
    }
    let queries: Vec<(String, String, QueryKind)> = op
        .query_options
        .iter()
        .filter(|o| {
            o.strip_prefix('$')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphabetic()))
        })
        .map(|o| {
            let kind = match o.to_ascii_lowercase().as_str() {
                "$select" | "$expand" | "$orderby" => QueryKind::List,
                "$top" | "$skip" => QueryKind::Number,
                "$count" => QueryKind::Flag,
                _ => QueryKind::Text,
            };
            (o.clone(), members.unique(snake_case(&o[1..])), kind)
        })
        .collect();
    let headers: Vec<(String, String)> = op
        .headers
        .iter()
        .filter(|h| is_header_name(h))
        .filter(|h| {
            !matches!(
                h.to_ascii_lowercase().as_str(),
                "authorization" | "content-type" | "content-length" | "host"
            )
        })
        .fold(Vec::new(), |mut out: Vec<String>, h| {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(h)) {
                out.push(h.clone());
            }
            out
        })
        .into_iter()
        .map(|h| {
            let id = members.unique(snake_case(&h));
            (h, id)
        })
        .collect();
    // Constructor names: `new` for the first path, the path's distinguishing words after.
    let ctor_names = constructor_names(&usable, &mut members);
    // Paths ending in different casts: `as_group()` reads the response as the cast's type.
    let cast_methods = op
        .cast_responses
        .keys()
        .map(|cast| {
            let short = cast.rsplit('.').next().unwrap_or(cast);
            members.unique(snake_case(&format!("as_{short}")))
        })
        .collect();
    Ok(Plan {
        paths: plans,
        ctor_names,
        by_template,
        queries,
        headers,
        cast_methods,
        dropped_paths,
    })
}

/// The request type of `op`, or the reason it has none (reported as a `skipped` diagnostic).
pub fn request(op: &Operation, names: &RustNames) -> Result<Emitted, String> {
    let name = ident(
        names
            .operation_name(&op.source)
            .ok_or("the operation has no request type name")?,
    );
    let method = match op.method.as_str() {
        m @ ("GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS") => ident(m),
        other => return Err(format!("`{other}` is not an HTTP method docgen sends")),
    };
    let Plan {
        paths: plans,
        ctor_names,
        queries,
        headers,
        cast_methods,
        dropped_paths,
        ..
    } = plan(op)?;
    let queries: Vec<(String, Ident, QueryKind)> = queries
        .into_iter()
        .map(|(o, id, kind)| (o, ident(&id), kind))
        .collect();
    let headers: Vec<(String, Ident)> =
        headers.into_iter().map(|(h, id)| (h, ident(&id))).collect();
    let body = body_type(op, names);
    let response = response_type(op, names);
    // `Prefer: return=representation` where the page offers it: the entity instead of nothing.
    let representation = op.representation.as_ref().and_then(|t| match t {
        TypeRef::Named(n) if names.get(n).is_some() => {
            let ty = value_type(t, names);
            Some(quote! {
                /// Sends `Prefer: return=representation`, which the page documents: the
                /// response is then the entity instead of no content.
                pub fn return_representation(
                    self,
                ) -> super::support::ReturnRepresentation<Self, #ty> {
                    super::support::ReturnRepresentation::new(self)
                }
            })
        }
        _ => None,
    });
    let casts: Vec<TokenStream> = op
        .cast_responses
        .iter()
        .zip(&cast_methods)
        .filter_map(|((cast, ty), method)| {
            let parsed = match ty {
                TypeRef::Collection(inner) if names.get(&inner.to_string()).is_some() => {
                    let inner = value_type(inner, names);
                    quote!(super::support::Page<#inner>)
                }
                TypeRef::Named(n) if names.get(n).is_some() => value_type(ty, names),
                _ => return None,
            };
            let method = ident(method);
            let doc = docs::attr(&format!(
                "For a path ending in {}: reads the response as {}, so items without \
                 `@odata.type` are read as that type, not the base.",
                docs::code(cast),
                docs::code(&ty.to_string())
            ));
            Some(quote! {
                #[doc = #doc]
                pub fn #method(self) -> super::support::Retyped<Self, #parsed> {
                    super::support::Retyped::new(self)
                }
            })
        })
        .collect();

    let body_ty = body.as_ref().map(|b| match b {
        Body::Json(ty) => ty.clone(),
        Body::Bytes => quote!(::std::vec::Vec<u8>),
    });
    let body_field = body_ty.as_ref().map(|ty| {
        quote!(/// The request body.
        pub body: #ty,)
    });
    let (body_param, body_init) = match &body_ty {
        Some(ty) => (quote!(body: #ty), quote!(body,)),
        None => (quote!(), quote!()),
    };

    let ctors = plans.iter().zip(&ctor_names).map(|(plan, ctor)| {
        let ctor = ident(ctor);
        let args: Vec<Ident> = plan.params.iter().map(|(_, a)| ident(a)).collect();
        // A function argument written as a number or a Boolean takes that type, the rest text.
        let mut arg_types: Vec<TokenStream> = vec![quote!(&str); args.len()];
        for piece in &plan.pieces {
            if let Piece::Literal(i, ty) = piece {
                arg_types[*i] = ty.tokens();
            }
        }
        // The path as one `format!`: fixed text (valid URI text without braces) and each
        // parameter encoded as its place needs.
        let mut template = String::new();
        let mut values = Vec::new();
        for piece in &plan.pieces {
            match piece {
                Piece::Text(text) => template.push_str(text),
                Piece::Segment(i) | Piece::Quoted(i) | Piece::ItemPath(i) => {
                    template.push_str("{}");
                    let a = &args[*i];
                    let encode = match piece {
                        Piece::Quoted(_) => quote!(encode_literal),
                        Piece::ItemPath(_) => quote!(encode_item_path),
                        _ => quote!(encode_segment),
                    };
                    values.push(quote!(super::support::#encode(#a)));
                }
                Piece::Literal(i, _) => {
                    template.push_str("{}");
                    let a = &args[*i];
                    values.push(quote!(#a));
                }
                // Only ever the whole path (below).
                Piece::Url(_) => {}
            }
        }
        // `Self { parts: path.into(), body }` stays on one line (prettyplease keeps struct
        // literals of up to 34 characters on one).
        let path = if let [Piece::Url(i)] = plan.pieces.as_slice() {
            let a = &args[*i];
            quote!(let path = #a;)
        } else if values.is_empty() {
            quote!(let path = #template;)
        } else {
            quote!(let path = ::std::format!(#template, #(#values),*);)
        };
        let mut doc = format!(
            "{}.",
            docs::code(&format!("{} {}", op.method, plan.template))
        );
        if !plan.params.is_empty() {
            let list: Vec<String> = plan
                .params
                .iter()
                .map(|(p, a)| match p.as_str() {
                    crate::schema::URL_PARAMETER if plan.pieces == [Piece::Url(0)] => format!(
                        "{} is the whole URL, as the service handed it out (an upload session's \
                         `uploadUrl`, a download URL); it is sent to as it stands",
                        docs::code(a)
                    ),
                    crate::schema::PARENT_PATH => format!(
                        "{} is the path of the resource it is reached through, which the page \
                         leaves out",
                        docs::code(a)
                    ),
                    _ => format!("{} is {}", docs::code(a), docs::code(&format!("{{{p}}}"))),
                })
                .collect();
            doc.push_str(&format!(" {}.", list.join(", ")));
        }
        let doc = docs::attr(&doc);
        let many = (args.len() + usize::from(body_ty.is_some()) > 7)
            .then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let comma = (!args.is_empty() && body_ty.is_some()).then(|| quote!(,));
        quote! {
            #[doc = #doc]
            #many
            pub fn #ctor(#( #args: #arg_types ),* #comma #body_param) -> Self {
                #path
                Self { parts: path.into(), #body_init }
            }
        }
    });

    // Setters hand their value to the request trait's `with_*` methods, named in full so no
    // import is needed. Their parameters use the prelude's names unless a request type in the
    // same module shadows one.
    let (text, items) = if names.requests_shadow_prelude() {
        (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(
                impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>
            ),
        )
    } else {
        (
            quote!(impl Into<String>),
            quote!(impl IntoIterator<Item = impl Into<String>>),
        )
    };
    let setters = queries.iter().map(|(option, id, kind)| {
        let doc = docs::attr(&format!("Sets the {} query option.", docs::code(option)));
        let (param, with) = match kind {
            QueryKind::List => (
                quote!(items: #items),
                quote!(with_list(self, #option, items)),
            ),
            QueryKind::Number => (
                quote!(value: u32),
                quote!(with_option(self, #option, value)),
            ),
            QueryKind::Flag => (
                quote!(value: bool),
                quote!(with_option(self, #option, value)),
            ),
            QueryKind::Text => (
                quote!(value: #text),
                quote!(with_option(self, #option, value.into())),
            ),
        };
        quote! {
            #[doc = #doc]
            pub fn #id(self, #param) -> Self {
                super::support::GraphRequest::#with
            }
        }
    });
    let header_setters = headers.iter().map(|(header, id)| {
        let doc = docs::attr(&format!("Sets the {} request header.", docs::code(header)));
        quote! {
            #[doc = #doc]
            pub fn #id(self, value: #text) -> Self {
                super::support::GraphRequest::with_header(self, #header, value)
            }
        }
    });
    let body_fn = body.as_ref().map(|b| {
        let make = match b {
            Body::Json(_) => quote!(json),
            Body::Bytes => quote!(bytes),
        };
        quote! {
            fn body(&self) -> super::support::BodyResult {
                super::support::Body::#make(&self.body)
            }
        }
    });
    let (response_ty, read) = match &response {
        Response::Empty => (quote!(()), quote!(ReadEmpty)),
        Response::Bytes => (quote!(::std::vec::Vec<u8>), quote!(ReadBytes)),
        Response::Value => (quote!(super::support::serde_json::Value), quote!(ReadValue)),
        Response::Json(ty) => (ty.clone(), quote!(ReadJson)),
        Response::Page(ty) => (quote!(super::support::Page<#ty>), quote!(ReadJson)),
        Response::Single(ty) => (quote!(super::support::Single<#ty>), quote!(ReadJson)),
    };
    let status = match (op.status, &response) {
        (Some(s), _) if (200..300).contains(&s) => s,
        (_, Response::Empty) => 204,
        _ => 200,
    };
    // 200 is the trait's default: a request states only a status that differs.
    let status = (status != 200).then(|| {
        let status = proc_macro2::Literal::u16_unsuffixed(status);
        quote!(const SUCCESS_STATUS: u16 = #status;)
    });

    let description = docs::clean(&op.description).map(|d| {
        let d = docs::attr(&d);
        quote!(#[doc = #d] #[doc = ""])
    });
    let syntax: Vec<String> = plans
        .iter()
        .map(|p| docs::code(&format!("{} {}", op.method, p.template)))
        .collect();
    let syntax = docs::attr(&format!(
        "{}, read from {}.",
        syntax.join(", "),
        docs::code(&op.source)
    ));
    let redirect = (op.method == "GET" && redirects(op)).then(|| {
        let status = op.status.unwrap_or_default();
        let doc = format!(
            "The page answers `{status}`, a redirect (`Location`) to the content: the response \
             is what that URL serves, read as bytes."
        );
        let doc = docs::attr(&doc);
        quote!(#[doc = ""] #[doc = #doc])
    });
    // `new()` without arguments: clippy (and users) expect `Default` too.
    let default_impl = (plans[0].params.is_empty() && body_ty.is_none()).then(|| {
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    Ok(Emitted {
        tokens: quote! {
            #description
            #[doc = #syntax]
            #redirect
            #[derive(Debug, Clone, PartialEq)]
            pub struct #name {
                parts: super::support::RequestParts,
                #body_field
            }

            impl #name {
                #( #ctors )*
                #( #setters )*
                #( #header_setters )*
                #representation
                #( #casts )*
            }

            #default_impl

            impl super::support::GraphRequest for #name {
                type Response = #response_ty;
                type Read = super::support::#read;
                const METHOD: super::support::http::Method = super::support::http::Method::#method;
                #status

                fn parts(&self) -> &super::support::RequestParts {
                    &self.parts
                }

                fn parts_mut(&mut self) -> &mut super::support::RequestParts {
                    &mut self.parts
                }

                #body_fn
            }
        },
        dropped_paths,
    })
}

/// The Rust type of a body or response value, models named through `super::models`.
fn value_type(ty: &TypeRef, names: &RustNames) -> TokenStream {
    match ty {
        TypeRef::Primitive(p) => super::field::primitive_type(p),
        // A base type with derived types is read by `@odata.type` into its polymorphic enum.
        TypeRef::Named(n) => match names.polymorphic(n).or_else(|| names.get(n)) {
            Some(rust) => {
                let id = ident(rust);
                quote!(super::models::#id)
            }
            None => quote!(super::support::serde_json::Value),
        },
        TypeRef::Collection(inner) => {
            let inner = value_type(inner, names);
            quote!(::std::vec::Vec<#inner>)
        }
    }
}

/// The request body's type: the one place that decides it. An update sends the type's PATCH
/// body (writable properties, each absent, null or set); a PUT to `/content` or `/$value`
/// uploads bytes.
pub(super) fn body_type(op: &Operation, names: &RustNames) -> Option<Body> {
    let stream = matches!(&op.body, Some(TypeRef::Primitive(p)) if p == "Stream");
    if stream || (op.method == "PUT" && is_stream_path(op)) {
        return Some(Body::Bytes);
    }
    if op.kind == crate::schema::OperationKind::Update
        && let Some(TypeRef::Named(n)) = &op.body
        && let Some(patch) = names.polymorphic_patch(n).or_else(|| names.patch(n))
    {
        let id = ident(patch);
        return Some(Body::Json(quote!(super::models::#id)));
    }
    op.body.as_ref().map(|ty| Body::Json(value_type(ty, names)))
}

/// What a success parses into: nothing for `204` and deletes, bytes for streams, one primitive or
/// enum member in its `{"value": ...}`, a page for collections, the model of a known type, else
/// any JSON.
fn response_type(op: &Operation, names: &RustNames) -> Response {
    if op.status == Some(204) || op.no_content {
        return Response::Empty;
    }
    if op.method == "GET" && (is_stream_path(op) || redirects(op)) {
        return Response::Bytes;
    }
    match op.return_type.as_ref().and_then(|t| read_values(t, names)) {
        Some((ValuesRead::Single, value)) => return Response::Single(value),
        Some((ValuesRead::Page, value)) => return Response::Page(value),
        None => {}
    }
    match &op.return_type {
        Some(TypeRef::Primitive(p)) if p == "Stream" => Response::Bytes,
        // Primitives read through a wire adapter (Int64's string form, dates, base64): any JSON,
        // as one of them is.
        Some(TypeRef::Collection(inner)) if matches!(**inner, TypeRef::Primitive(_)) => {
            Response::Value
        }
        Some(TypeRef::Collection(inner)) => Response::Page(value_type(inner, names)),
        Some(ty @ TypeRef::Named(n)) if names.get(n).is_some() => {
            Response::Json(value_type(ty, names))
        }
        Some(_) => Response::Value,
        None if op.method == "DELETE" => Response::Empty,
        None => Response::Value,
    }
}

/// How a response of values of `ty` is read (`schema::reads_values`), and the `T` of the
/// `support::Single<T>` or `support::Page<T>` it is read as (its example tests read the same): a
/// primitive serde reads as it stands, or a member of an enum that is no flags enum.
pub(super) fn read_values(ty: &TypeRef, names: &RustNames) -> Option<(ValuesRead, TokenStream)> {
    let enum_flags = |n: &str| names.is_enum(n).then(|| names.is_flags(n));
    let read = crate::schema::reads_values(ty, enum_flags)?;
    Some((read, value_type(ty.element(), names)))
}

/// The page documents a redirect as the success (`302 Found` to a download URL: a report's CSV,
/// a file's content). A client follows it (as the runtime's does) and reads what the URL
/// serves, which is no JSON of the type the response annotation names (`report`).
fn redirects(op: &Operation) -> bool {
    op.status.is_some_and(|s| (300..400).contains(&s))
}

/// The first path ends in `$value` or `content`: the operation moves bytes, not JSON.
fn is_stream_path(op: &Operation) -> bool {
    let last = op.path_templates.first().and_then(|t| t.segments.last());
    match last {
        Some(Segment::System { name }) => name == "$value",
        Some(Segment::Literal { text }) => text.eq_ignore_ascii_case("content"),
        _ => false,
    }
}

/// A header name as HTTP allows it (RFC 9110 token), so `header(name, ..)` cannot fail on it.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Text that may stand in a path as it is: RFC 3986 `pchar`s without `%`.
fn is_path_text(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b))
}

/// Text the page fixes (a literal key or argument), encoded by the runtime's own encoder, as a
/// parameter in its place is at run time.
fn encode_fixed(text: &str) -> String {
    docgen_runtime::encode_segment(text)
}

/// A path template as pieces and parameters, or why it cannot be built.
/// `declared`: whether the operation's parameters (a function's, from its table) have one of a
/// name, and its type when it is written as a number or a Boolean.
fn plan_path(
    template: &PathTemplate,
    declared: &dyn Fn(&str) -> Option<Option<ArgType>>,
) -> Result<PathPlan, String> {
    if template.url {
        return Ok(PathPlan {
            template: template.template.clone(),
            pieces: vec![Piece::Url(0)],
            params: vec![(
                crate::schema::URL_PARAMETER.to_owned(),
                snake_case(crate::schema::URL_PARAMETER),
            )],
        });
    }
    if template.segments.is_empty() {
        return Err("the path is empty".to_owned());
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut params: Vec<(String, String)> = Vec::new();
    let mut used = NameSet::default();
    used.reserve("body");
    used.reserve("path");
    let mut text = String::new();
    let mut param = |label: String,
                     pieces: &mut Vec<Piece>,
                     text: &mut String,
                     kind: &dyn Fn(usize) -> Piece| {
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(text)));
        }
        let arg = used.unique(snake_case(&label.replace('|', " or ")));
        pieces.push(kind(params.len()));
        params.push((label, arg));
    };
    if template.relative {
        // The parent resource's path, slashes kept: the page leaves it out.
        text.push('/');
        param(
            crate::schema::PARENT_PATH.to_owned(),
            &mut pieces,
            &mut text,
            &Piece::ItemPath,
        );
    }
    let checked = |s: &str| -> Result<(), String> {
        if is_path_text(s) {
            Ok(())
        } else {
            Err(format!("`{s}` is neither a name nor a `{{parameter}}`"))
        }
    };
    for segment in &template.segments {
        text.push('/');
        match segment {
            Segment::Literal { text: t } => {
                checked(t)?;
                text.push_str(t);
            }
            Segment::Cast { type_name } => {
                checked(type_name)?;
                text.push_str(type_name);
            }
            Segment::System { name } => {
                checked(name)?;
                text.push_str(name);
            }
            Segment::Parameter { names } => {
                param(names.join(" | "), &mut pieces, &mut text, &Piece::Segment);
            }
            Segment::Key {
                collection,
                names,
                quoted,
                literal,
            } => {
                checked(collection)?;
                text.push_str(collection);
                text.push('(');
                if *quoted {
                    text.push('\'');
                }
                if *literal {
                    let key = names.first().map(String::as_str).unwrap_or_default();
                    let key = if *quoted {
                        key.replace('\'', "''")
                    } else {
                        key.to_owned()
                    };
                    text.push_str(&encode_fixed(&key));
                } else {
                    let kind = if *quoted {
                        Piece::Quoted
                    } else {
                        Piece::Segment
                    };
                    param(names.join(" | "), &mut pieces, &mut text, &kind);
                }
                if *quoted {
                    text.push('\'');
                }
                text.push(')');
            }
            Segment::Function { name, args } => {
                checked(name)?;
                text.push_str(name);
                text.push('(');
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    checked(&arg.name)?;
                    text.push_str(&arg.name);
                    text.push('=');
                    if arg.quoted {
                        text.push('\'');
                    }
                    match (&arg.parameter, &arg.literal) {
                        (Some(p), _) => {
                            // The argument's name is the function's parameter's; the value's
                            // placeholder may be any label (`deltaRows={n}`): the parameter of
                            // that name, where the table lists one, types it.
                            let ty = declared(&arg.name)
                                .unwrap_or_else(|| declared(p).flatten())
                                .filter(|_| !arg.quoted);
                            let kind = move |i| match ty {
                                Some(ty) => Piece::Literal(i, ty),
                                None if arg.quoted => Piece::Quoted(i),
                                None => Piece::Segment(i),
                            };
                            param(p.clone(), &mut pieces, &mut text, &kind);
                        }
                        (None, Some(l)) => {
                            let l = if arg.quoted {
                                l.replace('\'', "''")
                            } else {
                                l.clone()
                            };
                            text.push_str(&encode_fixed(&l));
                        }
                        (None, None) => {}
                    }
                    if arg.quoted {
                        text.push('\'');
                    }
                }
                text.push(')');
            }
            Segment::PathAddress {
                base,
                names,
                literal,
                base_parameter,
                open,
            } => {
                if *base_parameter {
                    param(base.clone(), &mut pieces, &mut text, &Piece::Segment);
                } else {
                    checked(base)?;
                    text.push_str(base);
                }
                text.push_str(":/");
                if *literal {
                    let fixed = names.first().map(String::as_str).unwrap_or_default();
                    let encoded: Vec<String> = fixed.split('/').map(encode_fixed).collect();
                    text.push_str(&encoded.join("/"));
                } else {
                    param(names.join(" | "), &mut pieces, &mut text, &Piece::ItemPath);
                }
                if !open {
                    text.push(':');
                }
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(PathPlan {
        template: template.template.clone(),
        pieces,
        params,
    })
}

/// Words that name a segment in a constructor name (`mailFolders`, `me`, `group`).
fn segment_words(segment: &Segment) -> Option<&str> {
    match segment {
        Segment::Literal { text } => Some(text),
        Segment::Key { collection, .. } => Some(collection),
        Segment::Function { name, .. } => Some(name),
        Segment::Cast { type_name } => type_name.rsplit('.').next(),
        Segment::System { name } => Some(name.trim_start_matches('$')),
        Segment::PathAddress {
            base,
            base_parameter: false,
            ..
        } => Some(base),
        Segment::PathAddress { .. } => None,
        Segment::Parameter { .. } => None,
    }
}

/// `new` for the first path; for the others, the words of the part before the suffix all
/// paths share (`/me/messages` and `/users/{id}/messages` -> `new`, `users`).
fn constructor_names(paths: &[&PathTemplate], members: &mut NameSet) -> Vec<String> {
    let shape = |s: &Segment| match s {
        Segment::Parameter { .. } => "{}".to_owned(),
        other => format!("{other:?}"),
    };
    let shortest = paths.iter().map(|p| p.segments.len()).min().unwrap_or(0);
    let common = (0..shortest)
        .take_while(|&k| {
            let first = shape(&paths[0].segments[paths[0].segments.len() - 1 - k]);
            paths
                .iter()
                .all(|p| shape(&p.segments[p.segments.len() - 1 - k]) == first)
        })
        .count();
    paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                return "new".to_owned();
            }
            let words = |segments: &[Segment]| -> String {
                segments
                    .iter()
                    .filter_map(segment_words)
                    .collect::<Vec<_>>()
                    .join("_")
            };
            let mut name = words(&p.segments[..p.segments.len() - common]);
            if name.is_empty() {
                name = words(&p.segments);
            }
            members.unique(snake_case(&format!("at_{name}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(path: &str) -> PathPlan {
        plan_path(&PathTemplate::parse(path), &|_| None).unwrap()
    }

    #[test]
    fn parameters_become_encoded_pieces_and_literals_stay_text() {
        let p = plan("/Security/hostSecurityProfiles/{hostSecurityProfileId}");
        assert_eq!(
            p.pieces,
            [
                Piece::Text("/Security/hostSecurityProfiles/".into()),
                Piece::Segment(0)
            ]
        );
        assert_eq!(
            p.params,
            [(
                "hostSecurityProfileId".to_owned(),
                "host_security_profile_id".to_owned()
            )]
        );
        let alt = plan("/users/{id | userPrincipalName}/messages/{id}/$value");
        assert_eq!(
            alt.params,
            [
                (
                    "id | userPrincipalName".to_owned(),
                    "id_or_user_principal_name".to_owned()
                ),
                ("id".to_owned(), "id".to_owned())
            ]
        );
        assert_eq!(alt.pieces.last(), Some(&Piece::Text("/$value".into())));
    }

    #[test]
    fn keys_functions_and_item_paths_encode_as_their_place_needs() {
        let f = plan("/reports/getOffice365ActiveUserDetail(period='{period_value}',top={n})");
        assert_eq!(
            f.pieces,
            [
                Piece::Text("/reports/getOffice365ActiveUserDetail(period='".into()),
                Piece::Quoted(0),
                Piece::Text("',top=".into()),
                Piece::Segment(1),
                Piece::Text(")".into())
            ]
        );
        let k = plan("/me/drive/items/{id}/workbook/worksheets('Sheet 1')/range(address='A1:B2')");
        assert_eq!(
            k.pieces.last(),
            Some(&Piece::Text(
                "/workbook/worksheets('Sheet%201')/range(address='A1%3AB2')".into()
            ))
        );
        let d = plan("/me/drive/root:/{item-path}:/content");
        assert_eq!(
            d.pieces,
            [
                Piece::Text("/me/drive/root:/".into()),
                Piece::ItemPath(0),
                Piece::Text(":/content".into())
            ]
        );
        // A path addressed below a parameter, and no colon after a path that ends the URL.
        let g = plan("/sites/{hostname}:/{relative-path}");
        assert_eq!(
            g.pieces,
            [
                Piece::Text("/sites/".into()),
                Piece::Segment(0),
                Piece::Text(":/".into()),
                Piece::ItemPath(1)
            ]
        );
        assert_eq!(
            g.params,
            [
                ("hostname".to_owned(), "hostname".to_owned()),
                ("relative-path".to_owned(), "relative_path".to_owned())
            ]
        );
        let open = plan("/me/drive/root:/{item-path}");
        assert_eq!(open.pieces.last(), Some(&Piece::ItemPath(0)));
    }

    #[test]
    fn paths_with_text_that_is_no_name_are_refused() {
        let err = plan_path(
            &PathTemplate::parse("/me/<some placeholder text>/x y"),
            &|_| None,
        )
        .unwrap_err();
        assert!(err.contains("`x y`"), "{err}");
        assert!(plan_path(&PathTemplate::parse(""), &|_| None).is_err());
    }

    #[test]
    fn constructors_are_named_after_what_sets_each_path_apart() {
        let paths: Vec<PathTemplate> = [
            "/me/messages/{id}",
            "/users/{id | userPrincipalName}/messages/{id}",
            "/me/mailFolders/{id}/messages/{id}",
            "/users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}",
        ]
        .iter()
        .map(|p| PathTemplate::parse(p))
        .collect();
        let refs: Vec<&PathTemplate> = paths.iter().collect();
        let mut members = NameSet::default();
        members.reserve("new");
        assert_eq!(
            constructor_names(&refs, &mut members),
            [
                "new",
                "at_users",
                "at_me_mail_folders",
                "at_users_mail_folders"
            ]
        );
    }
}
