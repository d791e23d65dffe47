//! Mermaid export: the picture of one stage as `flowchart TB` text that GitHub, GitLab and most
//! wikis render inside a ```` ```mermaid ```` block, for docs authors who want the graph in a
//! Markdown page (`docs/picture.md`, Exports).
//!
//! It draws what the page draws: the scene's nodes and edges (so a stage shows the same elements
//! as the SVG), grouped by the architecture's databases. Services are rounded boxes, databases
//! are subgraphs holding their tables, views are parallelograms, topics are pills, APIs are
//! hexagons. Edge kinds differ by line style, not only colour: writes `==>` thick, reads `-.->`
//! dotted (drawn table → service, the way data flows), foreign keys `---` plain (red when they
//! cross owners), owns `--o`, calls, publishes and subscribes `-->` with a label.
//!
//! User names are text, never markup: node ids are rebuilt from `[A-Za-z0-9_]` only, and labels
//! are quoted with every character Mermaid or HTML could read as syntax written as an entity
//! code (`#quot;`, `#lt;`, `#35;` …). The output is deterministic: scene order, sorted databases.

use crate::graph::{EdgeKind, NodeKind};
use crate::ident;
use crate::model::Architecture;
use crate::order;
use crate::order::Collect;
use crate::scene::{self, Scene, SceneNode};
use std::collections::{BTreeMap, BTreeSet};

/// Red for foreign keys that cross owners (the page's bold red line).
const CROSS_OWNER: &str = "#D55E00";

/// A database subgraph with more tables and views than this is drawn as one node per owner
/// (or per schema for what nobody owns): Mermaid lays out a few dozen boxes readably, not 70+.
/// The page folds only past [`crate::fold::FOLD_THRESHOLD`], since it can zoom and unfold.
pub const MERMAID_FOLD_AT: usize = 40;

/// The owner groups of the databases too large to draw table by table: for each member scene
/// id, the Mermaid id of its group's node; and for each group node, its database's scene id,
/// its label and its owner's scene id (for the colour).
#[derive(Default)]
struct OwnerGroups {
    of_member: BTreeMap<String, String>,
    nodes: BTreeMap<String, (String, String, Option<String>)>,
}

/// Groups the members of every database in `home` holding more than [`MERMAID_FOLD_AT`] tables
/// and views by owner (else by schema), naming each group node clear of `taken` ids.
fn owner_groups(
    scene: &Scene,
    architecture: &Architecture,
    home: &BTreeMap<&str, &str>,
    taken: &BTreeSet<&str>,
) -> OwnerGroups {
    let mut members: BTreeMap<&str, Vec<&SceneNode>> = BTreeMap::new();
    for node in &scene.nodes {
        if matches!(node.kind, NodeKind::Table | NodeKind::View) {
            if let Some(db) = home.get(node.id.as_str()) {
                members.entry(db).or_default().push(node);
            }
        }
    }
    let owners = crate::ownership::owner_map(architecture);
    let mut groups = OwnerGroups::default();
    for (db, nodes) in members {
        if nodes.len() <= MERMAID_FOLD_AT {
            continue;
        }
        // (owner's scene id or none, group name) → members.
        let mut by_group: BTreeMap<(Option<String>, String), Vec<&str>> = BTreeMap::new();
        for node in nodes {
            let owner = owners.get(&node.id).cloned();
            let name = match &owner {
                Some(service) => ident::id_name(service).to_string(),
                None => {
                    // The schema alone (a table id in one of several databases carries the
                    // database too, and `""` for no schema).
                    let schema = ident::relation_parts(&node.id)
                        .and_then(|(schema, _)| schema)
                        .unwrap_or_default();
                    if schema.is_empty() {
                        "no owner".to_string()
                    } else {
                        format!("{schema} (no owner)")
                    }
                }
            };
            by_group
                .entry((owner, name))
                .or_default()
                .push(node.id.as_str());
        }
        for ((owner, name), ids) in by_group {
            let base = sanitise(&format!("fold:{db} {name}"));
            let mut id = base.clone();
            let mut n = 2usize;
            while taken.contains(id.as_str()) || groups.nodes.contains_key(&id) {
                id = format!("{base}_{n}");
                n += 1;
            }
            let plural = if ids.len() == 1 { "" } else { "s" };
            let label = format!("{name}: {} table{plural}", ids.len());
            for member in ids {
                groups.of_member.insert(member.to_string(), id.clone());
            }
            groups.nodes.insert(id, (db.to_string(), label, owner));
        }
    }
    groups
}

