//! Share links: the whole page state (three panes, dialect override, stage, theme) in a URL
//! fragment, so a link reproduces what its author saw with no server.
//!
//! Format, version 1: `v1.` followed by the URL-safe base64 (no padding) of the zlib-compressed
//! JSON of [`SharedState`] — the scheme Mermaid Live and Kroki use. The version prefix lets a
//! later format be told apart; an unknown version is a clear error, not garbage.
//!
//! Decoding reads untrusted text. It never panics and bounds its work: a fragment longer than
//! [`MAX_FRAGMENT_BYTES`] is refused before decoding, and inflation stops as soon as the output
//! would exceed [`MAX_DECODED_BYTES`] (a decompression bomb costs at most that much memory).
//! The decoded texts are plain text; the page shows them as text, never as markup.

use crate::json_text::{push_string, Reader};
use crate::model::Dialect;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The prefix of a version-1 link fragment.
pub const PREFIX_V1: &str = "v1.";

/// The longest fragment [`decode`] accepts, in bytes (256 KB). Browsers accept longer URLs, but
/// a link this long is no longer something people paste into chat.
pub const MAX_FRAGMENT_BYTES: usize = 256 * 1024;

/// The most bytes a fragment may inflate to (8 MB: two full panes of
/// [`MAX_PANE_BYTES`](crate::ingest::MAX_PANE_BYTES) with room to spare).
pub const MAX_DECODED_BYTES: usize = 8 * 1024 * 1024;

/// zlib level used by [`encode`]: the smallest output (links are short-lived, size matters).
const LEVEL: u8 = 9;

/// Everything a share link carries: what the page needs to show the same picture.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedState {
    /// The Schema pane.
    #[serde(default)]
    pub schema: String,
    /// The Services pane.
    #[serde(default)]
    pub services: String,
    /// The Models pane.
    #[serde(default)]
    pub models: String,
    /// The dialect override; None means "detect".
    #[serde(default)]
    pub dialect: Option<Dialect>,
    /// The stage shown (0 = as is). Not clamped here: the page clamps it to the stages it has.
    #[serde(default)]
    pub stage: u8,
    /// The theme (`light`, `dark`), None for the reader's own preference.
    #[serde(default)]
    pub theme: Option<String>,
}

/// Why a link could not be opened. Messages are written for the person who clicked the link.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The fragment is longer than [`MAX_FRAGMENT_BYTES`].
    #[error("this link is too long to open ({len} characters; at most {max})")]
    TooLong {
        /// The fragment's length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The fragment does not start with a version prefix such as `v1.`.
    #[error("this is not a Seams share link")]
    NotALink,
    /// The fragment carries a version this Seams does not know.
    #[error("this link was made by a newer version of Seams (format {version}); reload the page to update")]
    UnknownVersion {
        /// The version as written (`v2`).
        version: String,
    },
    /// A character outside the URL-safe base64 alphabet, or a bad final character.
    #[error("this link is damaged: it has an unexpected character at position {position}")]
    BadCharacter {
        /// Byte offset in the fragment.
        position: usize,
    },
    /// The fragment ends too early (cut off when copied).
    #[error("this link is incomplete; it was probably cut off when it was copied")]
    Truncated,
    /// The compressed data is invalid (bad header, bad block, bad checksum).
    #[error("this link is damaged: its compressed data cannot be read")]
    BadCompression,
    /// The data inflates to more than [`MAX_DECODED_BYTES`].
    #[error("this link expands to more than {max} bytes; it was not opened")]
    TooLarge {
        /// The limit.
        max: usize,
    },
    /// The inflated data is not the expected JSON.
    #[error("this link is damaged: its content cannot be read ({detail})")]
    BadContent {
        /// What the JSON reader said.
        detail: String,
    },
}

/// The link fragment (without `#`) for `state`: `v1.` + base64url(zlib(JSON)).
///
/// A state whose fragment is longer than [`MAX_FRAGMENT_BYTES`] still encodes, but [`decode`]
/// will refuse it: check with [`fits`] before offering the link.
pub fn encode(state: &SharedState) -> String {
    let json = to_json(state);
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), LEVEL);
    let mut out = String::with_capacity(PREFIX_V1.len() + packed.len() * 4 / 3 + 4);
    out.push_str(PREFIX_V1);
    URL_SAFE_NO_PAD.encode_string(&packed, &mut out);
    out
}

