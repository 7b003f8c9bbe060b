//! Each schema rule on a small page written for it: the page pattern that calls for the rule,
//! and what the schema makes of it.

use docgen::diag::{Code, Diagnostic};
use docgen::facts::page_facts;
use docgen::read::read_text;
use docgen::schema::{self, Operation, OperationKind, Origin, Schema, TypeDef, TypeKind};

fn schema(pages: &[(&str, &str)]) -> Schema {
    schema_and_diagnostics(pages).0
}

/// The schema of `pages` and the schema stage's diagnostics.
mod support;

fn schema_and_diagnostics(pages: &[(&str, &str)]) -> (Schema, Vec<Diagnostic>) {
    support::schema_of_pages(pages)
}

fn ty<'s>(s: &'s Schema, name: &str) -> &'s TypeDef {
    s.type_named(name).unwrap_or_else(|| {
        panic!(
            "no type {name} in {:?}",
            s.types.iter().map(|t| &t.name).collect::<Vec<_>>()
        )
    })
}

fn prop_type(s: &Schema, owner: &str, prop: &str) -> String {
    ty(s, owner)
        .properties
        .iter()
        .find(|p| p.name == prop)
        .unwrap_or_else(|| panic!("no property {owner}.{prop}"))
        .ty
        .to_string()
}

fn op<'s>(s: &'s Schema, name: &str) -> &'s Operation {
    s.operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no operation {name}: {:?}",
                s.operations.iter().map(|o| &o.name).collect::<Vec<_>>()
            )
        })
}

/// A resource page in the v1.0 style: front matter, H1, namespace, property table, annotation.
fn resource(name: &str, annotation_extra: &str, intro: &str, rows: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
Namespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\
## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{annotation_extra} }} -->\n\
```json\n{{}}\n```\n"
    )
}

const ENTITY: &str = "---\ntitle: \"entity resource type\"\ndoc_type: resourcePageType\n---\n# entity resource type\n\nNamespace: microsoft.graph\n\n\
## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Read-only.|\n\n\
<!-- { \"blockType\": \"resource\", \"keyProperty\": \"id\", \"@odata.type\": \"microsoft.graph.entity\" } -->\n```json\n{\"id\": \"String\"}\n```\n";

#[test]
fn link_target_file_names_the_type_not_the_link_text() {
    let s = schema(&[
        (
            "resources/a.md",
            &resource(
                "a",
                "",
                "",
                "|status|[ResponseStatus](responsestatus.md)|x|\n",
            ),
        ),
        (
            "resources/responsestatus.md",
            &resource("responseStatus", "", "", "|time|DateTimeOffset|x|\n"),
        ),
    ]);
    assert_eq!(
        prop_type(&s, "microsoft.graph.a", "status"),
        "microsoft.graph.responseStatus"
    );
}

#[test]
fn enum_sections_and_unlinked_names_resolve_to_enums() {
    let enums = "---\ndoc_type: enumTypes\ntitle: Enum values\n---\n### alertSeverity values\n\n|Member|\n|:--|\n|low|\n|high|\n";
    let s = schema(&[
        (
            "resources/alert.md",
            &resource(
                "alert",
                "",
                "",
                "|severity|alertSeverity|How bad.|\n|level|[alertSeverity](enums.md#alertseverity-values)|x|\n",
            ),
        ),
        ("resources/enums.md", enums),
    ]);
    let e = ty(&s, "microsoft.graph.alertSeverity");
    assert_eq!(e.kind, TypeKind::Enum);
    assert_eq!(e.members, ["low", "high"]);
    assert_eq!(
        prop_type(&s, "microsoft.graph.alert", "severity"),
        "microsoft.graph.alertSeverity"
    );
    assert_eq!(
        prop_type(&s, "microsoft.graph.alert", "level"),
        "microsoft.graph.alertSeverity"
    );
}

#[test]
fn string_with_exactly_an_enums_possible_values_is_that_enum_and_a_partial_list_is_not() {
    let enums = "---\ndoc_type: enumTypes\n---\n### operationStatus values\n\n|Member|\n|:--|\n|NotStarted|\n|Running|\n|Completed|\n";
    let rows = "|status|String|Possible values are: `notStarted`, `running`, `completed`.|\n\
|phase|String|Possible values are: `notStarted`, `running`.|\n";
    let s = schema(&[
        ("resources/op.md", &resource("op", "", "", rows)),
        ("resources/enums.md", enums),
    ]);
    assert_eq!(
        prop_type(&s, "microsoft.graph.op", "status"),
        "microsoft.graph.operationStatus"
    );
    assert_eq!(prop_type(&s, "microsoft.graph.op", "phase"), "Edm.String");
}

#[test]
fn inherits_from_prose_gives_the_base_and_keys_make_entities() {
    let s = schema(&[
        ("resources/entity.md", ENTITY),
        (
            "resources/policybase.md",
            &resource(
                "policyBase",
                "",
                "Inherits from [entity](entity.md).",
                "|displayName|String|x|\n",
            ),
        ),
        (
            "resources/stspolicy.md",
            &resource(
                "stsPolicy",
                "",
                "Inherits from [policyBase](policybase.md).",
                "|definition|String collection|x|\n",
            ),
        ),
    ]);
    let sts = ty(&s, "microsoft.graph.stsPolicy");
    assert_eq!(sts.base.as_deref(), Some("microsoft.graph.policyBase"));
    assert_eq!(sts.kind, TypeKind::Entity);
    let all: Vec<_> = s
        .all_properties(sts)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(all, ["id", "displayName", "definition"]);
}

#[test]
fn addressable_type_with_id_and_no_base_inherits_the_root_entity() {
    let methods = "## Methods\n\n|Method|Return type|Description|\n|:--|:--|:--|\n|[Get alert](../api/alert-get.md)|[alert](alert.md)|Get it.|\n";
    let derived = resource(
        "group",
        ", \"baseType\": \"microsoft.graph.entity\"",
        "",
        "|name|String|x|\n",
    );
    let alert = resource(
        "alert",
        "",
        methods,
        "|id|String|Read-only.|\n|title|String|x|\n",
    );
    let complex = resource("address", "", "", "|id|String|Not addressable.|\n");
    let s = schema(&[
        ("resources/entity.md", ENTITY),
        ("resources/group.md", &derived),
        ("resources/alert.md", &alert),
        ("resources/address.md", &complex),
    ]);
    let alert = ty(&s, "microsoft.graph.alert");
    assert_eq!(
        (alert.kind, alert.base.as_deref()),
        (TypeKind::Entity, Some("microsoft.graph.entity"))
    );
    let address = ty(&s, "microsoft.graph.address");
    assert_eq!(
        (address.kind, address.base.as_deref()),
        (TypeKind::Complex, None)
    );
}

/// Some of the pages only (a build script's handful, a partial checkout): the root entity's
/// page and the bases' pages are missing. The root is still the base entities name, and a base
/// the text links keeps its name; a type's own evidence decides its kind.
#[test]
fn without_the_root_and_base_pages_bases_and_kinds_stand_on_what_the_pages_say() {
    let methods = |name: &str| {
        format!(
            "## Methods\n\n|Method|Return type|Description|\n|:--|:--|:--|\n|[Get {name}](../api/{name}-get.md)|[{name}]({name}.md)|Get it.|\n"
        )
    };
    let entity_base = ", \"baseType\": \"microsoft.graph.entity\"";
    // Entities by their own pages' methods, naming the root the pages never define.
    let group = resource("group", entity_base, &methods("group"), "|name|String|x|\n");
    let team = resource("team", entity_base, &methods("team"), "|name|String|x|\n");
    // A complex base named by more pages than the root, with a page of its own.
    let method = resource("method", "", "", "|state|String|x|\n");
    let derived: Vec<(String, String)> = (0..3)
        .map(|i| {
            let name = format!("method{i}");
            let page = resource(
                &name,
                ", \"baseType\": \"microsoft.graph.method\"",
                "",
                "|x|String|x|\n",
            );
            (format!("resources/{name}.md"), page)
        })
        .collect();
    // Addressable, with an `id` and no stated base: an entity, under the root.
    let alert = resource("alert", "", &methods("alert"), "|id|String|Read-only.|\n");
    // Bases linked in the text whose pages are missing, one under a file-name prefix.
    let app = resource(
        "androidApp",
        "",
        "Inherits from [mobileLobApp](../resources/intune-apps-mobilelobapp.md).",
        "|size|Int64|x|\n",
    );
    let file = resource(
        "agreementFile",
        "",
        &format!(
            "Inherits from [agreementFileProperties](agreementfileproperties.md).\n\n{}",
            methods("agreementFile")
        ),
        "|id|String|x|\n",
    );
    let mut pages = vec![
        ("resources/group.md".to_owned(), group),
        ("resources/team.md".to_owned(), team),
        ("resources/method.md".to_owned(), method),
        ("resources/alert.md".to_owned(), alert),
        ("resources/intune-apps-androidapp.md".to_owned(), app),
        ("resources/agreementfile.md".to_owned(), file),
    ];
    pages.extend(derived);
    let pages: Vec<(&str, &str)> = pages
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let s = schema(&pages);
    let kind_and_base = |name: &str| {
        let t = ty(&s, name);
        (t.kind, t.base.clone())
    };
    let entity = Some("microsoft.graph.entity".to_owned());
    assert_eq!(
        kind_and_base("microsoft.graph.alert"),
        (TypeKind::Entity, entity.clone())
    );
    assert_eq!(
        kind_and_base("microsoft.graph.group"),
        (TypeKind::Entity, entity)
    );
    assert_eq!(
        kind_and_base("microsoft.graph.androidApp"),
        (
            TypeKind::Complex,
            Some("microsoft.graph.mobileLobApp".to_owned())
        )
    );
    assert_eq!(
        kind_and_base("microsoft.graph.agreementFile"),
        (
            TypeKind::Entity,
            Some("microsoft.graph.agreementFileProperties".to_owned())
        )
    );
    assert_eq!(
        kind_and_base("microsoft.graph.method0").0,
        TypeKind::Complex
    );
}