/// The Mermaid flowchart of `scene`, with tables grouped into the databases of `architecture`
/// (the architecture the scene was built from).
pub fn flowchart(scene: &Scene, architecture: &Architecture) -> String {
    let ids = node_ids(scene);
    let names = table_names(scene);
    let mut out = String::from("flowchart TB\n");
    out.push_str(&format!("  %% Seams, stage {}\n", scene.stage));

    // Which database holds each table: the first database listing it, in id order.
    let in_scene: BTreeSet<&str> = scene.nodes.iter().map(|n| n.id.as_str()).collect_set();
    let mut databases: Vec<&crate::model::Database> = architecture.databases.iter().collect();
    order::sort_by(&mut databases, |a, b| a.id.cmp(&b.id));
    let mut home: BTreeMap<&str, &str> = BTreeMap::new();
    for db in &databases {
        for table in &db.tables {
            if in_scene.contains(table.as_str()) {
                home.entry(table.as_str()).or_insert(db.id.as_str());
            }
        }
    }

    // Folded clusters (`cluster:<database name>/<group>`) sit in their database.
    for node in scene.nodes.iter().filter(|n| n.kind == NodeKind::Cluster) {
        let db_name = crate::ident::id_name(&node.id)
            .rsplit_once('/')
            .map(|(db, _)| db);
        if let Some(db) = databases
            .iter()
            .find(|d| Some(crate::ident::id_name(&d.id)) == db_name)
        {
            home.insert(node.id.as_str(), db.id.as_str());
        }
    }

    let taken: BTreeSet<&str> = ids.values().map(String::as_str).collect_set();
    let groups = owner_groups(scene, architecture, &home, &taken);

    let node_line = |node: &SceneNode| -> Option<String> {
        let id = ids.get(node.id.as_str())?;
        let label = node_label(node, &names, architecture);
        Some(match node.kind {
            NodeKind::Service => format!("{id}(\"{label}\")"),
            NodeKind::Table => format!("{id}[\"{label}\"]"),
            NodeKind::View => format!("{id}[/\"{label}\"/]"),
            NodeKind::Topic => format!("{id}([\"{label}\"])"),
            NodeKind::Api => format!("{id}{{{{\"{label}\"}}}}"),
            NodeKind::Database => format!("{id}[(\"{label}\")]"),
            NodeKind::Cluster => format!("{id}[[\"{label}\"]]"),
            // A shared model library: a subroutine box, like a package of code.
            NodeKind::Library => format!("{id}[[\"{label}\"]]"),
        })
    };

    // Services first, so they rank on top; then topics, APIs and model libraries.
    for kind in [
        NodeKind::Service,
        NodeKind::Topic,
        NodeKind::Api,
        NodeKind::Library,
    ] {
        for node in scene.nodes.iter().filter(|n| n.kind == kind) {
            if let Some(line) = node_line(node) {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    // Databases as subgraphs of their tables and views; an empty one as a cylinder.
    for node in scene.nodes.iter().filter(|n| n.kind == NodeKind::Database) {
        let Some(id) = ids.get(node.id.as_str()) else {
            continue;
        };
        let members: Vec<&SceneNode> = scene
            .nodes
            .iter()
            .filter(|n| home.get(n.id.as_str()) == Some(&node.id.as_str()))
            .filter(|n| !groups.of_member.contains_key(&n.id))
            .collect();
        let folded: Vec<(&String, &String)> = groups
            .nodes
            .iter()
            .filter(|(_, (db, _, _))| *db == node.id)
            .map(|(id, (_, label, _))| (id, label))
            .collect();
        if members.is_empty() && folded.is_empty() {
            if let Some(line) = node_line(node) {
                out.push_str(&format!("  {line}\n"));
            }
            continue;
        }
        out.push_str(&format!(
            "  subgraph {id}[\"{}\"]\n",
            escape(&database_title(node, architecture))
        ));
        out.push_str("    direction TB\n");
        for member in members {
            if let Some(line) = node_line(member) {
                out.push_str(&format!("    {line}\n"));
            }
        }
        for (group, label) in folded {
            out.push_str(&format!("    {group}[[\"{}\"]]\n", escape(label)));
        }
        out.push_str("  end\n");
    }
    // Tables and views in no database.
    for node in scene.nodes.iter().filter(|n| {
        matches!(n.kind, NodeKind::Table | NodeKind::View | NodeKind::Cluster)
            && !home.contains_key(n.id.as_str())
    }) {
        if let Some(line) = node_line(node) {
            out.push_str(&format!("  {line}\n"));
        }
    }

    // Edges, then their styles by index.
    let mut link_styles: Vec<String> = Vec::new();
    let mut index = 0usize;
    // An edge to or from a folded member goes to its group; one line per pair and kind.
    let mut drawn: BTreeSet<(&str, &str, EdgeKind, bool)> = BTreeSet::new();
    for edge in &scene.edges {
        let end = |id: &str| groups.of_member.get(id).or_else(|| ids.get(id));
        let (Some(from), Some(to)) = (end(edge.from.as_str()), end(edge.to.as_str())) else {
            continue;
        };
        if from == to || !drawn.insert((from.as_str(), to.as_str(), edge.kind, edge.cross_owner)) {
            continue;
        }
        let line = match edge.kind {
            EdgeKind::Writes => format!("{from} ==> {to}"),
            // Drawn the way data flows: from the table to its reader.
            EdgeKind::Reads => format!("{to} -.-> {from}"),
            EdgeKind::Owns => format!("{from} --o|owns| {to}"),
            EdgeKind::References if edge.cross_owner => format!("{from} ---|cross-owner FK| {to}"),
            EdgeKind::References => format!("{from} --- {to}"),
            EdgeKind::Calls => format!("{from} -->|calls| {to}"),
            EdgeKind::Publishes => format!("{from} -->|publishes| {to}"),
            EdgeKind::Subscribes => format!("{to} -->|subscribes| {from}"),
            EdgeKind::Models => format!("{from} -.-|model| {to}"),
        };
        out.push_str(&format!("  {line}\n"));
        let style = match edge.kind {
            EdgeKind::References if edge.cross_owner => {
                Some(format!("stroke:{CROSS_OWNER},stroke-width:3px"))
            }
            EdgeKind::References => Some("stroke:#9AA0A6".to_string()),
            EdgeKind::Writes | EdgeKind::Owns => edge
                .color
                .as_deref()
                .and_then(colour)
                .map(|c| format!("stroke:{c}")),
            _ => None,
        };
        if let Some(style) = style {
            link_styles.push(format!("  linkStyle {index} {style}\n"));
        }
        index += 1;
    }
    for style in link_styles {
        out.push_str(&style);
    }

    // Node styles: each service in its colour, tables outlined in their owner's colour, grey when
    // unowned, a thick orange outline when several services write them.
    for node in &scene.nodes {
        let Some(id) = ids.get(node.id.as_str()) else {
            continue;
        };
        if groups.of_member.contains_key(&node.id) {
            continue;
        }
        let style = match node.kind {
            NodeKind::Service => colour(&node.color)
                .map(|c| format!("fill:{c},stroke:{c},color:{}", scene::label_ink(c))),
            NodeKind::Table if node.shared_write => colour(&node.color)
                .map(|c| format!("stroke:{c},stroke-width:4px,stroke-dasharray:6 3")),
            NodeKind::Table | NodeKind::View | NodeKind::Cluster => {
                colour(&node.color).map(|c| format!("stroke:{c},stroke-width:2px"))
            }
            NodeKind::Api => colour(&node.color).map(|c| format!("stroke:{c}")),
            NodeKind::Library => Some("stroke-dasharray:3 2".to_string()),
            NodeKind::Topic | NodeKind::Database => None,
        };
        if let Some(style) = style {
            out.push_str(&format!("  style {id} {style}\n"));
        }
    }
    // A group in its owner's colour.
    for (id, (_, _, owner)) in &groups.nodes {
        let color = owner
            .as_ref()
            .and_then(|o| scene.nodes.iter().find(|n| &n.id == o))
            .and_then(|n| colour(&n.color));
        if let Some(c) = color {
            out.push_str(&format!("  style {id} stroke:{c},stroke-width:2px\n"));
        }
    }
    out
}

/// A colour safe to write into a style: `#` and 3 to 8 hex digits, else None.
fn colour(text: &str) -> Option<&str> {
    let hex = text.strip_prefix('#')?;
    ((3..=8).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(text)
}

/// The Mermaid id of every scene node: the model id with kind prefix, reduced to
/// `[A-Za-z0-9_]`, made unique by a numeric suffix in scene order.
fn node_ids(scene: &Scene) -> BTreeMap<&str, String> {
    let mut ids = BTreeMap::new();
    let mut sorted: Vec<&str> = scene.nodes.iter().map(|n| n.id.as_str()).collect();
    order::sort(&mut sorted);
    sorted.dedup();
    let bases: Vec<String> = sorted.iter().map(|id| sanitise(id)).collect();
    // Bases are reserved first, so a suffixed id never takes another node's own base.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut seen_base: BTreeSet<&str> = BTreeSet::new();
    let mut duplicates: BTreeSet<usize> = BTreeSet::new();
    for (i, base) in bases.iter().enumerate() {
        if !seen_base.insert(base.as_str()) {
            duplicates.insert(i);
        }
        taken.insert(base.clone());
    }
    for (i, (id, base)) in sorted.iter().zip(&bases).enumerate() {
        let chosen = if duplicates.contains(&i) {
            let mut n = 2usize;
            loop {
                let candidate = format!("{base}_{n}");
                if !taken.contains(&candidate) {
                    break candidate;
                }
                n += 1;
            }
        } else {
            base.clone()
        };
        taken.insert(chosen.clone());
        ids.insert(*id, chosen);
    }
    ids
}

/// `table:public.users` → `tbl_public_users`: a short kind prefix, then every character outside
/// `[A-Za-z0-9_]` as `_`. The prefix keeps ids clear of Mermaid keywords (`end`, `graph`).
pub fn sanitise(id: &str) -> String {
    let (kind, name) = id.split_once(':').unwrap_or(("node", id));
    let prefix = match kind {
        "service" => "svc",
        "table" => "tbl",
        "view" => "view",
        "db" => "db",
        "topic" => "topic",
        "api" => "api",
        _ => "node",
    };
    let mut out = String::with_capacity(prefix.len() + 1 + name.len());
    out.push_str(prefix);
    out.push('_');
    out.extend(name.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '_'
        }
    }));
    out
}

/// Writes `text` for inside a double-quoted Mermaid label: letters, digits, spaces and plain
/// punctuation stay; `"`, `<`, `>`, `&` become `#quot;`, `#lt;`, `#gt;`, `#amp;`; `#`, backtick,
/// `;`, brackets, braces, `|`, `\` and control characters become decimal codes (`#35;`).
/// Line breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_alphanumeric() || " .,:/-_+=@!?'()*%$^~".contains(c) => out.push(c),
            c if c.is_control() => {}
            c => out.push_str(&format!("#{};", u32::from(c))),
        }
    }
    out
}

