//! Unit tests of the highlighter, one language at a time. Each case lists the coloured tokens
//! (`class:text`, plain identifiers and punctuation left out) the page would show.

use super::*;

/// Highlights `text` as `language` and compares its coloured tokens, written `css:text`.
fn check(language: Language, text: &str, expected: &[&str]) {
    let actual: Vec<String> = highlight(language, text)
        .iter()
        .filter_map(|t| Some(format!("{}:{}", t.class.css()?, &text[t.start..t.end])))
        .collect();
    assert_eq!(actual, expected, "highlighting {text:?}");
}

const POSTGRES: Language = Language::Sql(Some(Dialect::Postgres));
const MYSQL: Language = Language::Sql(Some(Dialect::MySql));
const MSSQL: Language = Language::Sql(Some(Dialect::MsSql));
const GENERIC: Language = Language::Sql(Some(Dialect::Generic));

#[test]
fn sql_keywords_strings_identifiers_numbers() {
    check(
        MSSQL,
        "CREATE TABLE \"Order\" (id int DEFAULT 42, s text DEFAULT 'it''s', `x` [dbo]);",
        &[
            "kw:CREATE",
            "kw:TABLE",
            "id:\"Order\"",
            "kw:int",
            "kw:DEFAULT",
            "num:42",
            "kw:text",
            "kw:DEFAULT",
            "str:'it''s'",
            "id:`x`",
            "id:[dbo]",
        ],
    );
}

#[test]
fn sql_dollar_signs_inside_a_name_do_not_open_a_dollar_quote() {
    // The reader's lexer reads `price$usd$` as one name; `$usd$` after a space opens a body.
    check(
        POSTGRES,
        "SELECT price$usd$ FROM t; SELECT $usd$ x; $usd$ AS b;",
        &[
            "kw:SELECT",
            "kw:FROM",
            "kw:SELECT",
            "str:$usd$ x; $usd$",
            "kw:AS",
        ],
    );
}

#[test]
fn sql_block_comments_nest_only_in_postgres() {
    let text = "a /* x /* y */ z */ b";
    check(POSTGRES, text, &["com:/* x /* y */ z */"]);
    check(GENERIC, text, &["com:/* x /* y */"]);
}

#[test]
fn sql_brackets_quote_names_only_where_the_dialect_says_so() {
    check(
        MSSQL,
        "SELECT [a b] FROM t",
        &["kw:SELECT", "id:[a b]", "kw:FROM"],
    );
    check(
        POSTGRES,
        "SELECT a[1] FROM t",
        &["kw:SELECT", "num:1", "kw:FROM"],
    );
}

#[test]
fn sql_hash_starts_a_comment_only_in_mysql() {
    check(
        MYSQL,
        "SELECT 1; # note\nSELECT 2",
        &["kw:SELECT", "num:1", "com:# note", "kw:SELECT", "num:2"],
    );
    // Elsewhere `#t` is a (temporary table's) name, as the reader takes it.
    check(
        MSSQL,
        "SELECT 1 FROM #t",
        &["kw:SELECT", "num:1", "kw:FROM"],
    );
    check(MYSQL, "'it\\'s' int", &["str:'it\\'s'", "kw:int"]);
    check(POSTGRES, "'C:\\' int", &["str:'C:\\'", "kw:int"]);
}

#[test]
fn sql_comments_and_strings_span_lines_as_the_lexer_reads_them() {
    check(
        POSTGRES,
        "x -- note\n/* a\nb */ y 'c\nd' $_$\nselect 'x' $$ in\n$_$ LANGUAGE sql; 1.5",
        &[
            "com:-- note",
            "com:/* a\nb */",
            "str:'c\nd'",
            "str:$_$\nselect 'x' $$ in\n$_$",
            "kw:LANGUAGE",
            "num:1.5",
        ],
    );
}

#[test]
fn sql_reads_directives_and_copy_data_as_the_splitter_does() {
    check(
        MYSQL,
        "DELIMITER ;;\nCREATE TRIGGER t BEGIN SET x = 'a;b'; END;;\nDELIMITER ;\n",
        &[
            "kw:DELIMITER",
            "kw:CREATE",
            "kw:TRIGGER",
            "kw:BEGIN",
            "kw:SET",
            "str:'a;b'",
            "kw:END",
            "kw:DELIMITER",
        ],
    );
    // COPY rows are data, not SQL: their quotes and dashes open nothing.
    check(
        POSTGRES,
        "COPY t (a) FROM stdin;\nit's\t-- x\n\\.\nSELECT 'y';",
        &[
            "kw:COPY",
            "kw:FROM",
            "com:it's",
            "com:--",
            "com:x",
            "com:\\.",
            "kw:SELECT",
            "str:'y'",
        ],
    );
    check(
        MSSQL,
        "SELECT 1\nGO\nSELECT 2",
        &["kw:SELECT", "num:1", "kw:GO", "kw:SELECT", "num:2"],
    );
}

