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

#[cfg(feature = "more-orms")]
mod braced;
#[cfg(feature = "more-orms")]
mod csharp;
mod expr;
#[cfg(feature = "more-orms")]
mod go;
mod java;
pub(crate) mod lexer;
pub(crate) mod naming;
#[cfg(feature = "more-orms")]
mod prisma;
mod python;
pub mod split;
#[cfg(feature = "more-orms")]
mod typescript;

use crate::diagnostic::Diagnostic;
use crate::model::{Framework, Model, ModelColumn};
use crate::order;
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
        if file.language == split::Language::Python {
            python::read(text, &index, file, &mut output);
        }
    }
    let java_files: Vec<&split::SourceFile> = files
        .iter()
        .filter(|f| f.language == split::Language::Java)
        .collect();
    let mut contributing = java::read(text, &index, &java_files, &mut output);
    contributing.extend(read_more_orms(text, &index, &files, &mut output));
    contributing.extend(output.models.iter().map(|m| m.model.path.clone()));
    warn_files_without_models(text, &index, &files, &contributing, &mut output.diagnostics);
    let mut diagnostics = output.diagnostics;
    order::sort_by(&mut diagnostics, |a, b| {
        (a.span, a.severity, &a.message).cmp(&(b.span, b.severity, &b.message))
    });
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

/// Reads the C#, TypeScript, Go and Prisma files; returns the paths of files that contributed
/// without a model of their own (a `DbContext`).
#[cfg(feature = "more-orms")]
fn read_more_orms(
    text: &str,
    index: &LineIndex,
    files: &[split::SourceFile],
    output: &mut Output,
) -> BTreeSet<String> {
    let mut entity_framework = csharp::Facts::default();
    for file in files {
        match file.language {
            split::Language::CSharp => csharp::collect(text, file, &mut entity_framework),
            split::Language::TypeScript => typescript::read(text, index, file, output),
            split::Language::Go => go::read(text, index, file, output),
            split::Language::Prisma => prisma::read(text, index, file, output),
            _ => {}
        }
    }
    csharp::finish(text, index, entity_framework, output)
}

/// Built without the `more-orms` readers (the page): each C#, TypeScript, Go and Prisma file is
/// named in a warning saying where it is read; counted as handled, so no second warning.
#[cfg(not(feature = "more-orms"))]
fn read_more_orms(
    text: &str,
    index: &LineIndex,
    files: &[split::SourceFile],
    output: &mut Output,
) -> BTreeSet<String> {
    let mut handled = BTreeSet::new();
    for file in files {
        if file.language.braced() && file.language != split::Language::Java {
            output.diagnostics.push(Diagnostic::warning(
                index.span(crate::source::Pane::Models, text, file.header),
                format!(
                    "{}: Entity Framework Core, Prisma, TypeORM and GORM models are read by the \
                     command line (`seams check --models …`); this page is built without those \
                     readers to stay small",
                    file.label()
                ),
            ));
            handled.insert(file.path.clone());
        }
    }
    handled
}