/// A type cell linking a page that is not read spells the type as the link text does, unless
/// the JSON representation names it: then as the representation does (case and namespace).
#[test]
fn a_type_whose_page_is_not_read_is_spelled_as_the_representation_names_it() {
    let page = resource(
        "endpoint",
        "",
        "",
        "|identity|[IdentitySet](identityset.md)|x|\n|owners|[IdentitySet](identityset.md) collection|x|\n|place|[Place](place.md)|x|\n",
    )
    .replace("Namespace: microsoft.graph\n", "Namespace: microsoft.graph.callRecords\n")
    .replace("microsoft.graph.endpoint", "microsoft.graph.callRecords.endpoint")
    .replace(
        "```json\n{}\n```",
        "```json\n{\"identity\": {\"@odata.type\": \"microsoft.graph.identitySet\"}, \"owners\": [{\"@odata.type\": \"microsoft.graph.identitySet\"}]}\n```",
    );
    let s = schema(&[("resources/callrecords-endpoint.md", &page)]);
    let owner = "microsoft.graph.callRecords.endpoint";
    assert_eq!(
        prop_type(&s, owner, "identity"),
        "microsoft.graph.identitySet"
    );
    assert_eq!(
        prop_type(&s, owner, "owners"),
        "Collection(microsoft.graph.identitySet)"
    );
    // Nothing names `place` otherwise: the link text stands.
    assert_eq!(
        prop_type(&s, owner, "place"),
        "microsoft.graph.callRecords.Place"
    );
}

#[test]
fn json_representation_fills_what_the_tables_leave_out() {
    let page = resource("thing", "", "", "|name|String|x|\n|when|see notes|x|\n").replace(
        "```json\n{}\n```",
        "```json\n{\"name\": \"String\", \"when\": \"String (timestamp)\", \"size\": 1024, \"owner\": {\"@odata.type\": \"microsoft.graph.identitySet\"}}\n```",
    );
    let s = schema(&[("resources/thing.md", &page)]);
    assert_eq!(
        prop_type(&s, "microsoft.graph.thing", "when"),
        "Edm.DateTimeOffset"
    );
    assert_eq!(prop_type(&s, "microsoft.graph.thing", "size"), "Edm.Int32");
    assert_eq!(
        prop_type(&s, "microsoft.graph.thing", "owner"),
        "microsoft.graph.identitySet"
    );
}

#[test]
fn delimiter_rows_with_tabs_still_make_tables() {
    let page = resource("tabbed", "", "", "").replace(
        "|Property|Type|Description|\n|:---|:---|:---|\n",
        "| Property\t| Type\t| Description |\n| -------------\t|---------------\t \t| -------------|\n| size\t| Int64\t| Bytes. |\n",
    );
    // The same table without its outer pipes, as GFM allows.
    let bare = resource("bare", "", "", "").replace(
        "|Property|Type|Description|\n|:---|:---|:---|\n",
        "Property\t\t| Type\t| Description\n------------- \t\t|---------------| -------------\nsize\t\t| Int64\t| Bytes.\n",
    );
    let s = schema(&[("resources/tabbed.md", &page), ("resources/bare.md", &bare)]);
    assert_eq!(prop_type(&s, "microsoft.graph.tabbed", "size"), "Edm.Int64");
    assert_eq!(prop_type(&s, "microsoft.graph.bare", "size"), "Edm.Int64");
}

/// The pages sometimes link each other as the docs site publishes them: a site path or a full
/// URL without `.md`. Such a link names the same page (whatever its text says); a link to
/// another site does not.
#[test]
fn links_in_the_docs_sites_published_form_name_the_page() {
    let s = schema(&[
        (
            "resources/a.md",
            &resource(
                "a",
                "",
                "Inherits from [parent](https://learn.microsoft.com/en-us/graph/api/resources/b?view=graph-rest-1.0).",
                "|status|[details](https://docs.microsoft.com/graph/api/resources/responsestatus?view=graph-rest-1.0#properties)|x|\n\
                 |owner|[who](/graph/api/resources/identity?view=graph-rest-1.0)|x|\n\
                 |other|[status](https://example.com/graph/responsestatus.md)|x|\n",
            ),
        ),
        ("resources/b.md", &resource("b", "", "", "|size|Int64|x|\n")),
        (
            "resources/responsestatus.md",
            &resource("responseStatus", "", "", "|time|DateTimeOffset|x|\n"),
        ),
        (
            "resources/identity.md",
            &resource("identity", "", "", "|displayName|String|x|\n"),
        ),
    ]);
    assert_eq!(
        ty(&s, "microsoft.graph.a").base.as_deref(),
        Some("microsoft.graph.b")
    );
    for (prop, linked) in [
        ("status", "microsoft.graph.responseStatus"),
        ("owner", "microsoft.graph.identity"),
    ] {
        assert_eq!(prop_type(&s, "microsoft.graph.a", prop), linked);
    }
    assert_ne!(
        prop_type(&s, "microsoft.graph.a", "other"),
        "microsoft.graph.responseStatus"
    );
}

fn api(title: &str, syntax: &str, body: &str, response: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\nDoes it.\n\n\
## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{syntax}\n```\n\n## Request body\n{body}\n\n## Response\n\n{response}\n"
    )
}

#[test]
fn operations_are_classified_from_method_and_last_segment() {
    let user = resource(
        "user",
        ", \"keyProperty\": \"id\"",
        "",
        "|id|String|x|\n|messages|[message](message.md) collection|x|\n",
    );
    let s = schema(&[
        ("resources/user.md", &user),
        (
            "api/user-assignlicense.md",
            &api(
                "user: assignLicense",
                "POST /users/{id | userPrincipalName}/assignLicense",
                "|Parameter|Type|Description|\n|:--|:--|:--|\n|removeLicenses|Guid collection|x|\n",
                "If successful, this method returns `200 OK` response code and a [user](../resources/user.md) object.",
            ),
        ),
        (
            "api/user-reminderview.md",
            &api(
                "user: reminderView",
                "GET /users/{id}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)",
                "Do not supply a request body.",
                "Returns `200 OK` and a collection of [reminder](../resources/reminder.md) objects.",
            ),
        ),
        (
            "api/user-post-messages.md",
            &api(
                "Create message",
                "POST /users/{id}/messages",
                "Supply a [message](../resources/message.md).",
                "Returns `201 Created`.",
            ),
        ),
        (
            "api/user-delete.md",
            &api(
                "Delete user",
                "DELETE /users/{id}",
                "None.",
                "Returns `204 No Content`.",
            ),
        ),
        (
            "api/user-list.md",
            &api(
                "List users",
                "GET /users",
                "None.",
                "Returns `200 OK` and a collection of [user](../resources/user.md) objects.",
            ),
        ),
    ]);
    let assign = op(&s, "assignLicense");
    assert_eq!(assign.kind, OperationKind::Action);
    assert_eq!(assign.binding_type.as_deref(), Some("microsoft.graph.user"));
    assert_eq!(assign.parameters[0].ty.to_string(), "Collection(Edm.Guid)");
    let view = op(&s, "reminderView");
    assert_eq!(view.kind, OperationKind::Function);
    let params: Vec<_> = view.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(params, ["startDateTime", "endDateTime"]);
    assert_eq!(
        view.return_type.as_ref().unwrap().to_string(),
        "Collection(microsoft.graph.reminder)"
    );
    assert_eq!(op(&s, "user-post-messages").kind, OperationKind::Create);
    assert_eq!(op(&s, "user-post-messages").status, Some(201));
    assert_eq!(op(&s, "user-delete").kind, OperationKind::Delete);
    assert_eq!(op(&s, "user-list").kind, OperationKind::List);
}

#[test]
fn seed_page_alone_defines_its_body_type_and_synthesizes_linked_types_from_the_example() {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../docs-input/api/hostsecurityprofile-update.md"),
    )
    .unwrap();
    let s = schema(&[("api/hostsecurityprofile-update.md", &seed)]);
    let profile = ty(&s, "microsoft.graph.hostSecurityProfile");
    assert_eq!(profile.origin, Origin::BodyTable);
    assert_eq!(profile.properties.len(), 19);
    let types: Vec<(String, String)> = profile
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.ty.to_string()))
        .collect();
    assert!(types.contains(&("firstSeenDateTime".into(), "Edm.DateTimeOffset".into())));
    assert!(types.contains(&("isAzureAdJoined".into(), "Edm.Boolean".into())));
    assert!(types.contains(&(
        "logonUsers".into(),
        "Collection(microsoft.graph.logonUser)".into()
    )));
    assert!(types.contains(&("relatedHostIds".into(), "Collection(Edm.String)".into())));
    for (name, fields) in [
        (
            "microsoft.graph.logonUser",
            vec![
                "accountDomain",
                "accountName",
                "accountType",
                "logonId",
                "logonTypes",
            ],
        ),
        (
            "microsoft.graph.networkInterface",
            vec![
                "description",
                "ipV4Address",
                "ipV6Address",
                "localIpV6Address",
                "macAddress",
            ],
        ),
        (
            "microsoft.graph.securityVendorInformation",
            vec!["provider", "providerVersion", "subProvider", "vendor"],
        ),
    ] {
        let t = ty(&s, name);
        assert_eq!(t.origin, Origin::Examples, "{name}");
        let got: Vec<_> = t.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(got, fields, "{name}");
    }
    assert_eq!(
        prop_type(&s, "microsoft.graph.logonUser", "logonTypes"),
        "Collection(Edm.String)"
    );
}

