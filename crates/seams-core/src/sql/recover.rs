//! Token-level reading, for what must not wait for (or depend on) sqlparser: classifying a
//! statement by its leading keywords, guarding sqlparser against statements deep or long enough
//! to overflow its stack, and recovering tables, ALTERs and views that sqlparser rejects.
//! Everything here is iterative and works on any token sequence.

use super::facts::{AlterFact, Name, TableFacts};
use super::lex::{Lexer, Token, TokenKind};
use super::{Column, Dialect, ForeignKey};
use crate::source::Span;

/// What a statement is, as far as Seams cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `CREATE … TABLE`.
    CreateTable,
    /// `ALTER TABLE` that adds something or attaches a partition.
    AlterTable,
    /// `CREATE … VIEW`.
    CreateView,
    /// `CREATE ROLE` / `CREATE USER`.
    CreateRole,
    /// `CREATE SCHEMA`.
    CreateSchema,
    /// `GRANT` / `REVOKE`.
    Grant,
    /// Carries no coupling fact.
    Skip,
}

/// Words after CREATE that mean the statement creates something Seams does not read.
const CREATE_SKIPPED: [&str; 30] = [
    "ACCESS",
    "AGGREGATE",
    "AS",
    "CAST",
    "COLLATION",
    "CONVERSION",
    "DATABASE",
    "DOMAIN",
    "EVENT",
    "EXTENSION",
    "FOREIGN",
    "FUNCTION",
    "INDEX",
    "LANGUAGE",
    "LOGIN",
    "OPERATOR",
    "POLICY",
    "PROCEDURE",
    "PUBLICATION",
    "RULE",
    "SEQUENCE",
    "SERVER",
    "STATISTICS",
    "SUBSCRIPTION",
    "SYNONYM",
    "TABLESPACE",
    "TEXT",
    "TRIGGER",
    "TYPE",
    "VIRTUAL",
];

/// Classifies a statement from its first few tokens (without reading the rest of a long one).
pub fn classify(statement: &str, dialect: Dialect) -> Kind {
    let mut tokens = Lexer::new(statement, dialect);
    let Some(first) = tokens.next() else {
        return Kind::Skip;
    };
    if first.is_keyword(statement, "CREATE") {
        for token in tokens.take(16) {
            let TokenKind::Word { quoted: false } = token.kind else {
                continue;
            };
            let word = token.text(statement).to_ascii_uppercase();
            match word.as_str() {
                "TABLE" => return Kind::CreateTable,
                "VIEW" => return Kind::CreateView,
                "ROLE" | "USER" => return Kind::CreateRole,
                "SCHEMA" => return Kind::CreateSchema,
                w if CREATE_SKIPPED.contains(&w) => return Kind::Skip,
                _ => {}
            }
        }
        return Kind::Skip;
    }
    if first.is_keyword(statement, "ALTER") {
        let mut rest = tokens;
        let is_table = rest
            .next()
            .is_some_and(|t| t.is_keyword(statement, "TABLE"));
        let adds = is_table
            && rest.any(|t| {
                ["ADD", "PRIMARY", "FOREIGN", "REFERENCES", "ATTACH"]
                    .iter()
                    .any(|k| t.is_keyword(statement, k))
            });
        return if adds { Kind::AlterTable } else { Kind::Skip };
    }
    if first.is_keyword(statement, "GRANT") || first.is_keyword(statement, "REVOKE") {
        return Kind::Grant;
    }
    Kind::Skip
}

/// Parenthesis nesting beyond which sqlparser is not asked (its recursion limit is 50).
pub const MAX_DEPTH: usize = 40;
/// Operators in one comma-free run beyond which sqlparser is not asked (a left-deep expression
/// tree this deep can overflow the stack when walked or dropped).
pub const MAX_OPERATORS: usize = 500;

