//! SQL ingestion: DDL text in, schema facts out (tables, columns, keys, views, roles, grants),
//! statement by statement, so one bad statement costs one diagnostic and nothing else.
//!
//! Start at [`parse_schema`].

mod ddl;
pub(crate) mod dialect;
#[cfg(test)]
mod extract;
mod facts;
pub(crate) mod lex;
pub mod name;
#[cfg(test)]
mod oracle;
pub mod sections;
#[cfg(test)]
pub(crate) use oracle::{compare_with_sqlparser, corpus_files};
pub(crate) mod query;
pub(crate) mod split;
pub(crate) mod structure;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{
    Column, Dialect, ForbiddenWrite, ForeignKey, Grant, ParseStats, Privilege, Role, Table, View,
};
use crate::order;
use crate::source::{LineIndex, Pane, Span};
use ddl::{DdlReader, Kind};
use facts::{AlterFact, Effect, Facts, GrantTarget, GuardFacts, Name, TableFacts};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Everything read from one schema text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedSchema {
    /// The dialect used.
    pub dialect: Dialect,
    /// Why that dialect (detected from markers, or chosen by the user).
    pub dialect_reason: String,
    /// Schemas, sorted: those created with `CREATE SCHEMA` and those tables live in.
    #[serde(default)]
    pub schemas: Vec<String>,
    /// The database a table's three-part name (`db.schema.table`) puts it in, by table id.
    #[serde(default)]
    pub catalogs: BTreeMap<String, String>,
    /// Tables, sorted by id.
    pub tables: Vec<Table>,
    /// Views, sorted by id.
    pub views: Vec<View>,
    /// Roles, sorted by name.
    pub roles: Vec<Role>,
    /// Grants and revokes in input order.
    pub grants: Vec<Grant>,
    /// Diagnostics in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// Statement counts.
    pub stats: ParseStats,
}

/// Reads a schema text. Never fails: what cannot be read becomes a diagnostic.
/// `dialect` overrides detection when given.
///
/// Statement by statement: the splitter yields one statement at a time, statements that carry no
/// coupling fact are skipped by their leading keywords, and the rest are read from their tokens
/// (`ddl`), which never fails: a broken statement yields what it still says, plus a diagnostic
/// at the token that is wrong.
pub fn parse_schema(text: &str, dialect: Option<Dialect>) -> ParsedSchema {
    crate::pace::at_once(parse_schema_paced(
        text,
        dialect,
        &mut crate::pace::Stride::default(),
    ))
}

/// [`parse_schema`], pausing after every [`crate::pace::STRIDE`] bytes of statements (counted
/// in `stride`, which a caller reading several texts shares between them).
pub(crate) async fn parse_schema_paced(
    text: &str,
    dialect: Option<Dialect>,
    stride: &mut crate::pace::Stride,
) -> ParsedSchema {
    let (dialect, dialect_reason) = match dialect {
        Some(chosen) => (chosen, String::from("chosen by the user")),
        None => dialect::detect(text),
    };
    let mut reader = SchemaReader::new(text, dialect);
    for piece in split::Splitter::new(text, dialect) {
        let bytes = piece.end.saturating_sub(piece.start);
        reader.statement(piece);
        stride.over(bytes).await;
    }
    crate::pace::pause().await;
    reader.finish(dialect_reason)
}

/// The state of one [`parse_schema`] run: facts gathered so far.
struct SchemaReader<'a> {
    text: &'a str,
    dialect: Dialect,
    lines: LineIndex,
    tables: BTreeMap<String, Table>,
    alters: Vec<(Span, Name, Vec<AlterFact>)>,
    views: BTreeMap<String, (View, Vec<Name>)>,
    roles: BTreeMap<String, Role>,
    schemas: BTreeSet<String>,
    catalogs: BTreeMap<String, String>,
    grants: Vec<Grant>,
    diagnostics: Vec<Diagnostic>,
    stats: ParseStats,
    /// The id of each declared table and view by its [`Dialect::name_key`], so a name written
    /// in another case finds the declaration where the dialect ignores case.
    keys: BTreeMap<String, String>,
    /// Rules and triggers, applied to their tables once every table and function is read.
    guards: Vec<(Span, GuardFacts)>,
    /// Whether each function always raises, by its name's key (a trigger may come first).
    functions: BTreeMap<String, bool>,
}

