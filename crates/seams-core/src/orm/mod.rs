//! ORM models: SQLAlchemy, Django and JPA model sources split into files by header comments
//! (`# app_a/models/user.py`); the first path segment names the service.
//!
//! Start at [`parse_models`]. The pane is cut into files ([`split`]), each file is tokenized by a
//! small tolerant lexer and read by the reader of its language ([`python`] for SQLAlchemy and
//! Django, [`java`] for JPA), and finally references to model classes (`relationship("Order")`,
//! `ForeignKey(User)`, `@ManyToOne User user`) are resolved to table names across the pane.
//!
//! Why no real parser: the maintained Python parsers (ruff's, rustpython-parser) are large and
//! reject half-written code outright, and tree-sitter needs a C toolchain for
//! wasm32-unknown-unknown. Model declarations are a narrow, regular subset of each language
//! (class headers, `name = Call(args)` lines, annotations on fields), so a lexer that knows
//! strings, comments and brackets plus a small argument reader covers them and degrades line by
//! line on broken input.

mod expr;
mod java;
pub(crate) mod lexer;
mod python;
pub mod split;

use crate::diagnostic::Diagnostic;
use crate::model::{Framework, Model, ModelColumn};
use crate::source::{LineIndex, Pane, Source};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Everything read from the Models pane.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedModels {
    /// Models in input order.
    pub models: Vec<Model>,
    /// Diagnostics for what was skipped.
    pub diagnostics: Vec<Diagnostic>,
    /// The files behind the pane's headers: each starts at its header line, its line 1 is the
    /// line after it.
    pub sources: Vec<Source>,
}

/// A reference to a model class, resolved to its table once the whole pane has been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClassRef {
    /// The class name as written, without module prefix (`Order`).
    pub class: String,
    /// The table name to use when no class of that name is in the pane.
    pub fallback: String,
}

/// A model as a reader produced it, with its class references still unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawModel {
    /// The model; `foreign_key` of referenced columns and `relationships` are filled later.
    pub model: Model,
    /// Columns whose foreign key names a class: (index into `model.columns`, the class).
    pub column_refs: Vec<(usize, ClassRef)>,
    /// Classes named by relationships, in declaration order.
    pub relationship_refs: Vec<ClassRef>,
}