/// [`encode`] when the fragment fits ([`fits`]), else None; compresses a [`crate::pace::STRIDE`]
/// of JSON between pauses ([`crate::pace`]) and stops as soon as the compressed data passes what
/// a fragment can hold: the page keeps its address bar a share link after every edit, and a
/// 4 MB state compressed at once was a 300 ms task, for a link too long to use.
pub async fn encode_fitting(state: &SharedState) -> Option<String> {
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
    };
    let json = to_json(state);
    // The most compressed bytes whose base64 (no padding) fits beside the prefix.
    let most = MAX_FRAGMENT_BYTES.saturating_sub(PREFIX_V1.len()) / 4 * 3;
    // zlib framing (window bits > 0), as `compress_to_vec_zlib`: the same bytes as `encode`.
    let mut compressor =
        CompressorOxide::new(create_comp_flags_from_zip_params(LEVEL.into(), 1, 0));
    let mut packed = vec![0u8; most + 1];
    let mut used = 0;
    let last = json.len().div_ceil(crate::pace::STRIDE);
    let mut pieces = json.as_bytes().chunks(crate::pace::STRIDE).map(Some);
    // Every piece of input, then the end (no input, `Finish`).
    for (k, piece) in pieces.by_ref().chain([None]).enumerate() {
        let (mut input, flush) = match piece {
            Some(bytes) => (bytes, TDEFLFlush::None),
            None => (&[][..], TDEFLFlush::Finish),
        };
        loop {
            let room = packed.get_mut(used..)?;
            let (status, read, written) = compress(&mut compressor, input, room, flush);
            used += written;
            input = input.get(read..)?;
            match status {
                TDEFLStatus::Done => {
                    packed.truncate(used);
                    let mut out = String::with_capacity(PREFIX_V1.len() + used * 4 / 3 + 4);
                    out.push_str(PREFIX_V1);
                    URL_SAFE_NO_PAD.encode_string(&packed, &mut out);
                    return fits(&out).then_some(out);
                }
                TDEFLStatus::Okay if used > most => return None,
                TDEFLStatus::Okay if input.is_empty() && flush == TDEFLFlush::None => break,
                TDEFLStatus::Okay if read > 0 || written > 0 => {}
                _ => return None,
            }
        }
        if k < last {
            crate::pace::pause().await;
        }
    }
    None
}

/// Whether an encoded fragment is short enough for [`decode`] to accept.
pub fn fits(fragment: &str) -> bool {
    fragment.len() <= MAX_FRAGMENT_BYTES
}

/// Reads a link fragment made by [`encode`]. A leading `#` and surrounding whitespace are
/// ignored. Never panics; work is bounded by [`MAX_FRAGMENT_BYTES`] and [`MAX_DECODED_BYTES`].
pub fn decode(fragment: &str) -> Result<SharedState, ShareError> {
    if fragment.len() > MAX_FRAGMENT_BYTES {
        return Err(ShareError::TooLong {
            len: fragment.len(),
            max: MAX_FRAGMENT_BYTES,
        });
    }
    let trimmed = fragment.trim();
    let text = trimmed.strip_prefix('#').unwrap_or(trimmed);
    let offset = fragment.len() - fragment.trim_start().len() + (trimmed.len() - text.len());
    let Some((version, body)) = text.split_once('.') else {
        return Err(ShareError::NotALink);
    };
    if !is_version(version) {
        return Err(ShareError::NotALink);
    }
    if version != "v1" {
        return Err(ShareError::UnknownVersion {
            version: version.to_string(),
        });
    }
    let body_offset = offset + version.len() + 1;
    let packed = decode_base64(body, body_offset)?;
    let json = inflate(&packed)?;
    from_json(&json).map_err(|detail| ShareError::BadContent { detail })
}