impl<'a> SchemaReader<'a> {
    /// The declared id `id` stands for: the table or view whose id has the same key (the
    /// first declaration's spelling), else `id` itself.
    fn canonical(&self, id: String) -> String {
        match self.keys.get(self.dialect.name_key(&id).as_str()) {
            Some(declared) => declared.clone(),
            None => id,
        }
    }

    /// Records `id` as declared (the first spelling of a key stays).
    fn declare_key(&mut self, id: &str) {
        self.keys
            .entry(self.dialect.name_key(id))
            .or_insert_with(|| id.to_string());
    }

    fn new(text: &'a str, dialect: Dialect) -> Self {
        SchemaReader {
            text,
            dialect,
            lines: LineIndex::new(text),
            tables: BTreeMap::new(),
            alters: Vec::new(),
            views: BTreeMap::new(),
            roles: BTreeMap::new(),
            schemas: BTreeSet::new(),
            catalogs: BTreeMap::new(),
            grants: Vec::new(),
            diagnostics: Vec::new(),
            stats: ParseStats::default(),
            keys: BTreeMap::new(),
            guards: Vec::new(),
            functions: BTreeMap::new(),
        }
    }

    fn span(&self, offset: usize) -> Span {
        self.lines.span(Pane::Schema, self.text, offset)
    }

    /// Reads one statement: skipped unless its leading keywords name something Seams reads,
    /// then read by tokens. A structural problem with facts still read is a warning (and the
    /// table is marked `recovered`); a statement too broken to yield its facts is an error.
    fn statement(&mut self, piece: split::Piece) {
        let Some(statement) = self.text.get(piece.start..piece.end) else {
            return;
        };
        self.stats.statements += 1;
        let kind = ddl::classify(statement, self.dialect);
        if kind == Kind::Skip {
            self.stats.skipped += 1;
            if let Some((word, offset)) = ddl::unknown_start(statement, self.dialect) {
                let upper = word.to_ascii_uppercase();
                let hint = did_you_mean(&upper, ddl::statement_words())
                    .map(|w| format!("; did you mean {w}?"))
                    .unwrap_or_default();
                self.diagnostics.push(Diagnostic::warning(
                    self.span(piece.start + offset),
                    format!("`{word}` does not start an SQL statement, so it was skipped{hint}"),
                ));
            }
            return;
        }
        let start = self.span(piece.start);
        let (facts, problem) = {
            let span_of = |relative: usize| {
                self.lines
                    .span(Pane::Schema, self.text, piece.start + relative)
            };
            let reader = DdlReader::new(statement, self.dialect, &span_of);
            reader.read(kind)
        };
        let problem = problem.map(|p| (p.message, self.span(piece.start + p.offset)));
        match (facts, problem) {
            (Some(Facts::Unread(why)), _) => {
                self.stats.skipped += 1;
                self.diagnostics.push(Diagnostic::info(
                    start,
                    format!("{why}, so it was skipped: Seams cannot tell which writes it forbids"),
                ));
            }
            (Some(Facts::Function(name, raises)), _) => {
                // A function carries no coupling fact itself: counted as skipped, kept for the
                // triggers that run it.
                self.stats.skipped += 1;
                self.functions
                    .insert(self.dialect.name_key(&name.table_id()), raises);
            }
            (Some(Facts::Nothing), _) if kind == Kind::CreateFunction => {
                self.stats.skipped += 1;
            }
            (Some(Facts::Alter(_, list)), None) if list.is_empty() => {
                // An ALTER whose ADD carries no key or column (T-SQL `ADD … DEFAULT … FOR`).
                self.stats.skipped += 1;
            }
            (Some(facts), None) => {
                self.stats.parsed += 1;
                self.apply(facts, start, false);
            }
            (Some(facts), Some((message, at))) if !matches!(facts, Facts::Nothing) => {
                let what = match &facts {
                    Facts::Table(t) => {
                        format!("table {}", crate::ident::display_name(&t.name.table_id()))
                    }
                    Facts::View(name, _) => {
                        format!("view {}", crate::ident::display_name(&name.view_id()))
                    }
                    Facts::Alter(name, _) => {
                        format!(
                            "ALTER TABLE {}",
                            crate::ident::display_name(&name.table_id())
                        )
                    }
                    Facts::Schema(name) => format!("schema {name}"),
                    _ => String::from("statement"),
                };
                self.diagnostics.push(Diagnostic::warning(
                    at,
                    format!("{message} (the rest of {what} was read)"),
                ));
                self.stats.recovered += 1;
                self.apply(facts, start, true);
            }
            (_, problem) => {
                let (message, at) = problem
                    .unwrap_or_else(|| (String::from("it names nothing Seams can read"), start));
                self.diagnostics.push(Diagnostic::error(
                    at,
                    format!("could not read statement: {message}"),
                ));
                self.stats.failed += 1;
            }
        }
    }