#[test]
fn conflicting_examples_make_the_property_any_json_with_a_diagnostic() {
    let page = api(
        "Update widget",
        "PATCH /widgets/{id}",
        "Supply a [widget](../resources/widget.md).",
        "Returns `200 OK` and a [widget](../resources/widget.md) object.",
    ) + "\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"update_widget\" } -->\n```http\nPATCH https://graph.microsoft.com/v1.0/widgets/1\nContent-type: application/json\n\n{\"size\": 3, \"label\": \"a\"}\n```\n\
<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"size\": \"big\", \"label\": \"b\"}\n```\n\
<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"size\": 7, \"label\": \"c\"}\n```\n";
    let mut diags = Vec::new();
    let facts = vec![page_facts(read_text(
        "api/widget-update.md",
        &page,
        &mut diags,
    ))];
    let (s, diags) = schema::build(&facts);
    assert_eq!(
        prop_type(&s, "microsoft.graph.widget", "label"),
        "Edm.String"
    );
    assert_eq!(
        prop_type(&s, "microsoft.graph.widget", "size"),
        "Edm.Untyped"
    );
    let conflicts: Vec<_> = diags
        .iter()
        .filter(|d| d.code == docgen::diag::Code::Conflict)
        .collect();
    assert_eq!(conflicts.len(), 1, "reported once: {conflicts:#?}");
    let conflict = conflicts[0];
    assert!(
        conflict.message.contains("widget.size"),
        "{}",
        conflict.message
    );
    assert!(
        conflict.message.contains("api/widget-update.md:"),
        "{}",
        conflict.message
    );
}

#[test]
fn table_and_json_representation_disagreeing_keeps_the_table_with_a_note_naming_both() {
    let page = resource("clock", "", "", "|ticking|Boolean|x|\n").replace(
        "```json\n{}\n```",
        "```json\n{\"ticking\": \"String (timestamp)\"}\n```",
    );
    let mut diags = Vec::new();
    let facts = vec![page_facts(read_text(
        "resources/clock.md",
        &page,
        &mut diags,
    ))];
    let (s, diags) = schema::build(&facts);
    assert_eq!(
        prop_type(&s, "microsoft.graph.clock", "ticking"),
        "Edm.Boolean"
    );
    let note = diags
        .iter()
        .find(|d| d.code == docgen::diag::Code::Conflict)
        .expect("a conflict note");
    assert_eq!((note.file.as_str(), note.line), ("resources/clock.md", 16));
    assert!(
        note.message.contains("resources/clock.md:20"),
        "{}",
        note.message
    );
}

#[test]
fn pipe_placeholder_is_the_enum_with_exactly_those_values() {
    let enums =
        "---\ndoc_type: enumTypes\n---\n### riskLevel values\n\n|Member|\n|:--|\n|low|\n|high|\n";
    let page = resource("risk", "", "", "").replace(
        "```json\n{}\n```",
        "```json\n{\"level\": \"low | high\", \"mood\": \"calm | angry\"}\n```",
    );
    let s = schema(&[("resources/risk.md", &page), ("resources/enums.md", enums)]);
    assert_eq!(
        prop_type(&s, "microsoft.graph.risk", "level"),
        "microsoft.graph.riskLevel"
    );
    assert_eq!(prop_type(&s, "microsoft.graph.risk", "mood"), "Edm.String");
}

#[test]
fn a_member_listed_twice_is_one_member() {
    let enums = "---\ndoc_type: enumTypes\n---\n### modality values\n\n|Member|\n|:--|\n|audio|\n|video|\n\n### modality values\n\n|Member|\n|:--|\n|audio|\n|data|\n";
    let s = schema(&[("resources/enums.md", enums)]);
    assert_eq!(
        ty(&s, "microsoft.graph.modality").members,
        ["audio", "video", "data"]
    );
}

/// An operation page whose request and response examples show `widget` objects.
fn widget_examples(request: &str, response: &str) -> Schema {
    let page = api(
        "Update widget",
        "PATCH /widgets/{id}",
        "Supply a [widget](../resources/widget.md).",
        "Returns `200 OK` and a [widget](../resources/widget.md) object.",
    ) + &format!(
        "\n## Example\n<!-- {{ \"blockType\": \"request\", \"name\": \"update_widget\" }} -->\n```http\nPATCH https://graph.microsoft.com/v1.0/widgets/1\nContent-type: application/json\n\n{request}\n```\n\
<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{response}\n```\n"
    );
    schema(&[("api/widget-update.md", &page)])
}

#[test]
fn type_placeholders_in_examples_mean_their_type_as_the_values_they_replaced_did() {
    let placeholders = widget_examples(
        r#"{"on": "Boolean", "count": "Integer", "seen": "String (timestamp)", "tags": ["String"]}"#,
        r#"{"ratio": "Double", "took": "String (duration)", "id": "String (identifier)"}"#,
    );
    let values = widget_examples(
        r#"{"on": true, "count": 3, "seen": "2017-01-01T00:00:00Z", "tags": ["a"]}"#,
        r#"{"ratio": 0.5, "took": "PT1S", "id": "x1"}"#,
    );
    for prop in ["on", "count", "seen", "tags", "ratio", "id"] {
        assert_eq!(
            prop_type(&placeholders, "microsoft.graph.widget", prop),
            prop_type(&values, "microsoft.graph.widget", prop),
            "{prop}"
        );
    }
    assert_eq!(
        prop_type(&placeholders, "microsoft.graph.widget", "took"),
        "Edm.Duration"
    );
}

#[test]
fn a_value_beats_a_placeholder_and_look_alike_text_stays_a_string() {
    let s = widget_examples(
        r#"{"on": "Boolean", "kind": "Single", "note": "Long description", "word": "boolean"}"#,
        r#"{"on": "yes", "kind": "Single", "note": "Integer value", "word": "boolean"}"#,
    );
    let t = |p| prop_type(&s, "microsoft.graph.widget", p);
    assert_eq!(t("on"), "Edm.String", "a real string value wins");
    assert_eq!(t("kind"), "Edm.Single", "only placeholders: their type");
    assert_eq!(t("note"), "Edm.String");
    assert_eq!(t("word"), "Edm.String", "placeholders are case-sensitive");
    let mixed = widget_examples(r#"{"x": "Boolean"}"#, r#"{"x": "Integer"}"#);
    assert_eq!(
        prop_type(&mixed, "microsoft.graph.widget", "x"),
        "Edm.String",
        "placeholders that disagree are strings"
    );
}

#[test]
fn a_derived_json_representation_does_not_retype_what_the_base_table_declares() {
    // The derived page's table lists only its own property; its JSON lists the inherited one
    // too, with a placeholder (`10`) that would read as Int32 where the base says Double.
    let base = resource(
        "mediaQuality",
        "",
        "Media quality.",
        "|lossRate|Double|Loss rate in percent.|\n",
    );
    let derived = resource(
        "audioQuality",
        ", \"baseType\": \"microsoft.graph.mediaQuality\"",
        "Audio quality. Inherits from [mediaQuality](mediaquality.md).",
        "|codec|String|The codec.|\n",
    )
    .replace(
        "```json\n{}\n```",
        "```json\n{\"codec\": \"String\", \"lossRate\": 10, \"extra\": 10}\n```",
    );
    let s = schema(&[
        ("resources/mediaquality.md", &base),
        ("resources/audioquality.md", &derived),
    ]);
    let audio = ty(&s, "microsoft.graph.audioQuality");
    let own: Vec<&str> = audio.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(own, ["codec", "extra"], "lossRate stays the base's");
    assert_eq!(
        prop_type(&s, "microsoft.graph.mediaQuality", "lossRate"),
        "Edm.Double"
    );
    assert_eq!(
        prop_type(&s, "microsoft.graph.audioQuality", "extra"),
        "Edm.Int32"
    );
}

#[test]
fn request_names_come_from_the_page_and_no_page_renames_another_by_its_position() {
    // Stub pages share one example name; requests take their file's name, never a counter.
    let create = |path: &str| {
        api(
            "Create x",
            &format!("POST /{path}/x"),
            "",
            "<!-- { \"blockType\": \"request\", \"name\": \"create_x\" } -->\n```http\nPOST https://graph.microsoft.com/beta/a/x\n```\n",
        )
    };
    let a = create("a");
    let b = create("b");
    let d = create("d");
    let get = api(
        "Get y",
        "GET /y/{id}",
        "",
        "<!-- { \"blockType\": \"request\", \"name\": \"get_y\" } -->\n```http\nGET https://graph.microsoft.com/beta/y/1\n```\n",
    );
    let names = |pages: &[(&str, &str)]| -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = schema(pages)
            .operations
            .iter()
            .map(|o| {
                (
                    o.source.split(':').next().unwrap().to_owned(),
                    o.rust.clone(),
                )
            })
            .collect();
        out.sort();
        out
    };
    let two = names(&[
        ("api/a-post-x.md", &a),
        ("api/b-post-x.md", &b),
        ("api/y-get.md", &get),
    ]);
    assert_eq!(
        two,
        [
            ("api/a-post-x.md".to_owned(), "APostX".to_owned()),
            ("api/b-post-x.md".to_owned(), "BPostX".to_owned()),
            ("api/y-get.md".to_owned(), "YGet".to_owned()),
        ]
    );
    // A third page with the same example name, sorting first, renames none of the others.
    let three = names(&[
        ("api/0-post-x.md", &d),
        ("api/a-post-x.md", &a),
        ("api/b-post-x.md", &b),
        ("api/y-get.md", &get),
    ]);
    assert_eq!(
        three[0].1, "Type0PostX",
        "a leading digit gets a prefix: {three:?}"
    );
    assert_eq!(three[1..], two[..]);
}