/// Why a statement is too deep or too long for sqlparser, if it is.
pub fn too_complex(statement: &str, dialect: Dialect) -> Option<String> {
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut operators = 0usize;
    let mut max_operators = 0usize;
    for token in Lexer::new(statement, dialect) {
        match token.kind {
            TokenKind::Punct('(' | '[') => {
                depth += 1;
                max_depth = max_depth.max(depth);
                operators = 0;
            }
            TokenKind::Punct(')' | ']') => depth = depth.saturating_sub(1),
            TokenKind::Punct(',' | ';') => operators = 0,
            TokenKind::Punct(
                '+' | '-' | '*' | '/' | '%' | '|' | '&' | '=' | '<' | '>' | '^' | '!' | '~',
            ) => operators += 1,
            TokenKind::Word { quoted: false }
                if token.is_keyword(statement, "AND") || token.is_keyword(statement, "OR") =>
            {
                operators += 1
            }
            _ => {}
        }
        max_operators = max_operators.max(operators);
    }
    if max_depth > MAX_DEPTH {
        Some(format!(
            "nested {max_depth} parentheses deep (more than {MAX_DEPTH}); not parsed"
        ))
    } else if max_operators > MAX_OPERATORS {
        Some(format!(
            "an expression with {max_operators} operators (more than {MAX_OPERATORS}); not parsed"
        ))
    } else {
        None
    }
}

/// Reads statements by tokens; `span_of` maps a byte offset in the statement to the pane.
pub struct Recovery<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    dialect: Dialect,
    span_of: &'a dyn Fn(usize) -> Span,
}

/// Words that end a column's type and start its constraints.
const COLUMN_CONSTRAINTS: [&str; 17] = [
    "AUTOINCREMENT",
    "AUTO_INCREMENT",
    "CHECK",
    "COLLATE",
    "COMMENT",
    "CONSTRAINT",
    "DEFAULT",
    "GENERATED",
    "IDENTITY",
    "NOT",
    "NULL",
    "ON",
    "PRIMARY",
    "REFERENCES",
    "UNIQUE",
    "AS",
    "WITH",
];

/// Words that open a table element that is not a column.
const NON_COLUMN_ELEMENTS: [&str; 9] = [
    "CHECK",
    "CONSTRAINT",
    "DEFAULT",
    "EXCLUDE",
    "LIKE",
    "PERIOD",
    "UNIQUE",
    "FOREIGN",
    "PRIMARY",
];

/// Words that open a MySQL index element (`KEY idx (col)`) but may also name a column
/// (`fulltext tsvector`).
const INDEX_ELEMENTS: [&str; 4] = ["FULLTEXT", "INDEX", "KEY", "SPATIAL"];

/// One element of a table body (or of an ALTER TABLE ADD).
enum Element {
    Column(Column, bool, Vec<ForeignKey>),
    PrimaryKey(Vec<String>),
    ForeignKey(ForeignKey),
    Other,
}

impl<'a> Recovery<'a> {
    /// Lexes `text` for recovery.
    pub fn new(text: &'a str, dialect: Dialect, span_of: &'a dyn Fn(usize) -> Span) -> Self {
        Recovery {
            text,
            tokens: Lexer::new(text, dialect).collect(),
            dialect,
            span_of,
        }
    }

    fn token(&self, at: usize) -> Option<&Token> {
        self.tokens.get(at)
    }

    fn is_kw(&self, at: usize, keyword: &str) -> bool {
        self.token(at)
            .is_some_and(|t| t.is_keyword(self.text, keyword))
    }

    fn is_punct(&self, at: usize, c: char) -> bool {
        self.token(at).is_some_and(|t| t.is_punct(c))
    }

    fn is_word(&self, at: usize) -> bool {
        self.token(at)
            .is_some_and(|t| matches!(t.kind, TokenKind::Word { .. }))
    }

    fn word(&self, at: usize) -> Option<(&'a str, bool)> {
        let token = self.token(at)?;
        match token.kind {
            TokenKind::Word { quoted } => Some((token.text(self.text), quoted)),
            _ => None,
        }
    }

    fn ident(&self, at: usize) -> Option<String> {
        self.word(at).map(|(w, q)| self.dialect.normalise(w, q))
    }