    fn apply(&mut self, facts: Facts, span: Span, recovered: bool) {
        match facts {
            Facts::Nothing | Facts::Unread(_) => {}
            Facts::Guard(guard) => self.guards.push((span, guard)),
            Facts::Function(name, raises) => {
                self.functions
                    .insert(self.dialect.name_key(&name.table_id()), raises);
            }
            Facts::Table(table) => self.add_table(table, span, recovered),
            Facts::Alter(name, list) => self.alters.push((span, name, list)),
            Facts::View(name, reads) => {
                let id = self.canonical(name.view_id());
                self.declare_key(&id);
                let view = View {
                    id: id.clone(),
                    schema: name.schema,
                    name: name.name,
                    reads: Vec::new(),
                    span,
                };
                self.views.insert(id, (view, reads));
            }
            Facts::Roles(names) => {
                for name in names {
                    self.roles
                        .entry(name.clone())
                        .or_insert(Role { name, span });
                }
            }
            Facts::Schema(name) => {
                self.schemas.insert(name);
            }
            Facts::Grant(grant) => {
                let objects: Vec<String> = match grant.target {
                    GrantTarget::Relations(names) => names
                        .iter()
                        .map(|n| {
                            let view = n.view_id();
                            if self.views.contains_key(&view) {
                                view
                            } else {
                                n.table_id()
                            }
                        })
                        .collect(),
                    GrantTarget::AllTablesIn(schemas) => {
                        let ids: Vec<String> = self
                            .tables
                            .values()
                            .filter(|t| t.schema.as_ref().is_some_and(|s| schemas.contains(s)))
                            .map(|t| t.id.clone())
                            .collect();
                        if ids.is_empty() {
                            self.diagnostics.push(Diagnostic::info(
                                span,
                                "GRANT on all tables in a schema with no tables declared yet; skipped",
                            ));
                        }
                        ids
                    }
                };
                for object in objects {
                    for grantee in &grant.grantees {
                        self.grants.push(Grant {
                            revoke: grant.revoke,
                            privileges: grant.privileges.clone(),
                            object: object.clone(),
                            grantee: grantee.clone(),
                            span,
                        });
                    }
                }
            }
        }
    }

    fn add_table(&mut self, table: TableFacts, span: Span, recovered: bool) {
        let id = self.canonical(table.name.table_id());
        self.declare_key(&id);
        // Declared again in another case where the dialect ignores case: the first spelling
        // names it.
        let (schema, name) = match self.tables.get(&id) {
            Some(first) => (first.schema.clone(), first.name.clone()),
            None => (table.name.schema, table.name.name),
        };
        if self.tables.contains_key(&id) {
            self.diagnostics.push(Diagnostic::info(
                span,
                format!("{id} is declared again; the later declaration is used"),
            ));
        }
        if let Some(catalog) = &table.name.catalog {
            self.catalogs.insert(id.clone(), catalog.clone());
        }
        self.tables.insert(
            id.clone(),
            Table {
                id,
                schema,
                name,
                columns: table.columns,
                primary_key: table.primary_key,
                foreign_keys: table.foreign_keys,
                span,
                recovered,
                partition_of: table.partition_of.map(|parent| parent.table_id()),
                forbids: Vec::new(),
            },
        );
    }

    /// The id a relation name stands for: a declared view, else a (declared or not) table, as
    /// the dialect compares names.
    fn relation(&self, name: &Name) -> String {
        let view = name.view_id();
        if self.keys.contains_key(&self.dialect.name_key(&view)) {
            self.canonical(view)
        } else {
            self.canonical(name.table_id())
        }
    }

