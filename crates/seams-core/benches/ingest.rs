//! Ingest speed: `parse_schema` against bare sqlparser on the same text, and a synthetic
//! 5,000-table schema. Run with
//! `cargo bench -p seams-core --bench ingest -- --warm-up-time 1 --measurement-time 5`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use seams_core::sql::parse_schema;
use seams_core::Dialect;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;
use std::hint::black_box;

fn lago() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/sql/pg_lago_api_structure.sql"
    );
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A schema of `count` tables, each with a key, a few columns and a foreign key to the one before.
fn synthetic(count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        text.push_str(&format!(
            "CREATE TABLE public.t{i} (\n  id bigint NOT NULL,\n  name character varying(255) DEFAULT 'x'::character varying,\n  \
             created_at timestamp without time zone NOT NULL,\n  parent_id bigint REFERENCES public.t{} (id),\n  \
             CONSTRAINT t{i}_pkey PRIMARY KEY (id)\n);\n",
            i.saturating_sub(1)
        ));
    }
    text
}

/// Bare sqlparser, as far as it gets statement by statement: parse, and after an error skip to
/// the next `;`. Returns the number of statements parsed.
fn bare_sqlparser(text: &str) -> usize {
    let dialect = PostgreSqlDialect {};
    let Ok(mut parser) = Parser::new(&dialect).try_with_sql(text) else {
        return 0;
    };
    let mut parsed = 0;
    loop {
        while parser.consume_token(&Token::SemiColon) {}
        if parser.peek_token_ref().token == Token::EOF {
            return parsed;
        }
        match parser.parse_statement() {
            Ok(statement) => {
                black_box(&statement);
                parsed += 1;
            }
            Err(_) => loop {
                let token = parser.next_token().token;
                if token == Token::SemiColon || token == Token::EOF {
                    break;
                }
            },
        }
    }
}

fn ingest(c: &mut Criterion) {
    let lago = lago();
    let mut group = c.benchmark_group("lago_534k");
    group.throughput(Throughput::Bytes(lago.len() as u64));
    group.bench_function("parse_schema", |b| {
        b.iter(|| parse_schema(black_box(&lago), Some(Dialect::Postgres)))
    });
    group.bench_function("bare_sqlparser", |b| {
        b.iter(|| bare_sqlparser(black_box(&lago)))
    });
    group.finish();

    let big = synthetic(5_000);
    let mut group = c.benchmark_group("synthetic_5000_tables");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("parse_schema", |b| {
        b.iter(|| parse_schema(black_box(&big), None))
    });
    group.bench_function("bare_sqlparser", |b| {
        b.iter(|| bare_sqlparser(black_box(&big)))
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