/// A warning naming each file (with a header and code) that yielded no model, saying what its
/// reader looks for: a file is never dropped without a word.
fn warn_files_without_models(
    text: &str,
    index: &LineIndex,
    files: &[split::SourceFile],
    contributing: &BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for file in files {
        let looks_for = match file.language {
            split::Language::Python => {
                "SQLAlchemy classes with `__tablename__` or `__table__`, Core `Table(...)` \
                 assignments and Django `models.Model` classes"
            }
            split::Language::Java => {
                "`@Entity` (JPA) and `@Document` (Spring Data MongoDB) classes"
            }
            split::Language::CSharp => {
                "classes with `[Table]`, named by a `DbSet<T>` or `Entity<T>()`, and \
                 `modelBuilder.Entity(\"…\")` in a model snapshot"
            }
            split::Language::TypeScript => "TypeORM `@Entity` classes",
            split::Language::Go => {
                "GORM structs (with `gorm.Model`, `gorm:` tags or `TableName()`)"
            }
            split::Language::Prisma => "`model` blocks",
            split::Language::Unknown => continue,
        };
        if file.path.is_empty()
            || contributing.contains(&file.path)
            || file.text(text).trim().is_empty()
        {
            continue;
        }
        diagnostics.push(Diagnostic::warning(
            index.span(crate::source::Pane::Models, text, file.header),
            format!(
                "no model was read from {}: its reader looks for {looks_for}",
                file.label()
            ),
        ));
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
    const EF_CORE: &str = include_str!("../../tests/fixtures/models/ef_core_shop.cs");
    const PRISMA: &str = include_str!("../../tests/fixtures/models/prisma_blog.prisma");
    const TYPEORM: &str = include_str!("../../tests/fixtures/models/typeorm_library.ts");
    const GORM: &str = include_str!("../../tests/fixtures/models/gorm_orders.go");
    const SPRING: &str = include_str!("../../tests/fixtures/models/spring_railway.java");
    const MONGO: &str = include_str!("../../tests/fixtures/models/mongo_catalog.java");
    const LICENCE: &str = include_str!("../../tests/fixtures/models/licence_headers.py");
    const BANK_DB: &str = include_str!("../../tests/fixtures/models/bank_userservice_db.py");
    const FIXTURES: [&str; 12] = [
        SEED, BANK, SQLALCHEMY, DJANGO, EF_CORE, PRISMA, TYPEORM, GORM, SPRING, MONGO, LICENCE,
        BANK_DB,
    ];

    #[cfg(feature = "more-orms")]
    #[test]
    fn entity_framework_core_classes_configuration_and_snapshot() {
        check(
            EF_CORE,
            "
shop shop/Models/Customer.cs Customer -> crm.customers (EntityFramework) @28
  Id int notnull pk @30:16
  email_address string notnull @32:19
  Nickname string? null @33:20
  rel sales.orders
shop shop/Models/Order.cs Order -> sales.orders (EntityFramework) @43
  order_no long notnull pk @47:17
  CustomerId int notnull fk=crm.customers @48:16
  total decimal notnull @51:20
  ShippedAt DateTime? null @52:22
  rel crm.customers
shop shop/Models/InvoiceConfiguration.cs Invoice -> billing.invoices (EntityFramework) @67
  InvoiceId Guid notnull pk @69:17
  amount_cents int notnull @70:16
reporting reporting/Migrations/ReportingContextModelSnapshot.cs DailySale -> reporting.daily_sales (EntityFramework) @83
  Id integer notnull pk @85:21
  region_code text notnull @89:21
  Total numeric null @94:21
  StoreId int notnull fk=Store @97:21
  rel Store",
        );
    }

    #[cfg(feature = "more-orms")]
    #[test]
    fn prisma_models_maps_and_relations() {
        check(
            PRISMA,
            "
blog blog/prisma/schema.prisma User -> users (Prisma) @11
  id Int notnull pk @12:3
  email String notnull @13:3
  display_name String null @14:3
  created_at DateTime notnull @16:3
  rel Post
blog blog/prisma/schema.prisma Post -> Post (Prisma) @22
  id Int notnull pk @23:3
  title String notnull @24:3
  author_id Int notnull fk=users @26:3
  tags String[] notnull @27:3
  status Status notnull @28:3
  rel users
blog blog/prisma/schema.prisma PostTag -> blog.PostTag (Prisma) @31
  postId Int notnull pk @32:3
  tag String notnull pk @33:3",
        );
    }

    #[cfg(feature = "more-orms")]
    #[test]
    fn typeorm_entities_columns_and_join_columns() {
        check(
            TYPEORM,
            "
library library/src/entity/Book.ts Book -> catalog.books (TypeOrm) @6
  id number notnull pk @8:3
  book_title string notnull @11:3
  summary text null @14:3
  author_id Author notnull fk=author @18:3
  shelfId Shelf null fk=shelf @21:3
  rel author,shelf,loan
library library/src/entity/Author.ts BookAuthor -> book_author (TypeOrm) @35
  id uuid notnull pk @37:3
  created_at Date notnull @40:3",
        );
    }

    #[cfg(feature = "more-orms")]
    #[test]
    fn gorm_structs_tags_and_table_names() {
        check(
            GORM,
            "
orders orders/internal/model/order.go Customer -> customers (Gorm) @10
  id uint notnull pk @10:1
  created_at time.Time null @10:1
  updated_at time.Time null @10:1
  deleted_at gorm.DeletedAt null @10:1
  email_address string notnull @12:2
  name *string null @13:2
orders orders/internal/model/order.go Order -> orders (Gorm) @16
  id uint notnull pk @17:2
  number string notnull @18:2
  customer_id uint null fk=customers @19:2
  placed_at time.Time null @22:2
  rel customers,sales.order_lines
orders orders/internal/model/order.go OrderItem -> sales.order_lines (Gorm) @27
  order_id uint notnull pk @28:2
  sku string notnull pk @29:2
  qty int null @30:2",
        );
    }

    #[test]
    fn jpa_spring_boot_naming_embeddables_and_standard_naming() {
        check(
            SPRING,
            "
tickets tickets/src/main/java/rail/tickets/Train.java Train -> train_run (Jpa) @5
  id String notnull pk @7:20
  train_type String null @8:20
  seat_count int notnull @10:17
  station_code String null @23:20
  platform Integer null @25:21
  operator_id Operator null fk=Operator @15:22
  rel Operator
tickets tickets/src/main/java/rail/tickets/ShipmentLabel.java ShipmentLabel -> logistics.shipment_label (Jpa) @33
  shipment_id Long notnull pk @41:18
  copy_no int notnull pk @42:17
  printed_by String null @36:20
catalog catalog/src/main/java/rail/catalog/Operator.java Operator -> Operator (Jpa) @50
  operatorId Long notnull pk @52:18
  legalName String null @53:20",
        );
    }

    #[test]
    fn spring_data_mongodb_documents_are_collections() {
        check(
            MONGO,
            "
catalog catalog/src/main/java/shop/catalog/Product.java Product -> products (SpringDataMongo) @9
  _id String notnull pk @11:20
  display_name String ? @13:20
  unit_price java.math.BigDecimal ? @15:34
  tags List<String> ? @16:26
  rel supplier
catalog catalog/src/main/java/shop/catalog/Supplier.java Supplier -> supplier (SpringDataMongo) @27
  _id String notnull pk @29:20
  companyName String ? @30:20",
        );
    }

    #[test]
    fn licence_first_files_are_neither_merged_nor_silent() {
        check(
            LICENCE,
            "
accounts accounts/userservice/db.py accounts_table -> accounts (SqlAlchemy) @12
  accountid String notnull pk @15:13
  owner String notnull @16:13
unnamed  contacts -> contacts (SqlAlchemy) @25
  username String notnull @25:42
models:18:1: warning: a new file starts here (a licence comment or a second `package` after `accounts/userservice/db.py`) without a header naming its path; it is read as a file of a service called `unnamed`: add a header line naming its path above it (`# svc/models.py`, `// svc/File.java`)",
        );
    }

    /// `cargo test -p seams-core --no-default-features`: the page's build names such files.
    #[cfg(not(feature = "more-orms"))]
    #[test]
    fn without_the_more_orms_readers_their_files_are_named_in_a_warning() {
        let parsed = parse_models(EF_CORE);
        assert!(parsed.models.is_empty());
        assert!(parsed.diagnostics.iter().any(|d| d
            .message
            .contains("`shop/Models/Order.cs`: Entity Framework Core")));
    }

    #[test]
    fn a_file_that_yields_no_model_is_named_and_source_folders_are_explained() {
        check(
            "# src/shop/base.py\nBase = declarative_base()\n\
             # shop/models.py\nclass A(Base):\n    __tablename__ = 'a'\n    __table_args__ = {'schema': 'crm'}\n    id = Column(Integer, primary_key=True)\n",
            "
shop shop/models.py A -> crm.a (SqlAlchemy) @4
  id Integer notnull pk @7:5
models:1:1: warning: no model was read from `src/shop/base.py`: its reader looks for SQLAlchemy classes with `__tablename__` or `__table__`, Core `Table(...)` assignments and Django `models.Model` classes
models:1:1: info: the service of `src/shop/base.py` is taken as `shop` (`src` holds services rather than naming one); write `service: NAME` after the path to choose another",
        );
    }

    #[test]
    fn a_core_table_built_in_init_is_read() {
        check(
            BANK_DB,
            "
userservice src/accounts/userservice/db.py users_table -> users (SqlAlchemy) @20
  accountid String notnull pk @23:13
  username String notnull @24:13
  passhash LargeBinary notnull @25:13
  birthday Date notnull @26:13
  timezone String notnull @27:13",
        );
    }

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
ledgerwriter ledgerwriter/src/main/java/anthos/samples/bankofanthos/ledgerwriter/Transaction.java Transaction -> transactions (Jpa) @15
  transaction_id long notnull pk @23:18
  from_acct String notnull @26:20
  from_route String notnull @28:20
  to_acct String notnull @30:20
  to_route String notnull @32:20
  amount Integer notnull @34:21
  timestamp Date notnull @37:18";
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
        assert_eq!(reader.columns[4].name, "timestamp");
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
shop shop/src/main/java/shop/Order.java Order -> order (Jpa) @3
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
        fn code_under_every_reader_never_panics(
            which in 0usize..6,
            code in "[#/@a-zA-Z_ ().=:\\[\\]{}<>\"'`,;?\n|*-]{0,300}"
        ) {
            let header = ["# a/m.py", "// a/A.java", "// a/A.cs", "// a/a.ts", "// a/a.go",
                "// a/schema.prisma"][which];
            let text = format!("{header}\n{code}");
            prop_assert_eq!(parse_models(&text), parse_models(&text));
        }

        #[test]
        fn truncated_fixtures_never_panic(cut in 0usize..4000, which in 0usize..12) {
            let text = FIXTURES[which];
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let prefix = &text[..end];
            prop_assert_eq!(parse_models(prefix), parse_models(prefix));
        }
    }
}
