//! Hostile and broken input: no panic, diagnostics instead, and the same bytes every time.

use proptest::prelude::*;
use seams_core::sql::{parse_schema, ParsedSchema};
use seams_core::Dialect;

/// Runs `parse_schema` on a thread with a 1 MiB stack (wasm's default), so a stack overflow
/// that would kill the page fails the test.
fn parse_small_stack(sql: String, dialect: Option<Dialect>) -> ParsedSchema {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || parse_schema(&sql, dialect))
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn empty_and_blank_text_yield_nothing() {
    for text in ["", "   \n\t", "-- only a comment", ";;;"] {
        let schema = parse_schema(text, None);
        assert!(schema.tables.is_empty());
        assert_eq!(schema.stats.statements, 0, "{text:?}");
    }
}

#[test]
fn binary_garbage_does_not_panic() {
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let schema = parse_small_stack(format!("CREATE TABLE {text}"), None);
    assert!(schema.stats.statements > 0);
}

#[test]
fn a_five_megabyte_paste_is_read() {
    let row = "INSERT INTO t VALUES (1, 'some text; with semicolons');\n";
    let mut text = String::from("CREATE TABLE t (id int, note text);\n");
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(row);
    }
    let schema = parse_schema(&text, Some(Dialect::Postgres));
    assert_eq!(schema.tables.len(), 1);
    assert_eq!(schema.stats.skipped, schema.stats.statements - 1);
}

#[test]
fn markup_in_a_quoted_name_is_plain_data() {
    let schema = parse_schema(
        "CREATE TABLE \"<img src=x onerror=alert(1)>\" (id int);",
        Some(Dialect::Postgres),
    );
    assert_eq!(schema.tables[0].name, "<img src=x onerror=alert(1)>");
    assert_eq!(
        schema.tables[0].id,
        "table:public.<img src=x onerror=alert(1)>"
    );
}

#[test]
fn huge_expressions_are_read_on_a_small_stack() {
    let flat = format!(
        "CREATE TABLE t (x int CHECK (x > 0{}));",
        " + 1".repeat(20_000)
    );
    let nested = format!(
        "CREATE TABLE u (y int DEFAULT {}1{});",
        "(".repeat(5_000),
        ")".repeat(5_000)
    );
    let view = format!(
        "CREATE VIEW v AS SELECT {}1{};",
        "(".repeat(5_000),
        ")".repeat(5_000)
    );
    let schema = parse_small_stack(format!("{flat}\n{nested}\n{view}"), Some(Dialect::Postgres));
    let ids: Vec<&str> = schema.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["table:public.t", "table:public.u"]);
    assert!(schema.tables.iter().all(|t| !t.recovered));
    assert_eq!(schema.views.len(), 1);
    assert_eq!(schema.diagnostics, []);
    // One parenthesis short: the statement is still read, with a warning at the open one.
    let broken = format!(
        "CREATE TABLE w (z int DEFAULT {}1{});",
        "(".repeat(5_000),
        ")".repeat(4_999)
    );
    let schema = parse_small_stack(broken, Some(Dialect::Postgres));
    assert_eq!(schema.tables.len(), 1);
    assert!(schema.tables.iter().all(|t| t.recovered));
    let messages: Vec<String> = schema.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        ["schema:1:16: warning: this `(` is never closed (the rest of table public.w was read)"]
    );
}

fn sql_fragment() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "CREATE TABLE ",
        "ALTER TABLE ONLY ",
        "CREATE VIEW v AS SELECT * FROM ",
        "GRANT SELECT ON ",
        "REFERENCES ",
        "PRIMARY KEY ",
        "FOREIGN KEY ",
        "(",
        ")",
        ",",
        ";",
        "'",
        "\"",
        "`",
        "[",
        "]",
        "$$",
        "$a$",
        "--",
        "/*",
        "*/",
        "\n",
        "\nGO\n",
        "\nDELIMITER ;;\n",
        "COPY t FROM stdin;\n",
        "\\.\n",
        "a",
        "b.c",
        "int",
        "NOT NULL",
        "DEFAULT ",
        "é",
        "\u{0}",
        " ",
        "+ 1",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics_and_is_deterministic(text in ".{0,300}") {
        let first = parse_schema(&text, None);
        let second = parse_schema(&text, None);
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
    }

    #[test]
    fn sql_fragments_never_panic_and_are_deterministic(
        parts in prop::collection::vec(sql_fragment(), 0..60),
        dialect in prop::sample::select(Dialect::ALL.to_vec()),
    ) {
        let text = parts.concat();
        let first = parse_schema(&text, Some(dialect));
        let second = parse_schema(&text, Some(dialect));
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
    }
}