    /// Records on each table the writes its rules and triggers forbid, now that every table and
    /// function is known. A trigger running a function the schema does not define cannot be
    /// judged: it counts as skipped, with a note. A rule that lets writes through is noted.
    fn apply_guards(&mut self) {
        for (span, guard) in std::mem::take(&mut self.guards) {
            let what = format!("{} {}", guard.guard.as_str(), guard.name);
            let table = self.canonical(guard.table.table_id());
            let effect = match guard.effect {
                Effect::Runs(function) => {
                    match self
                        .functions
                        .get(&self.dialect.name_key(&function.table_id()))
                    {
                        Some(true) => Effect::Forbids,
                        Some(false) => Effect::Allows(None),
                        None if ddl::guard::is_builtin(&function) => Effect::Allows(None),
                        None => {
                            self.stats.parsed = self.stats.parsed.saturating_sub(1);
                            self.stats.skipped += 1;
                            self.diagnostics.push(Diagnostic::info(
                                span,
                                format!(
                                    "{what} on {table} runs {}(), which this schema does not define, so it was skipped: Seams cannot tell which writes it forbids",
                                    function.name
                                ),
                            ));
                            continue;
                        }
                    }
                }
                effect => effect,
            };
            match effect {
                Effect::Forbids => {
                    let Some(declared) = self.tables.get_mut(&table) else {
                        self.diagnostics.push(Diagnostic::warning(
                            span,
                            format!("{what} is on {table}, which is not declared"),
                        ));
                        continue;
                    };
                    declared
                        .forbids
                        .extend(guard.events.into_iter().map(|privilege| ForbiddenWrite {
                            privilege,
                            guard: guard.guard,
                            by: guard.name.clone(),
                            span,
                        }));
                }
                Effect::Allows(Some(why)) => self.diagnostics.push(Diagnostic::info(
                    span,
                    format!("{what} on {table} forbids no write: {why}"),
                )),
                Effect::Allows(None) | Effect::Runs(_) => {}
            }
        }
    }

    /// Points foreign keys, partition parents and GRANT objects written in another case at the
    /// declared table, where the dialect ignores case (a no-op where it does not).
    fn resolve_references(&mut self) {
        if !self.dialect.ignores_case() {
            return;
        }
        let mut tables = std::mem::take(&mut self.tables);
        for table in tables.values_mut() {
            for fk in &mut table.foreign_keys {
                fk.references = self.canonical(std::mem::take(&mut fk.references));
            }
            if let Some(parent) = table.partition_of.take() {
                table.partition_of = Some(self.canonical(parent));
            }
        }
        self.tables = tables;
        let mut grants = std::mem::take(&mut self.grants);
        for grant in &mut grants {
            grant.object = self.canonical(std::mem::take(&mut grant.object));
        }
        self.grants = grants;
    }