#[test]
fn doc_placeholders_in_examples_are_reported_at_their_line_and_replaced_in_the_test() {
    let json = r#"{
  "seen": "String (timestamp)",
  "id": "Guid",
  "size": 1024,
  "note": "String",
  "ok": true,
  "at": "2018-10-04T00: 58: 45.340Z",
  "parts": [
    {"made": "2020-01-01"},
    {"made": "Date"}
  ],
  "loose": "Guid",
  "key": {"@odata.type": "Edm.Binary"}
}"#;
    let widget = resource(
        "widget",
        "",
        "A widget.",
        "|seen|DateTimeOffset|When.|\n|id|Guid|Id.|\n|size|Byte|Size.|\n|note|String|Note.|\n\
|ok|Boolean|Ok.|\n|at|DateTimeOffset|At.|\n|parts|[part](part.md) collection|Parts.|\n|loose|[anything](anything.md)|Any JSON.|\n|key|Binary|A key.|\n",
    )
    .replace("```json\n{}\n```", &format!("```json\n{json}\n```"));
    let part = resource("part", "", "A part.", "|made|Date|Made on.|\n");
    let anything = resource("anything", "", "Any JSON.", "");
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("resources/part.md", &part),
        ("resources/anything.md", &anything),
    ]);
    let example = widget_example(&s);
    let tested: serde_json::Value = serde_json::from_str(&example.json).unwrap();
    assert_eq!(
        tested,
        serde_json::json!({
            "seen": "0001-01-01T00:00:00Z",
            "id": "00000000-0000-0000-0000-000000000000",
            "size": 0,
            "note": "String",
            "ok": true,
            "at": "2018-10-04T00: 58: 45.340Z",
            "parts": [{"made": "2020-01-01"}, {"made": "0001-01-01"}],
            "loose": "Guid",
            "key": ""
        }),
        "placeholders replaced; a string, a real value, a bad value that is not a placeholder \
         and any JSON kept"
    );
    assert!(
        !example.exact_lines,
        "the test's JSON is no longer the page's text"
    );
    let line_of = |needle: &str| {
        widget
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap()
    };
    let found: Vec<(&str, usize, usize)> = diags
        .iter()
        .filter(|d| d.code == Code::ExamplePlaceholder)
        .map(|d| (d.file.as_str(), d.line, d.col))
        .collect();
    assert_eq!(
        found,
        [
            ("resources/widget.md", line_of("\"String (timestamp)\""), 11),
            ("resources/widget.md", line_of("\"Guid\""), 9),
            ("resources/widget.md", line_of("1024"), 11),
            ("resources/widget.md", line_of("\"Date\""), 14),
            ("resources/widget.md", line_of("\"Edm.Binary\""), 10),
        ]
    );
    assert_eq!(
        (
            s.example_counts.with_placeholders,
            s.example_counts.placeholders
        ),
        (1, 5)
    );
}