    /// The index of the first unquoted `keyword` at or after `from`.
    fn find_kw(&self, from: usize, keyword: &str) -> Option<usize> {
        (from..self.tokens.len()).find(|&i| self.is_kw(i, keyword))
    }

    /// Reads `a.b.c` at `at`; returns the name and the index after it.
    fn name(&self, at: usize) -> Option<(Name, usize)> {
        let mut parts = vec![self.word(at)?];
        let mut i = at + 1;
        while self.is_punct(i, '.') {
            let Some(part) = self.word(i + 1) else { break };
            parts.push(part);
            i += 2;
        }
        Some((Name::from_parts(parts, self.dialect)?, i))
    }

    /// The index of the `)` closing the `(` at `open` (or the end).
    fn closing(&self, open: usize) -> usize {
        let mut depth = 0usize;
        for i in open..self.tokens.len() {
            if self.is_punct(i, '(') {
                depth += 1;
            } else if self.is_punct(i, ')') {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
        }
        self.tokens.len()
    }

    /// Splits `from..to` at commas outside parentheses.
    fn split_commas(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let mut depth = 0usize;
        let mut start = from;
        for i in from..to {
            if self.is_punct(i, '(') {
                depth += 1;
            } else if self.is_punct(i, ')') {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && self.is_punct(i, ',') {
                parts.push((start, i));
                start = i + 1;
            }
        }
        if start < to {
            parts.push((start, to));
        }
        parts
    }

    /// The column names of the parenthesised list at or after `from` (first word of each item).
    fn column_list(&self, from: usize, to: usize) -> (Vec<String>, usize) {
        let Some(open) = (from..to).find(|&i| self.is_punct(i, '(')) else {
            return (Vec::new(), from);
        };
        let close = self.closing(open).min(to);
        let names = self
            .split_commas(open + 1, close)
            .into_iter()
            .filter_map(|(s, _)| self.ident(s))
            .collect();
        (names, close + 1)
    }

    /// Renders tokens `from..to` as written, with single spaces where the source had space.
    fn render(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        let mut previous_end: Option<usize> = None;
        for token in self.tokens.get(from..to).unwrap_or(&[]) {
            if previous_end.is_some_and(|end| token.start > end) {
                out.push(' ');
            }
            out.push_str(token.text(self.text));
            previous_end = Some(token.end);
        }
        out
    }

    /// A foreign key whose REFERENCES keyword is token `references`; its span is at token `anchor`
    /// (the first referencing column, as the AST reader places it).
    fn foreign_key(
        &self,
        columns: Vec<String>,
        references: usize,
        to: usize,
        anchor: usize,
    ) -> Option<ForeignKey> {
        let (target, after) = self.name(references + 1)?;
        let ref_columns = if self.is_punct(after, '(') {
            self.column_list(after, to).0
        } else {
            Vec::new()
        };
        let offset = self.token(anchor).map_or(0, |t| t.start);
        Some(ForeignKey {
            columns,
            references: target.table_id(),
            ref_columns,
            span: (self.span_of)(offset),
        })
    }

    fn is_column_constraint(&self, at: usize) -> bool {
        COLUMN_CONSTRAINTS.iter().any(|k| self.is_kw(at, k))
            || (self.is_kw(at, "CHARACTER") && self.is_kw(at + 1, "SET"))
    }

    /// True when the element at `at` is an index (`KEY [name] (col, …)`): its first parenthesis
    /// holds names, where a column type's holds numbers.
    fn is_index_element(&self, at: usize, to: usize) -> bool {
        (at + 1..to.min(at + 4))
            .find(|&j| self.is_punct(j, '('))
            .is_some_and(|open| self.is_word(open + 1))
            || INDEX_ELEMENTS.iter().any(|k| self.is_kw(at + 1, k))
    }

    /// Reads one table element spanning tokens `from..to`.
    fn element(&self, from: usize, to: usize) -> Element {
        let mut i = from;
        if self.is_kw(i, "CONSTRAINT") {
            i += 2;
        }
        if self.is_kw(i, "PRIMARY") {
            return Element::PrimaryKey(self.column_list(i, to).0);
        }
        if self.is_kw(i, "FOREIGN") {
            let (columns, after) = self.column_list(i, to);
            let anchor = (i..to)
                .find(|&j| self.is_punct(j, '('))
                .map_or(i, |open| open + 1);
            return match (after..to).find(|&j| self.is_kw(j, "REFERENCES")) {
                Some(r) => self
                    .foreign_key(columns, r, to, anchor)
                    .map_or(Element::Other, Element::ForeignKey),
                None => Element::Other,
            };
        }
        if i > from || NON_COLUMN_ELEMENTS.iter().any(|k| self.is_kw(i, k)) {
            return Element::Other;
        }
        if INDEX_ELEMENTS.iter().any(|k| self.is_kw(i, k)) && self.is_index_element(i, to) {
            return Element::Other;
        }
        if self.is_kw(i, "COLUMN") && self.is_word(i + 1) && i + 2 < to {
            i += 1;
        }
        let Some(name) = self.ident(i) else {
            return Element::Other;
        };
        let type_start = i + 1;
        let mut j = type_start;
        let mut depth = 0usize;
        while j < to {
            if self.is_punct(j, '(') {
                depth += 1;
            } else if self.is_punct(j, ')') {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && self.is_column_constraint(j) {
                break;
            }
            j += 1;
        }
        let mut column = Column {
            name: name.clone(),
            data_type: self.render(type_start, j),
            nullable: true,
            default: None,
        };
        let mut primary = false;
        let mut fks = Vec::new();
        while j < to {
            if self.is_kw(j, "NOT") && self.is_kw(j + 1, "NULL") {
                column.nullable = false;
                j += 2;
            } else if self.is_kw(j, "PRIMARY") {
                primary = true;
                column.nullable = false;
                j += 1;
            } else if self.is_kw(j, "DEFAULT") {
                let start = j + 1;
                let mut end = start + 1;
                let mut depth = 0usize;
                let mut k = start;
                while k < to {
                    if self.is_punct(k, '(') {
                        depth += 1;
                    } else if self.is_punct(k, ')') {
                        depth = depth.saturating_sub(1);
                    } else if depth == 0 && k > start && self.is_column_constraint(k) {
                        break;
                    }
                    k += 1;
                    end = k;
                }
                column.default = Some(self.render(start, end.min(to))).filter(|d| !d.is_empty());
                j = end.max(j + 1);
            } else if self.is_kw(j, "REFERENCES") {
                fks.extend(self.foreign_key(vec![name.clone()], j, to, i));
                j += 1;
            } else {
                j += 1;
            }
        }
        Element::Column(column, primary, fks)
    }

    /// Recovers a CREATE TABLE: its name, column list and constraints.
    pub fn table(&self) -> Option<TableFacts> {
        let at = self.find_kw(0, "TABLE")?;
        let mut i = at + 1;
        if self.is_kw(i, "IF") {
            i = (i..self.tokens.len())
                .find(|&j| self.is_kw(j, "EXISTS"))
                .map_or(i, |j| j + 1);
        }
        let (name, after) = self.name(i)?;
        let mut table = TableFacts {
            name,
            columns: Vec::new(),
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            partition_of: None,
        };
        if self.is_kw(after, "PARTITION") && self.is_kw(after + 1, "OF") {
            if let Some((parent, _)) = self.name(after + 2) {
                table.partition_of = Some(parent);
            }
        }
        if !self.is_punct(after, '(') {
            return Some(table);
        }
        let close = self.closing(after);
        for (from, to) in self.split_commas(after + 1, close) {
            match self.element(from, to) {
                Element::Column(column, primary, fks) => {
                    if primary {
                        table.primary_key.push(column.name.clone());
                    }
                    table.foreign_keys.extend(fks);
                    table.columns.push(column);
                }
                Element::PrimaryKey(columns) => table.primary_key = columns,
                Element::ForeignKey(fk) => table.foreign_keys.push(fk),
                Element::Other => {}
            }
        }
        for column in &mut table.columns {
            if table.primary_key.contains(&column.name) {
                column.nullable = false;
            }
        }
        Some(table)
    }

    /// Recovers the ADD actions of an ALTER TABLE.
    pub fn alter(&self) -> Option<(Name, Vec<AlterFact>)> {
        let at = self.find_kw(0, "TABLE")?;
        let mut i = at + 1;
        loop {
            if self.is_kw(i, "ONLY") {
                i += 1;
            } else if self.is_kw(i, "IF") && self.is_kw(i + 1, "EXISTS") {
                i += 2;
            } else {
                break;
            }
        }
        let (name, mut after) = self.name(i)?;
        if self.is_kw(after, "WITH") {
            after += 2;
        }
        let mut facts = Vec::new();
        for (from, to) in self.split_commas(after, self.tokens.len()) {
            if self.is_kw(from, "ATTACH") && self.is_kw(from + 1, "PARTITION") {
                facts.extend(
                    self.name(from + 2)
                        .map(|(child, _)| AlterFact::AttachPartition(child)),
                );
                continue;
            }
            if !self.is_kw(from, "ADD") {
                continue;
            }
            match self.element(from + 1, to) {
                Element::Column(column, primary, fks) => {
                    if primary {
                        facts.push(AlterFact::PrimaryKey(vec![column.name.clone()]));
                    }
                    facts.push(AlterFact::AddColumn(column));
                    facts.extend(fks.into_iter().map(AlterFact::ForeignKey));
                }
                Element::PrimaryKey(columns) => facts.push(AlterFact::PrimaryKey(columns)),
                Element::ForeignKey(fk) => facts.push(AlterFact::ForeignKey(fk)),
                Element::Other => {}
            }
        }
        Some((name, facts))
    }

    /// Recovers a view's name and the relations named after FROM and JOIN in its query
    /// (CTE names and table functions excluded).
    pub fn view(&self) -> Option<(Name, Vec<Name>)> {
        let at = self.find_kw(0, "VIEW")?;
        let (name, after) = self.name(at + 1)?;
        let mut ctes: Vec<String> = Vec::new();
        for i in after..self.tokens.len() {
            if self.is_kw(i + 1, "AS") && self.is_punct(i + 2, '(') && self.is_word(i) {
                ctes.extend(self.ident(i));
            }
        }
        let mut reads = Vec::new();
        let mut i = after;
        while i < self.tokens.len() {
            if !(self.is_kw(i, "FROM") || self.is_kw(i, "JOIN")) {
                i += 1;
                continue;
            }
            i += 1;
            while let Some((relation, next)) = self.name(i) {
                let is_function = self.is_punct(next, '(');
                let is_cte =
                    relation.name.as_str() != "" && ctes.contains(&relation.name) && next == i + 1;
                if !is_function && !is_cte && !self.is_kw(i, "LATERAL") {
                    reads.push(relation);
                }
                i = next;
                if self.is_kw(i, "AS") {
                    i += 2;
                } else if self.is_word(i) && !is_clause_word(self.word(i)) {
                    i += 1;
                }
                if !self.is_punct(i, ',') {
                    break;
                }
                i += 1;
            }
        }
        reads.sort();
        reads.dedup();
        Some((name, reads))
    }
}

fn is_clause_word(word: Option<(&str, bool)>) -> bool {
    const CLAUSES: [&str; 20] = [
        "WHERE",
        "JOIN",
        "LEFT",
        "RIGHT",
        "INNER",
        "OUTER",
        "FULL",
        "CROSS",
        "ON",
        "GROUP",
        "ORDER",
        "LIMIT",
        "UNION",
        "HAVING",
        "WINDOW",
        "NATURAL",
        "USING",
        "EXCEPT",
        "INTERSECT",
        "OFFSET",
    ];
    match word {
        Some((w, false)) => CLAUSES.iter().any(|c| c.eq_ignore_ascii_case(w)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Pane;

    fn recovery(text: &str, dialect: Dialect) -> Recovery<'_> {
        static SPAN: fn(usize) -> Span = |_| Span::start(Pane::Schema);
        Recovery::new(text, dialect, &SPAN)
    }

    #[test]
    fn classifies_by_leading_keywords() {
        let cases = [
            ("CREATE UNLOGGED TABLE a (x int)", Kind::CreateTable),
            ("create or replace materialized view v as select 1", Kind::CreateView),
            ("CREATE ALGORITHM=UNDEFINED DEFINER=`r`@`h` SQL SECURITY DEFINER VIEW v AS SELECT 1", Kind::CreateView),
            ("CREATE UNIQUE INDEX i ON t (x)", Kind::Skip),
            ("CREATE FUNCTION f() RETURNS int AS $$ CREATE TABLE x () $$", Kind::Skip),
            ("ALTER TABLE ONLY t ADD CONSTRAINT p PRIMARY KEY (id)", Kind::AlterTable),
            ("ALTER TABLE t OWNER TO x", Kind::Skip),
            ("ALTER TABLE ONLY p ATTACH PARTITION c DEFAULT", Kind::AlterTable),
            ("ALTER INDEX p_pkey ATTACH PARTITION c_pkey", Kind::Skip),
            ("INSERT INTO t VALUES (1)", Kind::Skip),
            ("GRANT SELECT ON t TO r", Kind::Grant),
            ("CREATE USER bob", Kind::CreateRole),
        ];
        for (text, kind) in cases {
            assert_eq!(classify(text, Dialect::Postgres), kind, "{text}");
        }
    }

    #[test]
    fn recovers_a_table_sqlparser_rejects() {
        let text =
            "CREATE TABLE public.film (film_id integer DEFAULT nextval('s'::regclass) NOT NULL, \
            title text, fulltext tsvector GENERATED ALWAYS AS (to_tsvector(title)) VIRTUAL, \
            lang_id int REFERENCES language (language_id), CONSTRAINT pk PRIMARY KEY (film_id))";
        let table = recovery(text, Dialect::Postgres).table().unwrap();
        assert_eq!(table.name.table_id(), "table:public.film");
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["film_id", "title", "fulltext", "lang_id"]);
        let first = &table.columns[0];
        assert_eq!(first.data_type, "integer");
        assert_eq!(first.default.as_deref(), Some("nextval('s'::regclass)"));
        assert!(!first.nullable);
        assert_eq!(table.primary_key, ["film_id"]);
        assert_eq!(table.foreign_keys[0].references, "table:public.language");
    }

    #[test]
    fn recovers_tsql_alters_and_views() {
        let text = "ALTER TABLE [dbo].[a] WITH CHECK ADD CONSTRAINT [fk] FOREIGN KEY([b_id]) REFERENCES [dbo].[b] ([id])";
        let (name, facts) = recovery(text, Dialect::MsSql).alter().unwrap();
        assert_eq!(name.table_id(), "table:dbo.a");
        assert!(
            matches!(&facts[..], [AlterFact::ForeignKey(fk)] if fk.references == "table:dbo.b")
        );
        let view = "CREATE VIEW v AS WITH c AS (SELECT 1) SELECT * FROM a x, s.b JOIN c ON 1 JOIN f(1) ON 1";
        let (name, reads) = recovery(view, Dialect::Generic).view().unwrap();
        assert_eq!(name.view_id(), "view:v");
        let ids: Vec<String> = reads.iter().map(Name::table_id).collect();
        assert_eq!(ids, ["table:a", "table:s.b"]);
    }

    #[test]
    fn guards_deep_and_long_statements() {
        let deep = format!(
            "CREATE TABLE t (x int CHECK ({}1{}))",
            "(".repeat(100),
            ")".repeat(100)
        );
        assert!(too_complex(&deep, Dialect::Generic).is_some());
        let long = format!("CREATE TABLE t (x int DEFAULT 0{})", " + 1".repeat(1000));
        assert!(too_complex(&long, Dialect::Generic).is_some());
        assert!(too_complex("CREATE TABLE t (a int, b int)", Dialect::Generic).is_none());
    }
}