    fn finish(mut self, dialect_reason: String) -> ParsedSchema {
        let mut attached: Vec<(Span, String, String)> = Vec::new();
        for (span, name, list) in std::mem::take(&mut self.alters) {
            let id = self.canonical(name.table_id());
            let Some(table) = self.tables.get_mut(&id) else {
                self.diagnostics.push(Diagnostic::warning(
                    span,
                    format!("ALTER TABLE on {id}, which is not declared"),
                ));
                continue;
            };
            for fact in list {
                match fact {
                    AlterFact::PrimaryKey(columns) => {
                        for column in &mut table.columns {
                            if columns.contains(&column.name) {
                                column.nullable = false;
                            }
                        }
                        table.primary_key = columns;
                    }
                    AlterFact::ForeignKey(fk) => table.foreign_keys.push(fk),
                    AlterFact::AddColumn(column) => table.columns.push(column),
                    AlterFact::AttachPartition(child) => {
                        attached.push((span, child.table_id(), id.clone()));
                    }
                }
            }
        }
        let attached: Vec<(Span, String, String)> = attached
            .into_iter()
            .map(|(span, child, parent)| (span, self.canonical(child), parent))
            .collect();
        for (span, child, parent) in attached {
            match self.tables.get_mut(&child) {
                Some(table) => table.partition_of = Some(parent),
                None => self.diagnostics.push(Diagnostic::warning(
                    span,
                    format!("ATTACH PARTITION {child} to {parent}, which is not declared"),
                )),
            }
        }
        self.apply_guards();
        self.resolve_references();
        let views = std::mem::take(&mut self.views)
            .into_values()
            .map(|(mut view, reads)| {
                let mut ids: Vec<String> = reads.iter().map(|n| self.relation(n)).collect();
                order::sort(&mut ids);
                ids.dedup();
                view.reads = ids;
                view
            })
            .collect();
        let mut schemas = self.schemas;
        schemas.extend(self.tables.values().filter_map(|t| t.schema.clone()));
        ParsedSchema {
            dialect: self.dialect,
            dialect_reason,
            schemas: schemas.into_iter().collect(),
            catalogs: self.catalogs,
            tables: self.tables.into_values().collect(),
            views,
            roles: self.roles.into_values().collect(),
            grants: self.grants,
            diagnostics: self.diagnostics,
            stats: self.stats,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `sql` as PostgreSQL and checks each table's parent (`table -> parent`, sorted by
    /// table) and the diagnostics' messages.
    fn check(sql: &str, links: &[&str], diagnostics: &[&str]) {
        let schema = parse_schema(sql, Some(Dialect::Postgres));
        let got: Vec<String> = schema
            .tables
            .iter()
            .map(|t| match &t.partition_of {
                Some(parent) => format!("{} -> {parent}", t.id),
                None => t.id.clone(),
            })
            .collect();
        assert_eq!(got, links);
        let messages: Vec<&str> = schema
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, diagnostics);
    }

    #[test]
    fn partitions_link_to_their_parent_in_both_forms() {
        check(
            "CREATE TABLE public.payment (id int, paid timestamptz) PARTITION BY RANGE (paid);\n\
             CREATE TABLE public.payment_p1 (id int, paid timestamptz);\n\
             CREATE TABLE \"Payment_P2\" (id int, paid timestamptz);\n\
             CREATE TABLE payment_p3 PARTITION OF payment FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');\n\
             CREATE TABLE other.p4 PARTITION OF \"public\".payment DEFAULT;\n\
             ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p1 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');\n\
             ALTER TABLE payment ATTACH PARTITION \"Payment_P2\" FOR VALUES IN ('x', 'y');\n\
             ALTER TABLE payment ATTACH PARTITION missing DEFAULT;\n\
             ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p1_pkey;\n",
            &[
                "table:other.p4 -> table:public.payment",
                "table:public.Payment_P2 -> table:public.payment",
                "table:public.payment",
                "table:public.payment_p1 -> table:public.payment",
                "table:public.payment_p3 -> table:public.payment",
            ],
            &["ATTACH PARTITION table:public.missing to table:public.payment, which is not declared"],
        );
    }

    #[test]
    fn attach_partition_is_read_whatever_its_bounds_say() {
        let schema = parse_schema(
            "CREATE TABLE p (x int);\nCREATE TABLE c (x int);\n\
             ALTER TABLE p ATTACH PARTITION c FOR VALUES FROM (1 +) TO (2);\n",
            Some(Dialect::Postgres),
        );
        let child = schema.tables.iter().find(|t| t.id == "table:public.c");
        assert_eq!(
            child.and_then(|t| t.partition_of.as_deref()),
            Some("table:public.p")
        );
        assert_eq!(schema.stats.parsed, 3);
        assert!(schema.diagnostics.is_empty());
    }

    /// A mysqldump wraps views (and its session settings) in `/*!NNNNN … */` comments, which
    /// MySQL executes: the placeholder view, then the final one split over three comments.
    #[test]
    fn mysqldump_versioned_comments_are_read_as_code() {
        let dump = "/*!40101 SET NAMES utf8mb4 */;\n\
             CREATE TABLE `shop` (`id` int NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;\n\
             /*!40000 ALTER TABLE `shop` DISABLE KEYS */;\n\
             DROP TABLE IF EXISTS `v_shops`;\n\
             /*!50001 DROP VIEW IF EXISTS `v_shops`*/;\n\
             /*!50001 CREATE VIEW `v_shops` AS SELECT \n 1 AS `id`*/;\n\
             /*!50001 DROP VIEW IF EXISTS `v_shops`*/;\n\
             /*!50001 SET character_set_client      = utf8mb4 */;\n\
             /*!50001 CREATE ALGORITHM=UNDEFINED */\n\
             /*!50013 DEFINER=`reporting`@`%` SQL SECURITY DEFINER */\n\
             /*!50001 VIEW `v_shops` AS select `s`.`id` AS `id` from `shop` `s` */;\n\
             /*M!100316 SET character_set_client = @saved_cs_client */;\n";
        let schema = parse_schema(dump, None);
        assert_eq!(schema.dialect, Dialect::MySql);
        let views: Vec<String> = schema
            .views
            .iter()
            .map(|v| format!("{} {} reads {:?}", v.id, v.span.line, v.reads))
            .collect();
        assert_eq!(views, ["view:v_shops 10 reads [\"table:shop\"]"]);
        let tables: Vec<&str> = schema.tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(tables, ["table:shop"]);
        assert_eq!(schema.diagnostics, Vec::new());
    }

    /// T-SQL control statements in a deployment script are not DDL: skipped without a word.
    #[test]
    fn tsql_control_statements_are_skipped_quietly() {
        let script = "SET NOCOUNT ON;\nGO\nCREATE TABLE dbo.orders (id int NOT NULL);\nGO\n\
             BEGIN TRY\n    BEGIN TRANSACTION;\n    PRINT N'Moving orders';\n\
             RAISERROR (N'step %d', 10, 1, 1) WITH NOWAIT;\n    COMMIT TRANSACTION;\nEND TRY\n\
             BEGIN CATCH\n    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;\n\
             THROW 50001, N'The move failed', 1;\nEND CATCH\nGO\n\
             WHILE 1 = 0\nBEGIN\n    BREAK;\nEND\nGO\nWAITFOR DELAY '00:00:01';\nGO\n\
             IF 1 = 0 GOTO done;\ndone:\nRETURN;\nGO\n";
        let schema = parse_schema(script, Some(Dialect::MsSql));
        let tables: Vec<&str> = schema.tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(tables, ["table:dbo.orders"]);
        let messages: Vec<&str> = schema
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, Vec::<&str>::new());
    }