/// The JSON of `state`, byte for byte what `serde_json::to_string` gives for it (fields in
/// declaration order, no spaces), written by hand: serde_json in the page's wasm costs about
/// 8 KB gzip (docs/budgets.md). Links and autosaves made before and after read the same.
pub fn to_json(state: &SharedState) -> String {
    let mut out =
        String::with_capacity(state.schema.len() + state.services.len() + state.models.len() + 96);
    out.push_str("{\"schema\":");
    push_string(&mut out, &state.schema);
    out.push_str(",\"services\":");
    push_string(&mut out, &state.services);
    out.push_str(",\"models\":");
    push_string(&mut out, &state.models);
    out.push_str(",\"dialect\":");
    match state.dialect {
        Some(dialect) => push_string(&mut out, dialect.as_str()),
        None => out.push_str("null"),
    }
    out.push_str(",\"stage\":");
    out.push_str(&state.stage.to_string());
    out.push_str(",\"theme\":");
    match &state.theme {
        Some(theme) => push_string(&mut out, theme),
        None => out.push_str("null"),
    }
    out.push('}');
    out
}

/// Reads the JSON of a [`SharedState`] as serde_json's reader would with the type's derive:
/// missing fields take their defaults, unknown ones are skipped, `dialect` and `theme` may be
/// `null`, `stage` is an integer 0–255, a field given twice is an error. (The array form serde
/// also reads for a struct is refused: nothing writes it.) The error is a phrase for [`ShareError::BadContent`].
pub fn from_json(json: &[u8]) -> Result<SharedState, String> {
    let mut reader = Reader::new(json)?;
    const FIELDS: [&str; 6] = ["schema", "services", "models", "dialect", "stage", "theme"];
    let mut seen = 0_u8;
    let mut state = SharedState::default();
    reader.expect(b'{')?;
    if !reader.eat(b'}') {
        loop {
            let key = reader.string()?;
            reader.expect(b':')?;
            if let Some(bit) = FIELDS.iter().position(|f| *f == key) {
                if seen & (1 << bit) != 0 {
                    return Err(reader.error(&format!("duplicate field `{key}`")));
                }
                seen |= 1 << bit;
            }
            match key.as_str() {
                "schema" => state.schema = reader.string()?,
                "services" => state.services = reader.string()?,
                "models" => state.models = reader.string()?,
                "dialect" => state.dialect = read_dialect(&mut reader)?,
                "stage" => {
                    let stage = reader.unsigned(u64::from(u8::MAX))?;
                    state.stage =
                        u8::try_from(stage).map_err(|_| reader.error("number out of range"))?;
                }
                "theme" => {
                    state.theme = if reader.null()? {
                        None
                    } else {
                        Some(reader.string()?)
                    }
                }
                _ => reader.skip_value()?,
            }
            if reader.eat(b'}') {
                break;
            }
            reader.expect(b',')?;
        }
    }
    reader.end()?;
    Ok(state)
}

/// `null` or a dialect's name as [`Dialect::as_str`] writes it (serde's lowercase names).
fn read_dialect(reader: &mut Reader) -> Result<Option<Dialect>, String> {
    if reader.null()? {
        return Ok(None);
    }
    let name = reader.string()?;
    match Dialect::ALL.into_iter().find(|d| d.as_str() == name) {
        Some(dialect) => Ok(Some(dialect)),
        None => Err(reader.error(&format!("unknown dialect `{name}`"))),
    }
}