/// What the readers write into.
#[derive(Debug, Default)]
pub(crate) struct Output {
    /// Models in input order.
    pub models: Vec<RawModel>,
    /// Diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the Models pane. Never fails: what cannot be read becomes a diagnostic.
pub fn parse_models(text: &str) -> ParsedModels {
    let index = LineIndex::new(text);
    let mut output = Output::default();
    let files = split::split_files(text, &index, &mut output.diagnostics);
    for file in &files {
        match file.language {
            split::Language::Python => python::read(text, &index, file, &mut output),
            split::Language::Java => java::read(text, &index, file, &mut output),
            split::Language::Unknown => {}
        }
    }
    let mut diagnostics = output.diagnostics;
    diagnostics
        .sort_by(|a, b| (a.span, a.severity, &a.message).cmp(&(b.span, b.severity, &b.message)));
    diagnostics.dedup();
    let sources = files
        .iter()
        .filter(|file| !file.path.is_empty())
        .map(|file| {
            let (first_line, _) = index.position(text, file.start);
            Source {
                pane: Pane::Models,
                start: first_line.saturating_sub(1).max(1),
                first_line,
                name: file.path.clone(),
            }
        })
        .collect();
    ParsedModels {
        models: resolve_class_refs(output.models),
        diagnostics,
        sources,
    }
}

/// Turns class references into table names: a class of the same service first, else the one
/// class of that name in the pane, else the reference's fallback.
fn resolve_class_refs(raw: Vec<RawModel>) -> Vec<Model> {
    let mut by_service: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut by_class: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in &raw {
        let class = r.model.class_name.clone();
        by_service
            .entry((r.model.service.clone(), class.clone()))
            .or_insert_with(|| r.model.table.clone());
        by_class
            .entry(class)
            .or_default()
            .insert(r.model.table.clone());
    }
    let resolve = |service: &str, reference: &ClassRef| -> String {
        if let Some(table) = by_service.get(&(service.to_string(), reference.class.clone())) {
            return table.clone();
        }
        match by_class.get(&reference.class) {
            Some(tables) if tables.len() == 1 => tables.iter().next().cloned().unwrap_or_default(),
            _ => reference.fallback.clone(),
        }
    };
    raw.into_iter()
        .map(|r| {
            let mut model = r.model;
            for (column, reference) in &r.column_refs {
                let table = resolve(&model.service, reference);
                if let Some(column) = model.columns.get_mut(*column) {
                    column.foreign_key = Some(table);
                }
            }
            for reference in &r.relationship_refs {
                let table = resolve(&model.service, reference);
                if !model.relationships.contains(&table) {
                    model.relationships.push(table);
                }
            }
            model
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../../../../examples/seed/models.py");
    const BANK: &str = include_str!("../../tests/fixtures/models/bank_transactions.java");
    const SQLALCHEMY: &str = include_str!("../../tests/fixtures/models/sqlalchemy_styles.py");
    const DJANGO: &str = include_str!("../../tests/fixtures/models/django_shop.py");

    /// One line per model, one per column: `name type null/notnull [pk] [-> fk] @line`.
    fn summary(parsed: &ParsedModels) -> String {
        let mut out = String::new();
        for m in &parsed.models {
            out.push_str(&format!(
                "{} {} {} -> {} ({:?}) @{}\n",
                m.service, m.path, m.class_name, m.table, m.framework, m.span.line
            ));
            for c in &m.columns {
                let null = match c.nullable {
                    Some(true) => "null",
                    Some(false) => "notnull",
                    None => "?",
                };
                let pk = if c.primary_key { " pk" } else { "" };
                let fk = c
                    .foreign_key
                    .as_ref()
                    .map(|f| format!(" fk={f}"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "  {} {} {null}{pk}{fk} @{}:{}\n",
                    c.name, c.orm_type, c.span.line, c.span.column
                ));
            }
            if !m.relationships.is_empty() {
                out.push_str(&format!("  rel {}\n", m.relationships.join(",")));
            }
        }
        for d in &parsed.diagnostics {
            out.push_str(&format!("{d}\n"));
        }
        out
    }

    fn check(text: &str, expected: &str) {
        let got = summary(&parse_models(text));
        assert_eq!(got.trim(), expected.trim(), "\n--- got ---\n{got}");
    }

    #[test]
    fn seed_article_models_are_two_identical_copies() {
        check(
            SEED,
            "
app_a app_a/models/user.py User -> users (SqlAlchemy) @2
  id Integer notnull pk @4:5
  name String null @5:5
  status String null @6:5
app_b app_b/models/user.py User -> users (SqlAlchemy) @9
  id Integer notnull pk @11:5
  name String null @12:5
  status String null @13:5",
        );
    }

    #[test]
    fn sqlalchemy_declarative_mapped_and_core_styles() {
        check(
            SQLALCHEMY,
            "
shop_api shop_api/models/order.py Customer -> customers (SqlAlchemy) @15
  id int notnull pk @20:5
  email String(255) notnull @21:5
  nickname str null @22:5
  bio Text null @23:5
  rel orders
shop_api shop_api/models/order.py Order -> orders (SqlAlchemy) @27
  created_at DateTime notnull @12:5
  id Integer notnull pk @30:5
  customer_id Integer notnull fk=customers @31:5
  total_amount Numeric(10, 2) null @36:5
  rel customers
shop_api shop_api/models/order.py audit_log -> audit.audit_log (SqlAlchemy) @42
  id Integer notnull pk @45:5
  order_id  null fk=orders @46:5
  message String notnull @47:5",
        );
    }

    #[test]
    fn django_models_with_default_and_meta_tables() {
        check(
            DJANGO,
            "
shop shop/orders/models.py Product -> orders_product (Django) @13
  id AutoField notnull pk @13:1
  created DateTimeField notnull @7:5
  sku CharField notnull @14:5
  price DecimalField notnull @15:5
shop shop/orders/models.py Order -> shop_orders (Django) @18
  number CharField notnull pk @19:5
  buyer_id ForeignKey notnull fk=auth_user @20:5
  product_ref ForeignKey null fk=orders_product @21:5
  note TextField null @23:5
  rel auth_user,orders_product,orders_tag",
        );
    }

    #[test]
    fn jpa_entities_of_three_services() {
        let parsed = parse_models(BANK);
        let got = summary(&parsed);
        let expected_first = "
ledgerwriter ledgerwriter/src/main/java/anthos/samples/bankofanthos/ledgerwriter/Transaction.java Transaction -> TRANSACTIONS (Jpa) @15
  TRANSACTION_ID long notnull pk @23:18
  FROM_ACCT String notnull @26:20
  FROM_ROUTE String notnull @28:20
  TO_ACCT String notnull @30:20
  TO_ROUTE String notnull @32:20
  AMOUNT Integer notnull @34:21
  TIMESTAMP Date notnull @37:18";
        assert!(got.starts_with(expected_first.trim_start()), "{got}");
        let services: Vec<&str> = parsed.models.iter().map(|m| m.service.as_str()).collect();
        assert_eq!(
            services,
            ["ledgerwriter", "transactionhistory", "balancereader"]
        );
        let history = &parsed.models[1];
        assert_eq!(history.columns.len(), 6);
        assert_eq!(history.columns[4].orm_type, "BigDecimal");
        let reader = &parsed.models[2];
        assert_eq!(reader.columns[4].name, "TIMESTAMP");
        assert_eq!(reader.columns[4].nullable, Some(true));
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    }

    #[test]
    fn jpa_relations_defaults_and_skipped_fields() {
        check(
            "// shop/src/main/java/shop/Order.java
@Entity
public class Order {
    @Id @GeneratedValue Long id;
    @ManyToOne(optional = false) @JoinColumn(name = \"customer_id\") private Customer customer;
    @ManyToOne private Store store;
    @OneToMany(mappedBy = \"order\") private List<OrderLine> lines = new ArrayList<>();
    @Transient private String cache;
    private transient int hits;
    private static final String X = \"a;b\";
    @NotNull private String code, label;
}
@Entity @Table(name = \"customers\", schema = \"crm\")
class Customer { @Id private java.util.UUID id; }
",
            "
shop shop/src/main/java/shop/Order.java Order -> Order (Jpa) @3
  id Long notnull pk @4:30
  customer_id Customer notnull fk=crm.customers @5:85
  store_id Store null fk=Store @6:30
  code String notnull @11:29
  label String notnull @11:35
  rel crm.customers,Store,OrderLine
shop shop/src/main/java/shop/Order.java Customer -> crm.customers (Jpa) @14
  id java.util.UUID notnull pk @14:45",
        );
    }

    #[test]
    fn problems_become_diagnostics() {
        check(
            "# svc/models.py
class Mixed(Base):
    id = Column(Integer, primary_key=True)
    oops Column(String)

class Orphan(Base):
    id = Column(Integer, primary_key=True)

class Broken(Base):
    __tablename__ = 'broken'
    name = Column(String,
",
            "
svc svc/models.py Broken -> broken (SqlAlchemy) @9
  name String null @11:5
models:2:1: warning: class `Mixed` declares columns but no `__tablename__` (a mixin or single-table subclass?); it is not read as a model
models:4:5: warning: could not read this column declaration (expected `name = Column(...)`); skipped
models:6:1: warning: class `Orphan` declares columns but no `__tablename__` (a mixin or single-table subclass?); it is not read as a model
models:11:18: error: this bracket is never closed; the declarations after it could not be read",
        );
    }

    #[test]
    fn a_pane_of_many_models_reads_in_one_pass() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(&format!(
                "# svc{}/models/m{i}.py\nclass M{i}(Base{}):\n    __tablename__ = 't{i}'\n",
                i % 7,
                i % 3
            ));
            for j in 0..20 {
                text.push_str(&format!("    c{j} = Column(String({j}), nullable=False)\n"));
            }
        }
        let parsed = parse_models(&text);
        assert_eq!(parsed.models.len(), 3000);
        assert!(parsed.models.iter().all(|m| m.columns.len() == 20));
    }

    #[test]
    fn deeply_nested_garbage_is_read_without_deep_recursion() {
        let java = format!("// a/A.java\n{}", "@Entity class A { ".repeat(50_000));
        assert_eq!(parse_models(&java).models.len(), java::MAX_NESTING);
        let python = format!("# a/m.py\nx = Table('t', {})", "f(".repeat(50_000));
        let parsed = parse_models(&python);
        assert_eq!(parsed.models.len(), 1);
        assert!(!parsed.diagnostics.is_empty());
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let first = parse_models(&text);
            prop_assert_eq!(first, parse_models(&text));
        }

        #[test]
        fn code_like_text_never_panics(
            text in "[#/@a-zA-Z_ ().=:\\[\\]{}<>\"',;\n|-]{0,300}"
        ) {
            let _ = parse_models(&text);
        }

        #[test]
        fn truncated_fixtures_never_panic(cut in 0usize..4000, which in 0usize..4) {
            let text = [SEED, BANK, SQLALCHEMY, DJANGO][which];
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let prefix = &text[..end];
            prop_assert_eq!(parse_models(prefix), parse_models(prefix));
        }
    }
}