    /// `table: forbidden writes` for each table that forbids some, then the diagnostics.
    fn forbidden(sql: &str, dialect: Dialect) -> (Vec<String>, Vec<String>, ParseStats) {
        let schema = parse_schema(sql, Some(dialect));
        let forbids = schema
            .tables
            .iter()
            .filter(|t| !t.forbids.is_empty())
            .map(|t| {
                let list: Vec<String> = t
                    .forbids
                    .iter()
                    .map(|f| {
                        format!(
                            "{} by {} {} @{}",
                            f.privilege.keyword(),
                            f.guard.as_str(),
                            f.by,
                            f.span.line
                        )
                    })
                    .collect();
                format!("{}: {}", t.name, list.join(", "))
            })
            .collect();
        let messages = schema.diagnostics.into_iter().map(|d| d.message).collect();
        (forbids, messages, schema.stats)
    }

    /// Only an unconditional `DO INSTEAD NOTHING` rule, or a trigger whose function always
    /// raises, forbids; every other rule is noted, a trigger running an unknown function is
    /// skipped with a note, and functions defined after their triggers count.
    #[test]
    fn rules_and_triggers_record_the_writes_they_forbid() {
        let sql = "CREATE TABLE ledger (id int PRIMARY KEY, amount int);\n\
            CREATE TABLE audit (id int);\n\
            CREATE RULE no_update AS ON UPDATE TO ledger DO INSTEAD NOTHING;\n\
            CREATE OR REPLACE RULE no_delete AS\n  ON DELETE TO ledger\n  DO INSTEAD NOTHING;\n\
            CREATE RULE some AS ON DELETE TO audit WHERE old.id < 0 DO INSTEAD NOTHING;\n\
            CREATE RULE also AS ON UPDATE TO audit DO ALSO NOTHING;\n\
            CREATE RULE redirect AS ON INSERT TO audit DO INSTEAD INSERT INTO ledger VALUES (new.id, 0);\n\
            CREATE RULE no_insert AS ON INSERT TO audit DO INSTEAD NOTHING;\n\
            CREATE FUNCTION forbid() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'append only';\nEND;\n$$;\n\
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END; $$;\n\
            CREATE TRIGGER t_forbid BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION forbid();\n\
            CREATE TRIGGER t_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE PROCEDURE touch();\n\
            CREATE TRIGGER t_missing BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION elsewhere();\n\
            CREATE TRIGGER t_when BEFORE DELETE ON ledger FOR EACH ROW WHEN (OLD.id > 0) EXECUTE FUNCTION forbid();\n\
            CREATE TRIGGER t_late BEFORE INSERT ON ledger FOR EACH ROW EXECUTE FUNCTION later();\n\
            CREATE TRIGGER t_text BEFORE UPDATE ON ledger FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger('t', 'english', 'x');\n\
            CREATE FUNCTION later() RETURNS trigger AS 'BEGIN IF NEW.id < 0 THEN RAISE EXCEPTION ''no''; END IF; RETURN NEW; END' LANGUAGE plpgsql;\n";
        let (forbids, messages, stats) = forbidden(sql, Dialect::Postgres);
        assert_eq!(
            forbids,
            [
                "audit: INSERT by rule no_insert @10, UPDATE by trigger t_forbid @17, DELETE by trigger t_forbid @17",
                "ledger: UPDATE by rule no_update @3, DELETE by rule no_delete @4",
            ]
        );
        assert_eq!(
            messages,
            [
                "rule some on table:public.audit forbids no write: its WHERE discards only some deletes",
                "rule also on table:public.audit forbids no write: DO ALSO NOTHING adds nothing to the update, which still happens",
                "trigger t_missing on table:public.audit runs elsewhere(), which this schema does not define, so it was skipped: Seams cannot tell which writes it forbids",
            ]
        );
        // Functions stay skipped; every rule and every trigger but t_missing is read.
        assert_eq!((stats.parsed, stats.skipped, stats.failed), (13, 4, 0));
    }