#[test]
fn an_action_parameter_takes_the_spelling_its_request_example_sends() {
    let page = |example: &str| {
        api(
            "table: add",
            "POST /workbook/tables/add",
            "|Parameter|Type|Description|\n|:--|:--|:--|\n|Address|String|Range address.|\n|hasHeaders|Boolean|x|\n",
            "Returns `201 Created`.",
        ) + &format!(
            "\n## Example\n<!-- {{ \"blockType\": \"request\", \"name\": \"add_table\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/workbook/tables/add\nContent-type: application/json\n\n{example}\n```\n"
        )
    };
    let names = |example: &str| {
        let (s, diags) = schema_and_diagnostics(&[("api/table-add.md", &page(example))]);
        let params: Vec<String> = s.operations[0]
            .parameters
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let notes = diags.iter().filter(|d| d.code == Code::Conflict).count();
        (params, notes)
    };
    assert_eq!(
        names(r#"{"address": "A1:D8", "hasHeaders": false}"#),
        (vec!["address".to_owned(), "hasHeaders".to_owned()], 1),
        "the wire name is the example's, with a note"
    );
    assert_eq!(
        names(r#"{"hasHeaders": false}"#),
        (vec!["Address".to_owned(), "hasHeaders".to_owned()], 0),
        "without an example of it, the table's"
    );
}

#[test]
fn an_edm_type_in_a_response_annotation_is_a_primitive_in_any_case_and_by_its_bare_name() {
    let page = |annotation: &str, body: &str| {
        api(
            "user: checkMemberGroups",
            "POST /users/{id}/checkMemberGroups",
            "|Parameter|Type|Description|\n|:--|:--|:--|\n|groupIds|String collection|x|\n",
            "Returns `200 OK`.",
        ) + &format!(
            "\n## Example\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"{annotation}\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        )
    };
    for (annotation, body, expected) in [
        (
            "collection(edm.string)",
            r#"{"value": ["Check Member Groups value"]}"#,
            "Collection(Edm.String)",
        ),
        ("Edm.String", r#"{"value": "https://x"}"#, "Edm.String"),
        ("edm.int32", r#"{"value": 3}"#, "Edm.Int32"),
        // Hand-edited pages write a primitive's bare name (`checkmembergroups`, `get content`).
        (
            "Collection(string)",
            r#"{"value": ["Check Member Groups value"]}"#,
            "Collection(Edm.String)",
        ),
        ("String", r#"{"value": "x"}"#, "Edm.String"),
        ("stream", "", "Edm.Stream"),
    ] {
        let s = schema(&[("api/user-checkmembergroups.md", &page(annotation, body))]);
        let op = op(&s, "checkMemberGroups");
        assert_eq!(
            op.return_type.as_ref().map(ToString::to_string).as_deref(),
            Some(expected),
            "{annotation}"
        );
        assert!(
            s.types
                .iter()
                .all(|t| !t.name.to_lowercase().starts_with("edm.")),
            "{annotation}: no type is made up for an Edm primitive: {:?}",
            s.types.iter().map(|t| &t.name).collect::<Vec<_>>()
        );
        // No struct example: one primitive (no stream), or a collection of them, is read as the
        // request's `Single` or `Page` of it.
        let examples: Vec<(bool, bool, &str)> = s
            .examples
            .iter()
            .map(|e| (e.scalar, e.collection, e.ty.as_str()))
            .collect();
        let (edm, collection) = match expected.strip_prefix("Collection(") {
            Some(inner) => (inner.trim_end_matches(')'), true),
            None => (expected, false),
        };
        let scalar = edm
            .strip_prefix("Edm.")
            .filter(|p| *p != "Stream")
            .map(|p| (true, collection, p));
        assert_eq!(examples, Vec::from_iter(scalar), "{annotation}");
    }
}

#[test]
fn a_primitive_the_response_section_names_is_the_return_type() {
    // The Intune pages' shape: no link and no annotation, Edm's name in the prose.
    let page = |prose: &str, body: &str| {
        api(
            "deviceManagement: getWidgetNames",
            "GET /deviceManagement/getWidgetNames",
            "Do not supply a request body for this method.",
            &format!(
                "If successful, this function returns a `200 OK` response code and {prose} in the response body."
            ),
        ) + &format!(
            "\n## Example\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{body}\n```\n"
        )
    };
    for (prose, body, expected) in [
        (
            "a String collection",
            r#"{"value": ["a"]}"#,
            Some("Collection(Edm.String)"),
        ),
        ("a Stream", r#"{"value": "Z2V0"}"#, Some("Edm.Stream")),
        ("a Int32", r#"{"value": 3}"#, Some("Edm.Int32")),
        ("a Boolean", r#"{"value": true}"#, Some("Edm.Boolean")),
        // Prose, not a type: nothing is made of it.
        ("a string of names", r#"{"value": "a"}"#, None),
        ("the String value", r#"{"value": "a"}"#, None),
    ] {
        let s = schema(&[("api/devicemanagement-getwidgetnames.md", &page(prose, body))]);
        let op = &s.operations[0];
        assert_eq!(
            op.return_type.as_ref().map(ToString::to_string).as_deref(),
            expected,
            "{prose}"
        );
    }
}

#[test]
fn a_value_array_is_a_collection_unless_the_type_has_a_value_property() {
    let page = |name: &str, rows: &str, json: &str| {
        resource(name, "", "A type.", rows)
            .replace("```json\n{}\n```", &format!("```json\n{json}\n```"))
    };
    let own = page(
        "extendedProperty",
        "|id|String|x|\n|value|String collection|The values.|\n",
        r##"{"@odata.type": "#microsoft.graph.extendedProperty", "value": ["a", "b"]}"##,
    );
    let plain = page(
        "widget",
        "|name|String|x|\n",
        r#"{"value": [{"name": "a"}], "@odata.nextLink": "https://x"}"#,
    );
    let s = schema(&[
        ("resources/extendedproperty.md", &own),
        ("resources/widget.md", &plain),
    ]);
    let collection = |ty: &str| {
        s.examples
            .iter()
            .find(|e| e.ty == ty)
            .unwrap_or_else(|| panic!("no example of {ty}"))
            .collection
    };
    assert!(
        !collection("microsoft.graph.extendedProperty"),
        "one object with its own `value`"
    );
    assert!(collection("microsoft.graph.widget"), "a page of widgets");
}

/// An enum page in the v1.0 style: `## Members` with a `Member|Value|Description` table.
fn enum_page(name: &str, rows: &str) -> String {
    format!(
        "---\ntitle: \"{name} enum type\"\ndoc_type: enumPageType\n---\n\n# {name} enum type\n\n\
Namespace: microsoft.graph\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n{rows}\n"
    )
}

#[test]
fn a_value_column_of_bits_or_a_no_flags_member_makes_a_flags_enum_and_a_count_does_not() {
    let s = schema(&[
        (
            "resources/gadgetparts.md",
            &enum_page(
                "gadgetParts",
                "|none|0|Nothing.|\n|knobs|1|x|\n|dials|2|x|\n|levers|4|x|\n",
            ),
        ),
        (
            "resources/gadgetkinds.md",
            &enum_page("gadgetKinds", "|none|0|No flags set.|\n|small|1|x|\n"),
        ),
        (
            "resources/gadgetstate.md",
            &enum_page("gadgetState", "|off|0|x|\n|on|1|x|\n|broken|2|x|\n"),
        ),
        (
            "resources/gadgetmode.md",
            &enum_page("gadgetMode", "|a|1|x|\n|b|2|x|\n|c|3|x|\n|d|4|x|\n"),
        ),
    ]);
    let flags = |n: &str| ty(&s, &format!("microsoft.graph.{n}")).flags;
    assert!(flags("gadgetParts"), "1, 2, 4 skips 3: bits");
    assert!(flags("gadgetKinds"), "a member says no flags are set");
    assert!(!flags("gadgetState"), "0, 1, 2 is a count");
    assert!(!flags("gadgetMode"), "3 is no power of two");
}

/// A page naming the root entity as its base, so the pages have a root entity type.
fn derives_from_entity() -> (&'static str, String) {
    (
        "resources/part.md",
        resource(
            "part",
            ", \"baseType\": \"microsoft.graph.entity\"",
            "",
            "|name|String|x|\n",
        ),
    )
}

#[test]
fn a_key_annotation_nothing_bears_out_does_not_make_an_entity() {
    // Copied annotation: no `id`, no base, no methods.
    let settings = resource(
        "widgetSettings",
        ", \"keyProperty\": \"id\"",
        "",
        "|enabled|Boolean|x|\n",
    );
    // The key is inherited and left out of the table, but the type has methods.
    let methods = "## Methods\n\n|Method|Return type|Description|\n|:--|:--|:--|\n|[Get](../api/widgetpolicy-get.md)|[widgetPolicy](widgetpolicy.md)|Get it.|\n";
    let policy = resource(
        "widgetPolicy",
        ", \"keyProperty\": \"id\"",
        methods,
        "|enabled|Boolean|x|\n",
    );
    let part = derives_from_entity();
    let s = schema(&[
        ("resources/entity.md", ENTITY),
        (part.0, &part.1),
        ("resources/widgetsettings.md", &settings),
        ("resources/widgetpolicy.md", &policy),
    ]);
    let settings = ty(&s, "microsoft.graph.widgetSettings");
    assert_eq!(
        (settings.kind, settings.base.as_deref()),
        (TypeKind::Complex, None)
    );
    let policy = ty(&s, "microsoft.graph.widgetPolicy");
    assert_eq!(
        (policy.kind, policy.base.as_deref()),
        (TypeKind::Entity, Some("microsoft.graph.entity"))
    );
}

#[test]
fn relationship_targets_types_other_pages_list_and_self_addressed_types_are_entities() {
    let relationships = "## Relationships\n\n|Relationship|Type|Description|\n|:--|:--|:--|\n\
|receipts|[widgetReceipt](widgetreceipt.md) collection|x|\n\n\
## Methods\n\n|Method|Return type|Description|\n|:--|:--|:--|\n\
|[List labels](../api/widget-list-labels.md)|[widgetLabel](widgetlabel.md) collection|x|\n\
|[Create upload session](../api/widget-createuploadsession.md)|[widgetUpload](widgetupload.md)|x|\n";
    let owner = resource(
        "widget",
        ", \"keyProperty\": \"id\"",
        relationships,
        "|id|String|x|\n",
    );
    let receipt = resource("widgetReceipt", "", "", "|when|DateTimeOffset|x|\n");
    let label = resource("widgetLabel", "", "", "|id|String|x|\n|text|String|x|\n");
    let upload = resource("widgetUpload", "", "", "|id|String|x|\n|url|String|x|\n");
    // No `id`: one is addressed by pages named after it, the other through its owner's page.
    let config = resource(
        "widgetConfig",
        "",
        "## Methods\n\n|Method|Return type|Description|\n|:--|:--|:--|\n|[Get config](../api/widgetconfig-get.md)|[widgetConfig](widgetconfig.md)|x|\n",
        "|mode|String|x|\n",
    );
    let mailbox = resource(
        "widgetMailbox",
        "",
        "## Methods\n\n|Method|Return type|Description|\n|:--|:--|:--|\n|[Get mailbox](../api/widget-get-mailbox.md)|[widgetMailbox](widgetmailbox.md)|x|\n",
        "|size|Int32|x|\n",
    );
    let part = derives_from_entity();
    let s = schema(&[
        ("resources/entity.md", ENTITY),
        (part.0, &part.1),
        ("resources/widget.md", &owner),
        ("resources/widgetreceipt.md", &receipt),
        ("resources/widgetlabel.md", &label),
        ("resources/widgetupload.md", &upload),
        ("resources/widgetconfig.md", &config),
        ("resources/widgetmailbox.md", &mailbox),
    ]);
    let kind_base = |n: &str| {
        let t = ty(&s, &format!("microsoft.graph.{n}"));
        (t.kind, t.base.clone())
    };
    let entity = Some("microsoft.graph.entity".to_owned());
    assert_eq!(
        kind_base("widgetReceipt"),
        (TypeKind::Entity, entity.clone())
    );
    assert_eq!(kind_base("widgetLabel"), (TypeKind::Entity, entity.clone()));
    assert_eq!(kind_base("widgetConfig"), (TypeKind::Entity, entity));
    assert_eq!(kind_base("widgetMailbox"), (TypeKind::Complex, None));
    // An action's result (`Create upload session`, on the action's own page) is not addressed
    // by a path of its own, `id` or not.
    assert_eq!(kind_base("widgetUpload"), (TypeKind::Complex, None));
}

#[test]
fn derived_types_lists_subclass_wording_and_the_nearer_of_two_stated_bases_give_the_base() {
    let listing = "## Derived types\n\n|Type|Description|\n|:--|:--|\n\
|[roundGear](roundgear.md)|x|\n\nThe other derived types are [flatGear](flatgear.md).\n";
    let gear = resource("gear", "", listing, "|teeth|Int32|x|\n");
    let round = resource("roundGear", "", "", "|radius|Double|x|\n");
    let spur = resource(
        "spurGear",
        "",
        "A subclass of [gear](gear.md) with straight teeth.",
        "|pitch|Double|x|\n",
    );
    let helical = resource(
        "helicalGear",
        "",
        "Inherits from base class [gear](gear.md).",
        "|angle|Double|x|\n",
    );
    let flat = resource("flatGear", "", "", "|width|Double|x|\n");
    let part = derives_from_entity();
    let kit = resource(
        "partKit",
        ", \"baseType\": \"microsoft.graph.entity\"",
        "",
        "|count|Int32|x|\n",
    );
    // The annotation names the root, the text a type that derives from it; the link to `part`
    // before it is a prefix of the base's name, not the base.
    let bolt = resource(
        "bolt",
        ", \"baseType\": \"microsoft.graph.entity\"",
        "Fastens a [part](part.md). This type inherits from [partKit](partkit.md).",
        "|size|Int32|x|\n",
    );
    let s = schema(&[
        ("resources/entity.md", ENTITY),
        ("resources/gear.md", &gear),
        ("resources/roundgear.md", &round),
        ("resources/spurgear.md", &spur),
        ("resources/helicalgear.md", &helical),
        ("resources/flatgear.md", &flat),
        (part.0, &part.1),
        ("resources/partkit.md", &kit),
        ("resources/bolt.md", &bolt),
    ]);
    let base = |n: &str| ty(&s, &format!("microsoft.graph.{n}")).base.clone();
    assert_eq!(base("roundGear").as_deref(), Some("microsoft.graph.gear"));
    assert_eq!(base("flatGear").as_deref(), Some("microsoft.graph.gear"));
    assert_eq!(base("spurGear").as_deref(), Some("microsoft.graph.gear"));
    assert_eq!(base("helicalGear").as_deref(), Some("microsoft.graph.gear"));
    assert_eq!(base("gear"), None);
    assert_eq!(base("bolt").as_deref(), Some("microsoft.graph.partKit"));
}

#[test]
fn possible_values_without_the_unknown_future_value_sentinel_still_name_the_enum() {
    let enums = "---\ndoc_type: enumTypes\n---\n### gearState values\n\n|Member|\n|:--|\n|idle|\n|turning|\n|unknownFutureValue|\n\n\
### gearSize values\n\n|Member|\n|:--|\n|small|\n|large|\n|huge|\n|unknownFutureValue|\n";
    let rows = "|state|String|Possible values are: `idle`, `turning`.|\n\
|size|String|Possible values are: `small`, `large`.|\n";
    let s = schema(&[
        ("resources/gear.md", &resource("gear", "", "", rows)),
        ("resources/enums.md", enums),
    ]);
    assert_eq!(
        prop_type(&s, "microsoft.graph.gear", "state"),
        "microsoft.graph.gearState"
    );
    // Missing a real member (`huge`), not just the sentinel: not that enum.
    assert_eq!(prop_type(&s, "microsoft.graph.gear", "size"), "Edm.String");
}

/// The widget's JSON representation as its example test reads it.
fn widget_example(s: &Schema) -> &docgen::schema::Example {
    s.examples
        .iter()
        .find(|e| e.ty == "microsoft.graph.widget")
        .expect("the widget's representation is an example")
}

#[test]
fn an_enum_named_by_an_odata_type_object_or_an_empty_object_is_a_placeholder_for_its_first_member()
{
    let enums = "---\ndoc_type: enumTypes\n---\n### userRole values\n\n|Member|\n|:--|\n|Owner|\n|Reader|\n";
    let widget = resource(
        "widget",
        "",
        "A widget.",
        "|role|userRole|The role.|\n|other|userRole|Another role.|\n|stub|userRole|A third.|\n\
|kept|[gadget](gadget.md)|A struct.|\n",
    )
    .replace(
        "```json\n{}\n```",
        "```json\n{\"role\": {\"@odata.type\": \"#microsoft.graph.userRole\"}, \"other\": {\"@odata.type\": \"#microsoft.graph.size\"}, \"stub\": {}, \"kept\": {}}\n```",
    );
    let gadget = resource("gadget", "", "A gadget.", "|size|Int32|The size.|\n");
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/enums.md", enums),
        ("resources/widget.md", &widget),
        ("resources/gadget.md", &gadget),
    ]);
    let example = widget_example(&s);
    let tested: serde_json::Value = serde_json::from_str(&example.json).unwrap();
    // Only the object that names the property's own enum, or says nothing at all, stands for a
    // member; an empty struct is a struct's value.
    assert_eq!(
        tested,
        serde_json::json!({
            "role": "Owner",
            "other": {"@odata.type": "#microsoft.graph.size"},
            "stub": "Owner",
            "kept": {},
        })
    );
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.code == Code::ExamplePlaceholder)
            .count(),
        2
    );
}

#[test]
fn a_collection_type_written_where_a_collection_belongs_is_a_placeholder() {
    // OData's spelling of the property's own type, in either case, stands for the collection
    // (`"certificateList": "Collection(microsoft.graph.pkcs12CertificateInformation)"`); its
    // test reads an empty one. A string that only mentions a collection stays, and fails.
    let widget = resource(
        "widget",
        "",
        "A widget.",
        "|parts|[gadget](gadget.md) collection|The parts.|\n|tags|String collection|The tags.|\n\
|ids|Guid collection|The ids.|\n|notes|String collection|The notes.|\n|size|Int32|The size.|\n",
    )
    .replace(
        "```json\n{}\n```",
        "```json\n{\"parts\": \"Collection(microsoft.graph.gadget)\", \"tags\": \"collection(String)\", \"ids\": \"Collection(Edm.Guid)\", \"notes\": \"a collection (of notes)\", \"size\": \"Int32\"}\n```",
    );
    let gadget = resource("gadget", "", "A gadget.", "|size|Int32|The size.|\n");
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("resources/gadget.md", &gadget),
    ]);
    let tested: serde_json::Value = serde_json::from_str(&widget_example(&s).json).unwrap();
    assert_eq!(
        tested,
        serde_json::json!({
            "parts": [],
            "tags": [],
            "ids": [],
            "notes": "a collection (of notes)",
            "size": 0,
        })
    );
    let messages: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == Code::ExamplePlaceholder)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    // Each says what belongs there, with its article.
    assert!(
        messages[0].ends_with("`parts` the placeholder \"Collection(microsoft.graph.gadget)\" where a collection belongs"),
        "{messages:#?}"
    );
    assert!(
        messages[3].ends_with("where an Int32 belongs"),
        "{messages:#?}"
    );
}

#[test]
fn a_value_shown_where_another_type_is_declared_derives_from_the_nearest_such_type() {
    // `holder` is declared a `party`, `member` a `memberParty` (which says it derives from
    // `party`), `team` a `crew`; the example's values say what they are with `@odata.type`.
    // The ticket is open: its documented properties are still read.
    let ticket = resource(
        "ticket",
        ", \"keyProperty\": \"id\", \"openType\": true",
        "",
        "|id|String|x|\n|holder|[party](party.md)|x|\n|member|[memberParty](memberparty.md)|x|\n\
|team|[crew](crew.md)|x|\n",
    );
    let party = resource("party", "", "", "|displayName|String|x|\n");
    let member = resource(
        "memberParty",
        "",
        "Inherits from [party](party.md).",
        "|displayName|String|x|\n|memberId|String|x|\n",
    );
    let crew = resource("crew", "", "", "|size|Int32|x|\n");
    let person = resource(
        "personParty",
        "",
        "",
        "|displayName|String|x|\n|email|String|x|\n",
    );
    let vip = resource(
        "vipParty",
        "",
        "",
        "|displayName|String|x|\n|memberId|String|x|\n|level|Int32|x|\n",
    );
    let team = resource(
        "teamParty",
        "",
        "",
        "|displayName|String|x|\n|size|Int32|x|\n",
    );
    let place = resource("placeParty", "", "", "|address|String|x|\n");
    let badge = resource(
        "badgeParty",
        "",
        "Inherits from [crew](crew.md).",
        "|displayName|String|x|\n|size|Int32|x|\n",
    );
    let response = |body: &str| {
        format!(
            "<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.ticket\" }} -->\n\
```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        )
    };
    let get = api(
        "Get ticket",
        "GET /tickets/{id}",
        "None.",
        "Returns `200 OK` and a [ticket](../resources/ticket.md) object.",
    ) + "\n## Examples\n"
        + &[
            r##"{"id": "1", "holder": {"@odata.type": "#microsoft.graph.personParty", "displayName": "A", "email": "a@b.c"}}"##,
            r##"{"id": "2", "holder": {"@odata.type": "#microsoft.graph.vipParty", "displayName": "B"}}"##,
            r##"{"id": "3", "member": {"@odata.type": "#microsoft.graph.vipParty", "memberId": "7"}}"##,
            r##"{"id": "4", "holder": {"@odata.type": "#microsoft.graph.teamParty", "displayName": "C"}}"##,
            r##"{"id": "5", "team": {"@odata.type": "#microsoft.graph.teamParty", "size": 3}}"##,
            r##"{"id": "6", "holder": {"@odata.type": "#microsoft.graph.placeParty", "address": "D"}}"##,
            r##"{"id": "7", "holder": {"@odata.type": "#microsoft.graph.badgeParty", "displayName": "E"}}"##,
        ]
        .map(response)
        .concat();
    let s = schema(&[
        ("resources/entity.md", ENTITY),
        ("resources/ticket.md", &ticket),
        ("resources/party.md", &party),
        ("resources/memberparty.md", &member),
        ("resources/crew.md", &crew),
        ("resources/personparty.md", &person),
        ("resources/vipparty.md", &vip),
        ("resources/teamparty.md", &team),
        ("resources/placeparty.md", &place),
        ("resources/badgeparty.md", &badge),
        ("api/ticket-get.md", &get),
    ]);
    let base = |n: &str| ty(&s, &format!("microsoft.graph.{n}")).base.clone();
    let graph = |n: &str| Some(format!("microsoft.graph.{n}"));
    // Shown only where a `party` is declared.
    assert_eq!(base("personParty"), graph("party"));
    // Shown where a `party` and where a `memberParty` is: the nearer.
    assert_eq!(base("vipParty"), graph("memberParty"));
    // Shown where a `party` and where a `crew` is, two unrelated types: no guess.
    assert_eq!(base("teamParty"), None);
    // It lacks what a `party` declares (`displayName`): not derived from it (the page's error).
    assert_eq!(base("placeParty"), None);
    // Its page states a base: that wins.
    assert_eq!(base("badgeParty"), graph("crew"));
    assert_eq!(base("party"), None);
}

/// The schema of `pages` with a session whose `tasks` are `task`s (an entity: a relationship
/// targets it), read at `/sessions/{id}`, and two types no page gives a base, with all a `task`
/// declares and more.
fn session_schema(pages: Vec<(&'static str, String)>) -> Schema {
    let session = resource(
        "session",
        ", \"keyProperty\": \"id\"",
        "",
        "|id|String|x|\n\n## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n\
|tasks|[task](task.md) collection|x|\n",
    );
    let task = resource("task", "", "", "|id|String|x|\n|status|String|x|\n");
    let print = resource(
        "printTask",
        "",
        "",
        "|id|String|x|\n|status|String|x|\n|copies|Int32|x|\n",
    );
    let scan = resource(
        "scanTask",
        "",
        "",
        "|id|String|x|\n|status|String|x|\n|pages|Int32|x|\n",
    );
    let get = api(
        "Get session",
        "GET /sessions/{id}",
        "None.",
        "Returns `200 OK` and a [session](../resources/session.md) object.",
    );
    let mut all = vec![
        ("resources/entity.md", ENTITY.to_owned()),
        ("resources/session.md", session),
        ("resources/task.md", task),
        ("resources/printtask.md", print),
        ("resources/scantask.md", scan),
        ("api/session-get.md", get),
    ];
    all.extend(pages);
    let all: Vec<(&str, &str)> = all.iter().map(|(p, t)| (*p, t.as_str())).collect();
    schema(&all)
}

/// An action's page with one response example, annotated `annotated`, with `headers`.
fn action_page(name: &str, response: &str, annotated: &str, headers: &str) -> String {
    api(
        name,
        &format!("POST /sessions/{{id}}/{name}"),
        "None.",
        response,
    ) + &format!(
        "\n## Examples\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{annotated}\" }} -->\n\
```http\nHTTP/1.1 200 OK\nContent-type: application/json\n{headers}\n{{\"id\": \"2\", \"status\": \"done\"}}\n```\n"
    )
}

#[test]
fn a_response_annotated_with_another_type_than_its_section_links_derives_from_the_linked_one() {
    // The Response section says a `task`, the example's annotation a `scanTask`: the value
    // stands where a `task` is declared.
    let scan = action_page(
        "scan",
        "Returns `200 OK` and the [task](../resources/task.md) created.",
        "scanTask",
        "",
    );
    let s = session_schema(vec![("api/session-scan.md", scan)]);
    let scan = ty(&s, "microsoft.graph.scanTask");
    assert_eq!(scan.base.as_deref(), Some("microsoft.graph.task"));
    // Derived from an entity, it is one.
    assert_eq!(scan.kind, TypeKind::Entity);
    // No response places the other one: no base.
    let print = ty(&s, "microsoft.graph.printTask");
    assert_eq!(
        (print.base.as_deref(), print.kind),
        (None, TypeKind::Complex)
    );
}

#[test]
fn a_response_at_the_location_of_a_navigation_derives_from_its_type() {
    // The Location header addresses one of a session's `tasks`; the response is a `printTask`.
    let print = action_page(
        "print",
        "Returns `200 OK` and a Location header with a URI to the operation created.",
        "printTask",
        "Location: https://graph.microsoft.com/v1.0/sessions/57dab8b1-894c-409a-b240-bd8beae78896/tasks/0fe0623f-d628-42ed-b4bd-8ac290072cc5\n",
    );
    // A Location no documented navigation reaches says nothing.
    let scan = action_page(
        "scan",
        "Returns `200 OK`.",
        "scanTask",
        "Location: https://graph.microsoft.com/v1.0/sessions/57dab8b1-894c-409a-b240-bd8beae78896/jobs/0fe0623f-d628-42ed-b4bd-8ac290072cc5\n",
    );
    let s = session_schema(vec![
        ("api/session-print.md", print),
        ("api/session-scan.md", scan),
    ]);
    let print = ty(&s, "microsoft.graph.printTask");
    assert_eq!(print.base.as_deref(), Some("microsoft.graph.task"));
    assert_eq!(print.kind, TypeKind::Entity);
    let scan = ty(&s, "microsoft.graph.scanTask");
    assert_eq!((scan.base.as_deref(), scan.kind), (None, TypeKind::Complex));
}

#[test]
fn a_response_another_page_lists_as_a_methods_return_type_derives_from_it() {
    // A Methods row says the scan returns a `task`, another the `scanTask` the page's own
    // annotation and Response section name: a `scanTask` stands where a `task` is declared.
    let scan = action_page(
        "scan",
        "Returns `200 OK` and a [scanTask](../resources/scantask.md) object.",
        "scanTask",
        "",
    );
    let methods = |returns: &str| {
        format!(
            "## Methods\n\n|Method|Return type|Description|\n|:--|:--|:--|\n\
|[Scan](../api/session-scan.md)|[{returns}]({}.md)|x|\n",
            returns.to_lowercase()
        )
    };
    let queue = resource("queue", "", &methods("task"), "|size|Int32|x|\n");
    let desk = resource("desk", "", &methods("scanTask"), "|size|Int32|x|\n");
    let s = session_schema(vec![
        ("api/session-scan.md", scan),
        ("resources/queue.md", queue),
        ("resources/desk.md", desk),
    ]);
    let scan = ty(&s, "microsoft.graph.scanTask");
    assert_eq!(scan.base.as_deref(), Some("microsoft.graph.task"));
    assert_eq!(scan.kind, TypeKind::Entity);
}

/// A type cell naming alternatives (`[a](a.md) or [b](b.md)`) types the property as their
/// nearest common base, the one type OData can declare for it; alternatives that share no base
/// short of the root entity leave the first, and so does a cell of prose around its links.
#[test]
fn a_type_cell_naming_alternatives_is_their_common_base() {
    let derived = |name: &str, base: &str| {
        resource(
            name,
            "",
            &format!("Inherits from [{base}]({}.md).", base.to_lowercase()),
            "|x|String|x|\n",
        )
    };
    let s = schema(&[
        ("resources/entity.md", ENTITY),
        (
            "resources/mediaconfig.md",
            &resource("mediaConfig", "", "", "|blob|String|x|\n"),
        ),
        (
            "resources/apphosted.md",
            &derived("appHosted", "mediaConfig"),
        ),
        (
            "resources/servicehosted.md",
            &derived("serviceHosted", "mediaConfig"),
        ),
        ("resources/user.md", &derived("user", "entity")),
        ("resources/group.md", &derived("group", "entity")),
        (
            "resources/call.md",
            &resource(
                "call",
                "",
                "",
                "|mediaConfig|[appHosted](apphosted.md) or [serviceHosted](servicehosted.md)|x|\n\
                 |configs|[appHosted](apphosted.md), [serviceHosted](servicehosted.md) collection|x|\n\
                 |owner|[user](user.md) or [group](group.md)|x|\n\
                 |similar|[appHosted](apphosted.md) like [serviceHosted](servicehosted.md)|x|\n",
            ),
        ),
        (
            "api/call-answer.md",
            &api(
                "call: answer",
                "POST /calls/{id}/answer",
                "|Parameter|Type|Description|\n|:--|:--|:--|\n\
                 |mediaConfig|[appHosted](../resources/apphosted.md) or [serviceHosted](../resources/servicehosted.md)|x|\n",
                "Returns `202 Accepted`.",
            ),
        ),
    ]);
    // An action's parameter, the same way.
    assert_eq!(
        op(&s, "answer").parameters[0].ty.to_string(),
        "microsoft.graph.mediaConfig"
    );
    let types: Vec<(&str, String)> = ["mediaConfig", "configs", "owner", "similar"]
        .into_iter()
        .map(|p| (p, prop_type(&s, "microsoft.graph.call", p)))
        .collect();
    assert_eq!(
        types,
        [
            ("mediaConfig", "microsoft.graph.mediaConfig".to_owned()),
            (
                "configs",
                "Collection(microsoft.graph.mediaConfig)".to_owned()
            ),
            // Only the root entity in common: the first stays.
            ("owner", "microsoft.graph.user".to_owned()),
            // Prose between the links: not alternatives.
            ("similar", "microsoft.graph.appHosted".to_owned()),
        ]
    );
}

#[test]
fn names_of_the_kinds_a_struct_may_be_are_a_placeholder_also_below_a_foreign_odata_type() {
    let json = r##"{
  "@odata.type": "#Vendor.Services.Gizmo",
  "holder": "bolt or nut entity",
  "label": "a bolt",
  "extra": "nut object"
}"##;
    let widget = resource(
        "widget",
        "",
        "A widget.",
        "|holder|[part](part.md)|Held.|\n|label|[part](part.md)|Labelled.|\n",
    )
    .replace("```json\n{}\n```", &format!("```json\n{json}\n```"));
    let gizmo = resource(
        "gizmo",
        "",
        "Inherits from [widget](widget.md).",
        "|extra|[part](part.md)|Extra.|\n",
    );
    let part = resource("part", "", "A part.", "|size|Int32|Size.|\n");
    let bolt = resource(
        "bolt",
        "",
        "Inherits from [part](part.md).",
        "|pitch|Int32|x|\n",
    );
    let nut = resource(
        "nut",
        "",
        "Inherits from [part](part.md).",
        "|width|Int32|x|\n",
    );
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("resources/gizmo.md", &gizmo),
        ("resources/part.md", &part),
        ("resources/bolt.md", &bolt),
        ("resources/nut.md", &nut),
    ]);
    let tested: serde_json::Value = serde_json::from_str(&widget_example(&s).json).unwrap();
    assert_eq!(
        tested,
        serde_json::json!({
            "@odata.type": "#Vendor.Services.Gizmo",
            "holder": {},
            "label": "a bolt",
            "extra": {}
        }),
        "type names joined by `or` replaced, the derived type's property too; other text kept"
    );
    let keys: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == Code::ExamplePlaceholder)
        .map(|d| d.message.split('`').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(keys, ["holder", "extra"]);
}

/// The stubs' `enums.md` style: one `### x values` section per enum, members only.
fn members_only_enums(enums: &[(&str, &[&str])]) -> String {
    let mut page =
        "---\ndoc_type: enumTypes\n---\n# Enum values\n\nNamespace: microsoft.graph\n".to_owned();
    for (name, members) in enums {
        page += &format!("\n### {name} values\n\n|Member|\n|:---|\n");
        for m in *members {
            page += &format!("|{m}|\n");
        }
    }
    page
}

#[test]
fn a_value_described_or_sent_as_several_members_makes_a_flags_enum() {
    let enums = members_only_enums(&[
        ("gadgetParts", &["knobs", "dials"]),
        ("gadgetSides", &["left", "right"]),
        ("gadgetMode", &["on", "off"]),
        ("gadgetTags", &["red", "blue"]),
        ("gadgetKnobType", &["round", "flat"]),
        ("gadgetPinUsage", &["allowed", "required"]),
    ]);
    let rows = "|parts|gadgetParts|A comma-separated list of the parts to copy.|\n\
|mode|gadgetMode|Possible values are: `on`, `off`.|\n\
|tags|gadgetTags collection|A comma-separated list in the portal, a collection here.|\n\
|knobs|gadgetKnobType|The knob(s) the gadget has.|\n\
|pinLetters|gadgetPinUsage|Whether the PIN may use letter(s).|\n";
    let action = api(
        "gadget: turn",
        "POST /gadgets/{id}/turn",
        "|Parameter|Type|Description|\n|:--|:--|:--|\n|sides|gadgetSides|The sides to turn.|\n|mode|gadgetMode|The mode.|\n",
        "Returns `204 No Content`.",
    ) + "\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"turn_gadget\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/gadgets/1/turn\nContent-type: application/json\n\n{\"sides\": \"left,right\", \"mode\": \"on, off, standby\"}\n```\n";
    let s = schema(&[
        ("resources/enums.md", &enums),
        ("resources/gadget.md", &resource("gadget", "", "", rows)),
        ("api/gadget-turn.md", &action),
    ]);
    let flags = |n: &str| ty(&s, &format!("microsoft.graph.{n}")).flags;
    assert!(
        flags("gadgetParts"),
        "one value described as a comma-separated list"
    );
    assert!(flags("gadgetSides"), "an example sends `left,right`");
    assert!(
        !flags("gadgetMode"),
        "`standby` is no member: not a set of members"
    );
    assert!(
        !flags("gadgetTags"),
        "a collection holds several values without flags"
    );
    assert!(
        flags("gadgetKnobType"),
        "knob(s): several of what the enum names"
    );
    assert!(
        !flags("gadgetPinUsage"),
        "letter(s) is no word of the enum's name"
    );
}

#[test]
fn a_member_most_pages_spell_otherwise_takes_their_spelling_and_a_tie_keeps_the_table() {
    let enums = members_only_enums(&[
        ("dialInput", &["textBox", "dateDropDown"]),
        ("dialSize", &["small", "extraLarge"]),
    ]);
    let row = |page: &str| {
        resource(
            page,
            "",
            "",
            "|input|dialInput|Possible values are: `textBox`, `dateDropdown`.|\n\
|size|dialSize|Possible values are: `small`, `extralarge`.|\n",
        )
    };
    let one = row("dial");
    let two = row("knob");
    let s = schema(&[
        ("resources/enums.md", &enums),
        ("resources/dial.md", &one),
        ("resources/knob.md", &two),
    ]);
    let members = |n: &str| ty(&s, &format!("microsoft.graph.{n}")).members.clone();
    assert_eq!(
        members("dialInput"),
        ["textBox", "dateDropdown"],
        "two pages to one"
    );
    let s = schema(&[("resources/enums.md", &enums), ("resources/dial.md", &one)]);
    let members = |n: &str| ty(&s, &format!("microsoft.graph.{n}")).members.clone();
    assert_eq!(
        members("dialInput"),
        ["textBox", "dateDropDown"],
        "one page to one"
    );
    assert_eq!(members("dialSize"), ["small", "extraLarge"]);
}

#[test]
fn a_table_sharing_no_value_with_every_row_typed_by_its_enum_is_another_enums() {
    // The section of `noticeKind` repeats the table of the section after it.
    let enums = members_only_enums(&[
        ("noticeKind", &["viaEmail", "viaText"]),
        ("noticeChannel", &["viaEmail", "viaText"]),
        ("noticeLevel", &["low", "high"]),
    ]);
    let rows = "|kind|noticeKind|The kind. The supported values are: `created`, `updated`, `deleted`. Required.|\n\
|channel|noticeChannel|Possible values are: `viaEmail`, `viaText`.|\n\
|level|noticeLevel|Possible values are: `low`, `medium`.|\n";
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/enums.md", &enums),
        ("resources/notice.md", &resource("notice", "", "", rows)),
    ]);
    let members = |n: &str| ty(&s, &format!("microsoft.graph.{n}")).members.clone();
    assert_eq!(members("noticeKind"), ["created", "updated", "deleted"]);
    assert_eq!(members("noticeChannel"), ["viaEmail", "viaText"]);
    assert_eq!(
        members("noticeLevel"),
        ["low", "high"],
        "one value in common: the table stands"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.code == Code::Conflict && d.file == "resources/notice.md" && d.line == 16),
        "{diags:?}"
    );
}