#[test]
fn sql_detects_the_dialect_when_none_is_chosen() {
    // A mysqldump header makes `#` a comment, as parse_schema would read it.
    check(
        Language::Sql(None),
        "-- MySQL dump 10.13\nCREATE TABLE `t` (a int) ENGINE=InnoDB; # c",
        &[
            "com:-- MySQL dump 10.13",
            "kw:CREATE",
            "kw:TABLE",
            "id:`t`",
            "kw:int",
            "kw:ENGINE",
            "com:# c",
        ],
    );
}

#[test]
fn yaml_keys_strings_numbers_comments() {
    check(
        Language::Services,
        "services:\n  - name: \"app-a\" # owner\n    port: 8080\n    reads: [users, 'x']\n    url: http://a:1\n    on: true\n    q: |\n      SELECT 1 # not a comment\n",
        &[
            "key:services",
            "key:name",
            "str:\"app-a\"",
            "com:# owner",
            "key:port",
            "num:8080",
            "key:reads",
            "str:'x'",
            "key:url",
            "key:on",
            "kw:true",
            "key:q",
            "str:SELECT 1 # not a comment",
        ],
    );
}

#[test]
fn json_keys_and_values() {
    check(
        Language::Services,
        "{\"a\": 1, \"b\": [\"c\", -2.5, null]}",
        &[
            "key:\"a\"",
            "num:1",
            "key:\"b\"",
            "str:\"c\"",
            "num:-2.5",
            "kw:null",
        ],
    );
}

#[test]
fn yaml_anchors_aliases_and_errors() {
    check(
        Language::Services,
        "a: &x 'v' # c\nb: *x\n",
        &["key:a", "ann:&x", "str:'v'", "com:# c", "key:b", "ann:*x"],
    );
    // After a syntax error, reading starts again at the error's line; what the parser did not
    // take before it is unread.
    check(
        Language::Services,
        "a: [x\nb: 1 # c\n",
        &["key:a", "com::", "com:[x", "key:b", "num:1", "com:# c"],
    );
}

#[test]
fn python_keywords_strings_decorators_numbers() {
    check(
        Language::Models,
        "# app/models.py\n@dataclass\nclass User(Base):  # note\n    id = Column(Integer, default=0x1F, doc=r'a\\b')\n    x = f\"{y}\" if None else 1_000",
        &[
            "hdr:# app/models.py",
            "ann:@",
            "ann:dataclass",
            "kw:class",
            "com:# note",
            "num:0x1F",
            "str:r'a\\b'",
            "str:f\"{y}\"",
            "kw:if",
            "kw:None",
            "kw:else",
            "num:1_000",
        ],
    );
}

#[test]
fn python_triple_quoted_strings_span_lines() {
    check(
        Language::Models,
        "# a/m.py\nx = \"\"\"doc\n# not a comment\nend\"\"\" # c\ny = '''one''' and 2",
        &[
            "hdr:# a/m.py",
            "str:\"\"\"doc\n# not a comment\nend\"\"\"",
            "com:# c",
            "str:'''one'''",
            "kw:and",
            "num:2",
        ],
    );
}

#[test]
fn model_headers_switch_language_and_are_not_comments() {
    check(
        Language::Models,
        "# a/m.py\nclass A: pass\n// b/src/User.java\n@Entity @Table(name = \"users\")\npublic class User { /* a\nb */ long id = 1L; // c\n}\n# app_a/models/user.py (dup)\nx = 1 # see a/b.py\n",
        &[
            "hdr:# a/m.py",
            "kw:class",
            "kw:pass",
            "hdr:// b/src/User.java",
            "ann:@",
            "ann:Entity",
            "ann:@",
            "ann:Table",
            "str:\"users\"",
            "kw:public",
            "kw:class",
            "com:/* a\nb */",
            "kw:long",
            "num:1L",
            "com:// c",
            "hdr:# app_a/models/user.py (dup)",
            "num:1",
            "com:# see a/b.py",
        ],
    );
}