/// Short table names where they are unique in the scene; qualified names where two schemas
/// hold tables of the same name.
fn table_names(scene: &Scene) -> BTreeMap<&str, String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    let tables: Vec<&SceneNode> = scene
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Table | NodeKind::View))
        .collect();
    for t in &tables {
        *count
            .entry(ident::short_name(&t.id).into_owned())
            .or_default() += 1;
    }
    tables
        .iter()
        .map(|t| {
            let short = ident::short_name(&t.id);
            let name = if count.get(short.as_ref()).copied().unwrap_or(0) > 1 {
                ident::display_name(&t.id)
            } else {
                short
            };
            (t.id.as_str(), name.to_string())
        })
        .collect_map()
}

/// The escaped label of a node: full names (Mermaid sizes boxes itself, so nothing is cut).
fn node_label(
    node: &SceneNode,
    names: &BTreeMap<&str, String>,
    architecture: &Architecture,
) -> String {
    match node.kind {
        NodeKind::Service => {
            // The scene's detail is cut to fit a card: take the full summary from the model.
            let summary = architecture
                .service(&node.id)
                .map(|s| s.summary.trim())
                .unwrap_or_default();
            if summary.is_empty() {
                escape(&node.title)
            } else {
                format!(
                    "{}<br/><small>{}</small>",
                    escape(&node.title),
                    escape(summary)
                )
            }
        }
        NodeKind::Table | NodeKind::View => {
            let name = names.get(node.id.as_str()).cloned().unwrap_or_default();
            escape(&name)
        }
        _ => escape(&node.title),
    }
}