#[test]
fn json_keys_that_are_no_odata_names_are_data_not_properties() {
    // An open type keyed by users' ids (the planner's assignments): its JSON representation
    // shows an id and a placeholder key beside a property the table forgot.
    let json = r#"{"note": "String", "4e98f8f1-bb03-4015-b8e0-19bb370949d8": {"orderHint": "String"}, "String-value": "String", "odata.context": "String", "size": "Int32"}"#;
    let page = resource(
        "widgetAssignments",
        ", \"openType\": true",
        "An open type: each property name is the id of a user.",
        "|note|String|x|\n",
    )
    .replace("```json\n{}\n```", &format!("```json\n{json}\n```"));
    let s = schema(&[("resources/widgetassignments.md", &page)]);
    let names: Vec<&str> = ty(&s, "microsoft.graph.widgetAssignments")
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["note", "size"]);
}

#[test]
fn a_link_to_a_resource_page_under_an_old_name_is_its_resource_type_and_a_list_of_them_a_collection()
 {
    // The gizmo page defines an enum too: a link whose text names neither is the page's
    // resource type, as the link's target beats its text.
    let gizmo = resource(
        "gizmo",
        "",
        "A gizmo.",
        "|id|String|The id.|\n|state|gizmoState|The state.|\n\n### gizmoState values\n\n\
|Member|\n|:---|\n|on|\n|off|\n",
    );
    let list = api(
        "List gizmos",
        "GET /gizmoCatalog/gizmos",
        "Do not supply a request body.",
        "If successful, this method returns a `200 OK` response code and a list of \
[catalogGizmo](../resources/gizmo.md) objects in the response body.",
    );
    let get = api(
        "Get gizmo",
        "GET /gizmoCatalog/gizmos/{id}",
        "Do not supply a request body.",
        "If successful, this method returns a `200 OK` response code and a \
[catalogGizmo](../resources/gizmo.md) object in the response body.",
    );
    let s = schema(&[
        ("resources/gizmo.md", &gizmo),
        ("api/gizmo-list.md", &list),
        ("api/gizmo-get.md", &get),
    ]);
    let returns = |file: &str| support::return_type_of(&s, file);
    assert!(s.type_named("microsoft.graph.gizmoState").is_some());
    assert_eq!(
        returns("api/gizmo-get.md").as_deref(),
        Some("microsoft.graph.gizmo")
    );
    assert_eq!(
        returns("api/gizmo-list.md").as_deref(),
        Some("Collection(microsoft.graph.gizmo)")
    );
}