#[test]
fn models_in_csharp_typescript_go_and_prisma_are_coloured() {
    check(
        Language::Models,
        "// s/A.cs service: shop\n[Table(\"a\")] public class A { public int Id { get; set; } }\n\
         // s/a.ts\n@Entity(\"b\") export class B { @Column() x: string; }\n\
         // s/a.go\ntype C struct { N string `gorm:\"column:n\"` } // c\n\
         // s/schema.prisma\nmodel D {\n  id Int @id\n}\n",
        &[
            "hdr:// s/A.cs service: shop",
            "str:\"a\"",
            "kw:public",
            "kw:class",
            "kw:public",
            "kw:int",
            "kw:get",
            "kw:set",
            "hdr:// s/a.ts",
            "ann:@",
            "ann:Entity",
            "str:\"b\"",
            "kw:export",
            "kw:class",
            "ann:@",
            "ann:Column",
            "kw:string",
            "hdr:// s/a.go",
            "kw:type",
            "kw:struct",
            "kw:string",
            "str:`gorm:\"column:n\"`",
            "com:// c",
            "hdr:// s/schema.prisma",
            "kw:model",
            "ann:@",
            "ann:id",
        ],
    );
}

#[test]
fn models_without_a_header_are_read_as_the_reader_reads_them() {
    check(
        Language::Models,
        "package x;\n@Entity class A {}",
        &["kw:package", "ann:@", "ann:Entity", "kw:class"],
    );
    check(
        Language::Models,
        "class A:\n  pass",
        &["kw:class", "kw:pass"],
    );
    // Text the reader ignores (no header, not code) is shown as unread.
    check(Language::Models, "just words", &["com:just", "com:words"]);
    check(
        Language::Models,
        "# svc/m.rb\nclass A",
        &["hdr:# svc/m.rb", "com:class", "com:A"],
    );
}

#[test]
fn java_text_blocks_span_lines() {
    check(
        Language::Models,
        "// a/A.java\nString s = \"\"\"\n  // x\n  \"\"\"; int i;",
        &["hdr:// a/A.java", "str:\"\"\"\n  // x\n  \"\"\"", "kw:int"],
    );
}

#[test]
fn unterminated_strings_end_where_the_reader_ends_them() {
    // SQL strings run to the statement's end, Python's and Java's to the line end.
    check(
        POSTGRES,
        "SELECT 'open;\nint",
        &["kw:SELECT", "str:'open;\nint"],
    );
    check(
        Language::Models,
        "# a/m.py\nx = 'open\nclass",
        &["hdr:# a/m.py", "str:'open", "kw:class"],
    );
}

#[test]
fn pieces_cover_each_line_exactly() {
    let text = "CREATE TABLE é (id int); -- ü\n\ty 'ü\nv'\r\n";
    let highlighted = Highlighted::new(POSTGRES, text);
    assert_eq!(highlighted.line_count(), 4);
    for i in 0..highlighted.line_count() {
        let joined: String = highlighted.pieces(i).iter().map(|(_, s)| *s).collect();
        assert_eq!(joined, highlighted.line(i));
    }
    assert_eq!(highlighted.line(1), "\ty 'ü");
    assert_eq!(
        highlighted.pieces(1),
        vec![(None, "\ty "), (Some("str"), "'ü")]
    );
    assert_eq!(highlighted.pieces(2), vec![(Some("str"), "v'")]);
}

#[test]
fn keyword_lists_are_sorted_for_binary_search() {
    for list in [
        sql::KEYWORDS,
        models::PYTHON_KEYWORDS,
        models::JAVA_KEYWORDS,
        models::BRACED_KEYWORDS,
    ] {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
    }
    assert!(sql::KEYWORDS
        .iter()
        .all(|k| k.len() <= 24 && *k == k.to_lowercase()));
    // Every keyword is found through its bucket, in any case, and near misses are not.
    for keyword in sql::KEYWORDS {
        assert!(sql::is_keyword(keyword) && sql::is_keyword(&keyword.to_uppercase()));
        assert!(
            !sql::is_keyword(&format!("{keyword}x"))
                || sql::KEYWORDS.contains(&&*format!("{keyword}x"))
        );
    }
    assert!(!sql::is_keyword("film_id") && !sql::is_keyword("_") && !sql::is_keyword("é"));
}

#[test]
fn a_long_dump_ends_every_body_it_opens() {
    // A pg_dump-like chunk (function bodies, COPY rows, comments) many times over: every copy
    // is highlighted as the first one is, so nothing it opens runs on into the next.
    let chunk = "--\n-- Name: f(); Type: FUNCTION\n--\nCREATE FUNCTION f() RETURNS int\n    \
        LANGUAGE plpgsql AS $_$\nBEGIN\n  RETURN 'it''s'; -- $$\nEND $_$;\n\
        COPY public.t (a, b) FROM stdin;\n1\tit's\n2\t/* no\n\\.\n\
        ALTER TABLE ONLY t ADD CONSTRAINT k PRIMARY KEY (a); /* a /* b */ c */\n";
    let once = highlight(POSTGRES, chunk);
    let many = highlight(POSTGRES, &chunk.repeat(200));
    assert!(once.len() > 30);
    assert_eq!(many.len(), once.len() * 200);
    let last = many.last().map(|t| (t.class, t.end));
    assert_eq!(last, Some((Class::Comment, chunk.len() * 200 - 1)));
}

