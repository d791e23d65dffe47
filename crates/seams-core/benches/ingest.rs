//! Ingest speed: `parse_schema` against bare sqlparser on the same text (the freight example, a
//! 135 KB pg_dumpall, and when the corpus is there a real 534 KB dump read in place from
//! `SEAMS_CORPUS`), and a synthetic 5,000-table schema. Run with
//! `cargo bench -p seams-core --bench ingest -- --warm-up-time 1 --measurement-time 5`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use seams_core::examples::FREIGHT;
use seams_core::sql::parse_schema;
use seams_core::Dialect;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;
use std::hint::black_box;

// Test support shared with the test binaries: a corpus file that cannot be read fails loudly.
#[path = "../tests/support/corpus.rs"]
#[allow(unused_macros, clippy::panic)]
mod corpus_support;

/// The corpus' largest PostgreSQL structure dump, when the corpus is there.
fn lago() -> Option<String> {
    let dir = corpus_support::corpus_dir(1)?;
    Some(corpus_support::read(&dir, "pg_lago_api_structure.sql"))
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
    let mut dumps = vec![("freight_135k", FREIGHT.schema.to_string())];
    dumps.extend(lago().map(|text| ("lago_534k", text)));
    for (name, dump) in &dumps {
        let mut group = c.benchmark_group(*name);
        group.throughput(Throughput::Bytes(dump.len() as u64));
        group.bench_function("parse_schema", |b| {
            b.iter(|| parse_schema(black_box(dump), Some(Dialect::Postgres)))
        });
        group.bench_function("bare_sqlparser", |b| {
            b.iter(|| bare_sqlparser(black_box(dump)))
        });
        group.finish();
    }

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