#[test]
fn types_of_two_namespaces_sharing_a_name_are_named_with_their_namespaces() {
    let outer = resource("mediaStream", "", "A stream.", "|label|String|The label.|");
    let inner = resource(
        "mediaStream",
        "",
        "A call's stream.",
        "|label|String|The label.|",
    )
    .replace(
        "Namespace: microsoft.graph\n",
        "Namespace: microsoft.graph.callRecords\n",
    )
    .replace(
        "microsoft.graph.mediaStream",
        "microsoft.graph.callRecords.mediaStream",
    );
    let sibling = inner.replace("callRecords", "mediaPlatform");
    let rust = |pages: &[(&str, &str)]| -> Vec<(String, String)> {
        schema(pages)
            .types
            .iter()
            .map(|t| (t.name.clone(), t.rust.clone()))
            .collect()
    };
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    // Alone, the type of microsoft.graph is `MediaStream`; the namespace's page coming does not
    // rename it (name order made it `MediaStream2`), and the newcomer says where it belongs.
    assert_eq!(
        rust(&[("resources/mediastream.md", &outer)]),
        owned(&[("microsoft.graph.mediaStream", "MediaStream")])
    );
    assert_eq!(
        rust(&[
            ("resources/mediastream.md", &outer),
            ("resources/callrecords-mediastream.md", &inner),
        ]),
        owned(&[
            (
                "microsoft.graph.callRecords.mediaStream",
                "CallRecordsMediaStream"
            ),
            ("microsoft.graph.mediaStream", "MediaStream"),
        ])
    );
    // Two namespaces under microsoft.graph, without its own type: each says its namespace.
    assert_eq!(
        rust(&[
            ("resources/callrecords-mediastream.md", &inner),
            ("resources/mediaplatform-mediastream.md", &sibling),
        ]),
        owned(&[
            (
                "microsoft.graph.callRecords.mediaStream",
                "CallRecordsMediaStream"
            ),
            (
                "microsoft.graph.mediaPlatform.mediaStream",
                "MediaPlatformMediaStream"
            ),
        ])
    );
}