#[test]
fn an_edit_that_changes_where_the_previous_statement_ends_is_read_again() {
    // In T-SQL a line starting with SET ends the statement before it; a DELIMITER line
    // changes how everything after it is cut; a `$$` opened in an edit runs on.
    let cases = [
        (MSSQL, "SELECT 1\nSET x = 1\n", "SELECT 1\nSXT x = 1\n"),
        (MSSQL, "SELECT 1\nSXT x = 1\n", "SELECT 1\nSET x = 1\n"),
        (MSSQL, "SELECT 1\nGO\nSELECT 2", "SELECT 1\nGO 2\nSELECT 2"),
        (
            MYSQL,
            "DELIMITER ;;\nSELECT 1;;\nSELECT 2;\n",
            "DELIMITER ;\nSELECT 1;;\nSELECT 2;\n",
        ),
        (
            POSTGRES,
            "AS $$ a; $$;\nint;\nSELECT 'x';",
            "AS $$ a; $;\nint;\nSELECT 'x';",
        ),
    ];
    for (language, before, after) in cases {
        let edited = Highlighted::new(language, before).edited(language, after);
        let fresh = Highlighted::new(language, after);
        assert_eq!(edited.tokens, fresh.tokens, "{before:?} -> {after:?}");
        assert_eq!(
            edited.checkpoints, fresh.checkpoints,
            "{before:?} -> {after:?}"
        );
    }
}

#[test]
fn common_prefix_and_suffix_count_shared_bytes() {
    let a = "x".repeat(200);
    let b = format!("{}y{}", "x".repeat(130), "x".repeat(69));
    assert_eq!(common_prefix(a.as_bytes(), b.as_bytes()), 130);
    assert_eq!(common_suffix(a.as_bytes(), b.as_bytes()), 69);
    assert_eq!(common_prefix(a.as_bytes(), a.as_bytes()), 200);
    assert_eq!(common_prefix(b"abc", b"ab"), 2);
    assert_eq!(common_suffix(b"abc", b"bc"), 2);
    assert_eq!(common_suffix(b"", b"bc"), 0);
}

#[test]
fn an_edit_keeps_the_dialect_unless_another_is_chosen() {
    let mysql = Highlighted::new(MYSQL, "SELECT 1; # c");
    let kept = mysql.edited(Language::Sql(None), "SELECT 2; # c");
    assert_eq!(kept.tokens().last().map(|t| t.class), Some(Class::Comment));
    let chosen = mysql.edited(POSTGRES, "SELECT 2; # c");
    assert_eq!(
        chosen.tokens().last().map(|t| t.class),
        Some(Class::Identifier)
    );
    // A pane of another language is read afresh, detecting the dialect.
    let services = Highlighted::new(Language::Services, "a: 1");
    let schema = services.edited(Language::Sql(None), "SELECT 'x'");
    assert_eq!(schema.tokens().last().map(|t| t.class), Some(Class::String));
}

#[test]
fn a_large_schema_is_highlighted_a_stride_at_a_time_as_it_is_at_once() {
    use std::fmt::Write as _;
    let mut schema = String::new();
    let mut k = 0;
    while schema.len() < 5 * crate::pace::STRIDE / 2 {
        let _ = writeln!(
            schema,
            "CREATE TABLE t{k} (id bigint PRIMARY KEY, label text DEFAULT 'x''y'); -- {k}"
        );
        k += 1;
    }
    let language = Language::Sql(Some(Dialect::Postgres));
    let mut paced = crate::pace::Paced::new(Highlighted::new_paced(language, &schema));
    let mut pieces = 1;
    let drawn = loop {
        if let std::task::Poll::Ready(done) = paced.step() {
            break done;
        }
        pieces += 1;
    };
    // Two and a half strides: a pause after each whole one.
    assert_eq!(pieces, 3);
    let empty = Highlighted::new(language, "");
    assert_eq!(drawn.tokens(), empty.edited(language, &schema).tokens());
    assert_eq!(drawn.changed_bytes(&schema), 0);
    assert_eq!(empty.changed_bytes(&schema), schema.len());
}