/// A database subgraph's title: `main database`, with the host when known.
fn database_title(node: &SceneNode, architecture: &Architecture) -> String {
    match architecture.databases.iter().find(|d| d.id == node.id) {
        Some(db) => match &db.host {
            Some(host) => format!("{} database on {host}", db.name),
            None => format!("{} database", db.name),
        },
        None => node.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evolution::test_builder::{seed, ArchBuilder};
    use crate::layout;
    use crate::model::Dialect;
    use crate::ownership::owner_map;
    use crate::scene::{self, Annotations};

    /// The flowchart of `arch` drawn as the page draws stage 0.
    fn chart(arch: &Architecture) -> String {
        let owners = owner_map(arch);
        let laid = layout::layout(arch, &owners);
        let notes = Annotations {
            owners,
            badges: Default::default(),
            stage: 0,
            ..Default::default()
        };
        flowchart(&scene::build(arch, &laid, &notes), arch)
    }

    /// Asserts every `expected` line occurs in `text` (trimmed), and shows the text if not.
    fn check(text: &str, expected: &[&str]) {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for want in expected {
            assert!(lines.contains(want), "missing `{want}` in\n{text}");
        }
    }

    /// 45 tables: 20 written by billing, 20 by shipping, 5 by nobody. Mermaid draws one node
    /// per owner (and one for the unowned schema), each edge once per group and kind.
    #[test]
    fn a_database_over_the_fold_size_is_drawn_by_owner() {
        let mut builder = ArchBuilder::new(Dialect::Postgres);
        let names: Vec<String> = (0..45).map(|i| format!("t{i:02}")).collect();
        for name in &names {
            builder = builder.table(name, &[("id", "int")], 1);
        }
        let billing: Vec<&str> = names.iter().take(20).map(String::as_str).collect();
        let shipping: Vec<&str> = names.iter().skip(20).take(20).map(String::as_str).collect();
        builder = builder
            .service("billing", "", &[], &billing)
            .service("shipping", "", &billing, &shipping)
            .fk("t21", "id", "t01")
            .fk("t02", "id", "t03");
        let text = chart(&builder.build());
        check(
            &text,
            &[
                "node_db_main_billing[[\"billing: 20 tables\"]]",
                "node_db_main_shipping[[\"shipping: 20 tables\"]]",
                "node_db_main_public__no_owner_[[\"public (no owner): 5 tables\"]]",
                "svc_billing ==> node_db_main_billing",
                "node_db_main_billing -.-> svc_shipping",
            ],
        );
        assert!(
            !text.contains("tbl_public_t"),
            "no table node is left:\n{text}"
        );
        // Each pair and kind once: 20 reads of billing's tables are one line.
        assert_eq!(
            text.matches("node_db_main_billing -.-> svc_shipping")
                .count(),
            1
        );
        // A foreign key inside one group is no line; across groups it is one.
        assert!(!text.contains("node_db_main_billing --- node_db_main_billing"));
        assert!(
            text.contains("node_db_main_shipping ---|cross-owner FK| node_db_main_billing")
                || text.contains("node_db_main_shipping --- node_db_main_billing"),
            "{text}"
        );
        // 40 members or fewer stay tables.
        let small = ArchBuilder::new(Dialect::Postgres)
            .table("a", &[("id", "int")], 1)
            .service("s", "", &[], &["a"])
            .build();
        assert!(chart(&small).contains("tbl_public_a[\"a\"]"));
    }

    #[test]
    fn the_seed_draws_services_a_database_subgraph_and_edge_styles() {
        let text = chart(&seed());
        assert!(text.starts_with("flowchart TB\n"));
        check(
            &text,
            &[
                "svc_app_a(\"app-a<br/><small>Exposes API endpoints to serve data to users</small>\")",
                "subgraph db_main[\"main database\"]",
                "tbl_public_users[\"users\"]",
                "tbl_public_messages[\"messages\"]",
                "end",
                "topic_sqs_user_updates([\"sqs:user-updates\"])",
                "svc_app_b ==> tbl_public_users",
                "tbl_public_users -.-> svc_app_a",
                "tbl_public_messages --- tbl_public_users",
                "topic_sqs_user_updates -->|subscribes| svc_app_b",
                "svc_app_a -.-|model| tbl_public_users",
            ],
        );
        // app-b owns both tables (the sole writer): outlined in its colour, edges too.
        check(
            &text,
            &[
                "style tbl_public_users stroke:#E69F00,stroke-width:2px",
                "style svc_app_b fill:#E69F00,stroke:#E69F00,color:#1b1f24",
                "linkStyle 3 stroke:#E69F00",
            ],
        );
        // Tables sit inside the subgraph, between `subgraph` and `end`.
        let start = text.find("subgraph db_main").unwrap();
        let end = text[start..].find("\n  end\n").unwrap() + start;
        assert!(text[start..end].contains("tbl_public_users[\"users\"]"));
    }

    #[test]
    fn cross_owner_foreign_keys_are_labelled_and_red() {
        let arch = ArchBuilder::new(Dialect::Postgres)
            .table("users", &[("id", "integer")], 1)
            .table("orders", &[("id", "integer"), ("user_id", "integer")], 1)
            .fk("orders", "user_id", "users")
            .service("accounts", "", &[], &["users"])
            .service("shop", "", &[], &["orders", "users"])
            .owns("users", "accounts")
            .build();
        let text = chart(&arch);
        check(
            &text,
            &["tbl_public_orders ---|cross-owner FK| tbl_public_users"],
        );
        assert!(text.contains("stroke:#D55E00,stroke-width:3px"), "{text}");
        // A service without a summary is just its name; a table two services write has a thick
        // dashed outline.
        check(
            &text,
            &[
                "svc_accounts(\"accounts\")",
                "style tbl_public_users stroke:#0072B2,stroke-width:4px,stroke-dasharray:6 3",
            ],
        );
    }

    #[test]
    fn hostile_names_are_text() {
        let evil = "<img src=x onerror=alert(1)>";
        let arch = ArchBuilder::new(Dialect::Generic)
            .table(evil, &[("id", "integer")], 1)
            .table("a\"b`c#quot;|d[e]{f};g", &[("id", "integer")], 1)
            .service("end", "says \"hi\" <b>bold</b>\nnew line", &[evil], &[])
            .build();
        let text = chart(&arch);
        // No `<` outside the fixed `<br/><small>` wrapper (edges use `>` but never `<`).
        let stripped = text.replace("<br/><small>", "").replace("</small>", "");
        for line in stripped.lines() {
            let trimmed = line.trim();
            assert!(!trimmed.contains('<'), "raw < in `{trimmed}`");
        }
        check(
            &text,
            &[
                "tbl__img_src_x_onerror_alert_1__[\"#lt;img src=x onerror=alert(1)#gt;\"]",
                // The name holds a `"`, so its table id quotes it (`table:"a""b…"`).
                "tbl__a__b_c_quot__d_e__f__g_[\"a#quot;b#96;c#35;quot#59;#124;d#91;e#93;#123;f#125;#59;g\"]",
                "svc_end(\"end<br/><small>says #quot;hi#quot; #lt;b#gt;bold#lt;/b#gt; new line</small>\")",
            ],
        );
    }

    #[test]
    fn ids_are_sanitised_deterministically_and_made_unique() {
        assert_eq!(sanitise("table:public.users"), "tbl_public_users");
        assert_eq!(sanitise("service:app-a"), "svc_app_a");
        assert_eq!(sanitise("db:db1/main"), "db_db1_main");
        assert_eq!(sanitise("topic:sqs:user-updates"), "topic_sqs_user_updates");
        assert_eq!(sanitise("table:usuários"), "tbl_usu_rios");
        // `a-b`, `a.b` and `a_b` all reduce to `tbl_a_b`; `a_b_2` is someone's own name.
        let arch = ArchBuilder::new(Dialect::Generic)
            .table("a-b", &[("id", "integer")], 1)
            .table("a.b", &[("id", "integer")], 1)
            .table("a_b", &[("id", "integer")], 1)
            .table("a_b_2", &[("id", "integer")], 1)
            .build();
        let text = chart(&arch);
        let ids: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().split_once("[\""))
            .map(|(id, _)| id)
            .filter(|id| id.starts_with("tbl_"))
            .collect();
        let unique: BTreeSet<&&str> = ids.iter().collect_set();
        assert_eq!(ids.len(), 4, "{text}");
        assert_eq!(unique.len(), 4, "{text}");
        assert!(ids
            .iter()
            .all(|id| id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')));
        assert!(
            ids.contains(&"tbl_a_b_2") && ids.contains(&"tbl_a_b_3"),
            "{text}"
        );
        assert_eq!(text, chart(&arch), "same input, same bytes");
    }

    #[test]
    fn escaping_keeps_plain_names_and_codes_syntax() {
        assert_eq!(escape("users"), "users");
        assert_eq!(escape("public.users (v2)"), "public.users (v2)");
        assert_eq!(escape("\"<>&"), "#quot;#lt;#gt;#amp;");
        assert_eq!(escape("#;`|"), "#35;#59;#96;#124;");
        assert_eq!(escape("日本語"), "日本語");
        assert_eq!(escape("a\nb\u{7}"), "a b");
    }

    #[test]
    fn colours_are_checked_before_use() {
        assert_eq!(colour("#0072B2"), Some("#0072B2"));
        assert_eq!(colour("red;}"), None);
        assert_eq!(colour("#12345G"), None);
    }
}