/// `v` followed by one to four digits.
fn is_version(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('v') else {
        return false;
    };
    (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// URL-safe base64 without padding, with errors placed in the fragment.
fn decode_base64(body: &str, offset: usize) -> Result<Vec<u8>, ShareError> {
    if body.is_empty() {
        return Err(ShareError::Truncated);
    }
    // Trailing `=` padding is tolerated (some tools add it back).
    let body = body.trim_end_matches('=');
    URL_SAFE_NO_PAD.decode(body).map_err(|e| match e {
        base64::DecodeError::InvalidByte(at, _) | base64::DecodeError::InvalidLastSymbol(at, _) => {
            ShareError::BadCharacter {
                position: offset + at,
            }
        }
        // One leftover character cannot hold a byte: the link was cut.
        base64::DecodeError::InvalidLength(_) => ShareError::Truncated,
        base64::DecodeError::InvalidPadding => ShareError::BadCharacter {
            position: offset + body.len(),
        },
    })
}

/// Inflates a zlib stream, stopping at [`MAX_DECODED_BYTES`] of output.
fn inflate(packed: &[u8]) -> Result<Vec<u8>, ShareError> {
    use miniz_oxide::inflate::TINFLStatus;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, MAX_DECODED_BYTES).map_err(
        |e| match e.status {
            TINFLStatus::HasMoreOutput => ShareError::TooLarge {
                max: MAX_DECODED_BYTES,
            },
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                ShareError::Truncated
            }
            _ => ShareError::BadCompression,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn state(schema: &str, services: &str, models: &str) -> SharedState {
        SharedState {
            schema: schema.to_string(),
            services: services.to_string(),
            models: models.to_string(),
            dialect: Some(Dialect::Postgres),
            stage: 3,
            theme: Some("dark".to_string()),
        }
    }

    /// Encodes `state`, checks the format and that decoding gives it back.
    fn check_round_trip(state: &SharedState) {
        let link = encode(state);
        assert!(link.starts_with(PREFIX_V1), "{link}");
        let body = &link[PREFIX_V1.len()..];
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "not URL-safe: {link}"
        );
        assert_eq!(decode(&link).as_ref(), Ok(state));
    }

    /// Decodes `fragment` and expects `expected`.
    fn check_error(fragment: &str, expected: ShareError) {
        assert_eq!(decode(fragment), Err(expected));
    }

    /// A `v1.` fragment around raw bytes (not necessarily valid zlib).
    fn wrap(bytes: &[u8]) -> String {
        format!("v1.{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    #[test]
    fn round_trips_typical_empty_unicode_and_large_states() {
        check_round_trip(&state(
            include_str!("../../../examples/seed/schema.sql"),
            include_str!("../../../examples/seed/services.yaml"),
            include_str!("../../../examples/seed/models.py"),
        ));
        check_round_trip(&SharedState::default());
        check_round_trip(&state(
            "CREATE TABLE \"usuários\" (nome text); -- ünïcödé, 日本語, emoji 🧵",
            "version: 1\nservices:\n  café: {reads: [\"usuários\"]}\n",
            "# 🐍\n",
        ));
        // About 3 MB of DDL-like text: compresses well below the fragment cap.
        let large: String = (0..40_000)
            .map(|i| format!("CREATE TABLE t{i} (id integer PRIMARY KEY, name text);\n"))
            .collect();
        assert!(large.len() > 2_000_000);
        let big = state(&large, "version: 1\n", "");
        let link = encode(&big);
        assert!(fits(&link), "{} bytes", link.len());
        check_round_trip(&big);
        // Compressed in pieces, the same link.
        assert_eq!(crate::pace::at_once(encode_fitting(&big)), Some(link));
        let small = state("CREATE TABLE a (id int);", "", "");
        assert_eq!(
            crate::pace::at_once(encode_fitting(&small)),
            Some(encode(&small))
        );
    }

    #[test]
    fn a_state_too_long_for_a_link_is_given_up_in_pieces_part_way() {
        // Text that hardly compresses (a counter's hashes): about 1.5 MB of it cannot fit.
        let mut noise = String::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        while noise.len() < 1_500_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            noise.push_str(&format!("{x:016x}"));
        }
        let long = state(&noise, "", "");
        assert!(!fits(&encode(&long)));
        let mut paced = crate::pace::Paced::new(encode_fitting(&long));
        let mut pieces = 1;
        let given = loop {
            if let std::task::Poll::Ready(given) = paced.step() {
                break given;
            }
            pieces += 1;
        };
        assert_eq!(given, None);
        // Hex compresses to about half: past the cap after about 400 KB of the JSON's 1.5 MB,
        // so after the second or third piece, not the sixth.
        assert!((2..=3).contains(&pieces), "{pieces} pieces");
    }

    #[test]
    fn a_leading_hash_and_whitespace_are_ignored() {
        let s = state("CREATE TABLE a (id int);", "", "");
        assert_eq!(decode(&format!("  #{}\n", encode(&s))), Ok(s));
    }

    #[test]
    fn missing_fields_decode_to_defaults() {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(br#"{"schema":"x"}"#, 6);
        let decoded = decode(&wrap(&packed)).unwrap();
        assert_eq!(
            decoded,
            SharedState {
                schema: "x".to_string(),
                ..SharedState::default()
            }
        );
    }

    #[test]
    fn too_long_is_refused_before_decoding() {
        let long = format!("v1.{}", "A".repeat(MAX_FRAGMENT_BYTES));
        check_error(
            &long,
            ShareError::TooLong {
                len: MAX_FRAGMENT_BYTES + 3,
                max: MAX_FRAGMENT_BYTES,
            },
        );
    }

    #[test]
    fn other_text_is_not_a_link() {
        for text in [
            "",
            "#",
            "hello",
            "#section-2",
            "v.abc",
            "x1.abc",
            "vv1.abc",
            "v1a.abc",
        ] {
            check_error(text, ShareError::NotALink);
        }
    }

    #[test]
    fn a_newer_version_says_so() {
        check_error(
            "v2.eJwDAAAAAAE",
            ShareError::UnknownVersion {
                version: "v2".to_string(),
            },
        );
    }

    #[test]
    fn bad_characters_are_located() {
        check_error("v1.eJw+AAAA", ShareError::BadCharacter { position: 6 });
        check_error("#v1.ab cd", ShareError::BadCharacter { position: 6 });
        // Standard base64's `/` is not URL-safe.
        check_error("v1.ab/c", ShareError::BadCharacter { position: 5 });
    }

    #[test]
    fn cut_links_are_truncated() {
        check_error("v1.", ShareError::Truncated);
        let link = encode(&state(
            "CREATE TABLE users (id int primary key);",
            "services: {}",
            "",
        ));
        // Cut at every length that leaves a valid base64 length: the zlib stream ends early.
        let mut truncated = 0;
        for cut in PREFIX_V1.len() + 1..link.len() - 1 {
            match decode(&link[..cut]) {
                Err(ShareError::Truncated) => truncated += 1,
                // A cut between characters can also leave an undecodable last symbol.
                Err(ShareError::BadCharacter { .. }) => {}
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
        assert!(truncated > 0);
    }

    #[test]
    fn corrupt_compression_and_content_are_reported() {
        // Not a zlib header.
        check_error(&wrap(b"hello world"), ShareError::BadCompression);
        // A valid stream with a flipped checksum byte.
        let mut packed = miniz_oxide::deflate::compress_to_vec_zlib(b"{}", 6);
        if let Some(last) = packed.last_mut() {
            *last ^= 0xFF;
        }
        check_error(&wrap(&packed), ShareError::BadCompression);
        // Valid zlib, not the JSON of a state.
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(b"[1, 2]", 6);
        assert!(matches!(
            decode(&wrap(&packed)),
            Err(ShareError::BadContent { .. })
        ));
        // Valid zlib, not UTF-8.
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(b"{\"schema\":\"\xFF\"}", 6);
        assert!(matches!(
            decode(&wrap(&packed)),
            Err(ShareError::BadContent { .. })
        ));
    }

    #[test]
    fn a_decompression_bomb_is_stopped_at_the_limit() {
        // 100 MB of a JSON string's body: compresses to about 100 KB, under the fragment cap.
        let mut bomb = Vec::with_capacity(100 * 1024 * 1024 + 16);
        bomb.extend_from_slice(br#"{"schema":""#);
        bomb.resize(100 * 1024 * 1024, b' ');
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&bomb, 9);
        drop(bomb);
        let link = wrap(&packed);
        assert!(fits(&link), "{} bytes", link.len());
        // Inflating stops at 8 MB: the error says so without inflating all 100 MB.
        check_error(
            &link,
            ShareError::TooLarge {
                max: MAX_DECODED_BYTES,
            },
        );
    }

    #[test]
    fn markup_in_every_field_comes_back_as_plain_text() {
        let evil = "<script>alert(1)</script>\"'&<img src=x onerror=alert(1)>";
        let s = SharedState {
            schema: evil.to_string(),
            services: evil.to_string(),
            models: evil.to_string(),
            dialect: None,
            stage: 0,
            theme: Some(evil.to_string()),
        };
        let decoded = decode(&encode(&s)).unwrap();
        assert_eq!(decoded.schema, evil);
        assert_eq!(decoded.theme.as_deref(), Some(evil));
        assert_eq!(decoded, s);
    }

    #[test]
    fn errors_read_as_sentences() {
        let message = ShareError::Truncated.to_string();
        assert!(message.starts_with("this link is incomplete"), "{message}");
        let message = ShareError::UnknownVersion {
            version: "v9".to_string(),
        }
        .to_string();
        assert!(message.contains("newer version"), "{message}");
    }

    fn arbitrary_state() -> impl Strategy<Value = SharedState> {
        (
            ".{0,200}",
            ".{0,200}",
            ".{0,80}",
            proptest::option::of(proptest::sample::select(Dialect::ALL.to_vec())),
            any::<u8>(),
            proptest::option::of("[a-z<>\"]{0,12}"),
        )
            .prop_map(
                |(schema, services, models, dialect, stage, theme)| SharedState {
                    schema,
                    services,
                    models,
                    dialect,
                    stage,
                    theme,
                },
            )
    }

    proptest! {
        #[test]
        fn decoding_any_text_never_panics(text in ".{0,400}") {
            let _ = decode(&text);
        }

        #[test]
        fn decoding_any_v1_body_never_panics(body in "[A-Za-z0-9_=-]{0,400}") {
            let _ = decode(&format!("v1.{body}"));
        }

        #[test]
        fn decoding_any_compressed_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = decode(&wrap(&bytes));
            let packed = miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 6);
            let _ = decode(&wrap(&packed));
        }

        #[test]
        fn encode_then_decode_is_identity(s in arbitrary_state()) {
            prop_assert_eq!(decode(&encode(&s)), Ok(s));
        }

        /// The hand-written JSON is serde_json's, byte for byte, so links made before and
        /// after it are the same; control characters, quotes and astral characters included.
        #[test]
        fn to_json_is_serde_jsons_text(s in arbitrary_state(), tricky in "[\\x00-\\x1f\\x7f\"\\\\/a\u{e9}\u{2028}\u{1F600}]{0,40}") {
            let s = SharedState { models: tricky, ..s };
            prop_assert_eq!(to_json(&s), serde_json::to_string(&s).unwrap());
            prop_assert_eq!(from_json(to_json(&s).as_bytes()), Ok(s));
        }

        /// On any text, the hand-written reader accepts exactly what serde_json's does, with
        /// the same state.
        #[test]
        fn from_json_agrees_with_serde_json(text in json_like()) {
            let ours = from_json(text.as_bytes()).ok();
            let theirs: Option<SharedState> = serde_json::from_slice(text.as_bytes()).ok();
            prop_assert_eq!(ours, theirs, "{}", text);
        }
    }

    /// Texts near the JSON of a state: fields in any order, unknown keys with nested values,
    /// escapes, whitespace, and small mistakes.
    fn json_like() -> impl Strategy<Value = String> {
        let value = proptest::sample::select(vec![
            "\"x\"",
            "\"a\\nb\\u00e9\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"\\udc00\"",
            "\"\\q\"",
            "\"\\/\"",
            "null",
            "true",
            "false",
            "0",
            "7",
            "255",
            "256",
            "-1",
            "1.5",
            "1e2",
            "01",
            "\"postgres\"",
            "\"mssql\"",
            "\"oracle\"",
            "[]",
            "[1, [2, {}], \"x\"]",
            "{\"a\": {\"b\": []}}",
            "{",
            "[1,]",
            "\"\t\"",
            " \"spaced\" ",
        ]);
        let key = proptest::sample::select(vec![
            "schema", "services", "models", "dialect", "stage", "theme", "other", "",
        ]);
        proptest::collection::vec((key, value), 0..5).prop_map(|fields| {
            let body: Vec<String> = fields
                .into_iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            format!(" {{{}}} ", body.join(","))
        })
    }

    #[test]
    fn from_json_reads_serde_json_edge_cases_alike() {
        for text in [
            "{}",
            " { \"schema\" : \"a\" } \n",
            "{\"schema\":\"a\"} x",
            "{\"schema\":\"a\",}",
            "{\"schema\":\"a\"",
            "",
            "{\"stage\":-0}",
            "{\"stage\":0}",
            "{\"theme\":null,\"dialect\":null}",
            "{\"dialect\":\"Postgres\"}",
            "{\"other\":-0.5e+3}",
            "{\"other\":-}",
            "{\"other\":1.}",
            "{\"schema\":\"\\uD83D\\uDE00\"}",
            "{\"schema\":\"\\u00\"}",
        ] {
            let ours = from_json(text.as_bytes()).ok();
            let theirs: Option<SharedState> = serde_json::from_slice(text.as_bytes()).ok();
            assert_eq!(ours, theirs, "{text}");
        }
        // serde also reads a struct from an array of its fields in order; nothing writes that.
        assert!(from_json(b"[]").is_err());
        assert!(from_json(&[b'{', b'"', 0xff, b'"', b'}']).is_err());
        let deep = format!("{{\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert!(from_json(deep.as_bytes()).is_err(), "nesting is bounded");
    }
}