#[test]
fn an_unlinked_name_two_namespaces_define_is_the_one_of_the_pages_namespace() {
    let enums = |ns: &str| {
        format!(
            "---\ndoc_type: enumTypes\ntitle: Enum values\n---\n\nNamespace: {ns}\n\n\
### modality values\n\n|Member|\n|:--|\n|audio|\n|video|\n"
        )
    };
    let call = resource("call", "", "", "|modes|modality collection|The modes.|\n");
    let session = resource(
        "session",
        "",
        "",
        "|modes|modality collection|The modes.|\n",
    )
    .replace(
        "Namespace: microsoft.graph\n",
        "Namespace: microsoft.graph.callRecords\n",
    )
    .replace(
        "microsoft.graph.session",
        "microsoft.graph.callRecords.session",
    );
    let s = schema(&[
        ("resources/call.md", &call),
        ("resources/callrecords-session.md", &session),
        ("resources/enums.md", &enums("microsoft.graph")),
        (
            "resources/enums-callrecords.md",
            &enums("microsoft.graph.callRecords"),
        ),
    ]);
    assert_eq!(
        prop_type(&s, "microsoft.graph.call", "modes"),
        "Collection(microsoft.graph.modality)"
    );
    assert_eq!(
        prop_type(&s, "microsoft.graph.callRecords.session", "modes"),
        "Collection(microsoft.graph.callRecords.modality)"
    );
}

#[test]
fn a_type_cell_no_page_defines_with_listed_values_is_an_enum_of_them() {
    // Newer pages often give an enum only as the row's sentence, with no `### x values` table;
    // an evolvable enum's later members follow in a sentence of their own.
    let rows = "|status|beaconStatus|The status. Possible values are: `new`, `inProgress`, `unknownFutureValue`. \
Use the `Prefer: include-unknown-enum-members` request header to get the following values in this \
[evolvable enum](/graph/best-practices-concept): `archived`.|\n\
|source|beaconSource|Where it came from. Possible values are: `sensor`.|\n\
|owner|beaconOwner|Who owns the beacon.|\n\
|kinds|beaconKind collection|The kinds. Possible values are: `light`, `sound`.|\n\
|level|String|Possible values are: `low`, `high`.|\n";
    let update = api(
        "Update beacon",
        "PATCH /beacons/{id}",
        "|Property|Type|Description|\n|:--|:--|:--|\n|status|beaconStatus|The new status. Possible values are: `new`, `resolved`.|\n",
        "Returns `204 No Content`.",
    );
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/beacon.md", &resource("beacon", "", "", rows)),
        ("api/beacon-update.md", &update),
    ]);
    let status = ty(&s, "microsoft.graph.beaconStatus");
    assert_eq!(status.kind, TypeKind::Enum);
    assert_eq!(status.origin, Origin::RowValues);
    // The resource's row first, then what the update's body row adds.
    assert_eq!(
        status.members,
        [
            "new",
            "inProgress",
            "unknownFutureValue",
            "archived",
            "resolved"
        ]
    );
    assert_eq!(status.source, "resources/beacon.md:16");
    assert_eq!(
        prop_type(&s, "microsoft.graph.beacon", "status"),
        "microsoft.graph.beaconStatus"
    );
    assert_eq!(
        ty(&s, "microsoft.graph.beaconKind").members,
        ["light", "sound"],
        "a collection's element"
    );
    assert!(
        diags.iter().any(|d| d.code == Code::TypeUnknown
            && d.file == "resources/beacon.md"
            && d.line == 16
            && d.message.contains("`microsoft.graph.beaconStatus`")),
        "{diags:?}"
    );
    // One value is no list of members, and a row listing nothing says nothing: no enum.
    assert!(s.type_named("microsoft.graph.beaconSource").is_none());
    assert!(s.type_named("microsoft.graph.beaconOwner").is_none());
    // A primitive's listed values name no new type.
    assert_eq!(
        prop_type(&s, "microsoft.graph.beacon", "level"),
        "Edm.String"
    );
}