    /// MySQL triggers (their `DELIMITER` blocks already split) and SQLite's carry their body:
    /// an error raised outside any condition forbids; a conditional one or a warning does not.
    #[test]
    fn mysql_and_sqlite_trigger_bodies_are_read() {
        let mysql = "CREATE TABLE ledger (id int);\n\
            DELIMITER ;;\n\
            CREATE DEFINER=`app`@`%` TRIGGER no_update BEFORE UPDATE ON ledger FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'append only';;\n\
            CREATE TRIGGER no_delete BEFORE DELETE ON `ledger` FOR EACH ROW BEGIN\n  SIGNAL SQLSTATE VALUE '45000';\nEND;;\n\
            CREATE TRIGGER warn BEFORE INSERT ON ledger FOR EACH ROW BEGIN SIGNAL SQLSTATE '01000'; END;;\n\
            CREATE TRIGGER maybe BEFORE INSERT ON ledger FOR EACH ROW BEGIN\n  IF NEW.id < 0 THEN SIGNAL SQLSTATE '45000'; END IF;\nEND;;\n\
            DELIMITER ;\n";
        let (forbids, messages, stats) = forbidden(mysql, Dialect::MySql);
        assert_eq!(
            forbids,
            ["ledger: UPDATE by trigger no_update @3, DELETE by trigger no_delete @4"]
        );
        assert_eq!(messages, Vec::<String>::new());
        assert_eq!((stats.parsed, stats.skipped), (5, 0));
        let sqlite = "CREATE TABLE ledger (id int);\n\
            CREATE TRIGGER no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'append only'); END;\n\
            CREATE TRIGGER some BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'no') WHERE NEW.id < 0; END;\n\
            CREATE TRIGGER ignored BEFORE INSERT ON ledger BEGIN SELECT RAISE(IGNORE); END;\n";
        let (forbids, messages, _) = forbidden(sqlite, Dialect::Sqlite);
        assert_eq!(forbids, ["ledger: DELETE by trigger no_delete @2"]);
        assert_eq!(messages, Vec::<String>::new());
        let tsql = "CREATE TABLE dbo.ledger (id int);\nGO\nCREATE TRIGGER no_delete ON dbo.ledger INSTEAD OF DELETE AS BEGIN THROW 50000, 'no', 1; END;\nGO\n";
        let (forbids, messages, stats) = forbidden(tsql, Dialect::MsSql);
        assert!(forbids.is_empty());
        assert_eq!(
            messages,
            ["trigger no_delete is written the T-SQL way; Seams reads PostgreSQL, MySQL and SQLite triggers, so it was skipped: Seams cannot tell which writes it forbids"]
        );
        // The trigger, and the `END` its body's `;` split off.
        assert_eq!((stats.parsed, stats.skipped), (1, 2));
    }
}
