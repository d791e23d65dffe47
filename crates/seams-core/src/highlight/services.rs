//! The Services pane: YAML (and JSON) read with `saphyr-parser`'s events, as `services::yaml`
//! reads them. Scalars and aliases come from the events, keys are the scalars a mapping reads
//! in key position, and what lies between events (indicators, anchors, tags, comments) is
//! classified by what YAML allows there. After a syntax error the parser stops; highlighting
//! starts a new parse on the next line, at most [`MAX_RESTARTS`] times, so a typo does not
//! leave the rest of the pane plain.

use super::{Class, Tokens};
use crate::services::yaml::{Scalar, ScalarMeaning};
use saphyr_parser::{Event, Parser, ScalarStyle};

/// Most parses started after syntax errors; the text after the last one is shown unread.
const MAX_RESTARTS: usize = 200;

/// Highlights a services file.
pub(super) fn highlight(text: &str, tokens: &mut Tokens) {
    let offsets = CharOffsets::new(text);
    let mut from = 0;
    for _ in 0..=MAX_RESTARTS {
        let Some(error) = document(text, from, &offsets, tokens) else {
            gap(text, text.len(), tokens);
            return;
        };
        // Resume at the error's line (or the next one, when the error is on the first line
        // read); what the parser did not take before that is unread.
        let line_start = text
            .get(..error)
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |at| at + 1);
        let restart = if line_start > from {
            line_start
        } else {
            text.get(error..)
                .and_then(|rest| rest.find('\n'))
                .map_or(text.len(), |at| error + at + 1)
        };
        tokens.runs(text, tokens.end(), restart, Class::Unread);
        from = restart;
        if from >= text.len() {
            return;
        }
    }
    tokens.runs(text, tokens.end(), text.len(), Class::Unread);
}

/// Byte offsets of the text's characters (the parser's markers count characters); None for
/// ASCII text, where the two agree.
struct CharOffsets(Option<Vec<usize>>);

impl CharOffsets {
    fn new(text: &str) -> Self {
        CharOffsets((!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(at, _)| at)
                .chain(std::iter::once(text.len()))
                .collect()
        }))
    }

    /// The number of characters before byte `at` (a character boundary).
    fn chars_before(&self, at: usize) -> usize {
        match &self.0 {
            None => at,
            Some(offsets) => offsets.partition_point(|&o| o < at),
        }
    }

    /// The byte offset of character `index`.
    fn byte(&self, index: usize) -> usize {
        match &self.0 {
            None => index,
            Some(offsets) => offsets.get(index).or(offsets.last()).copied().unwrap_or(0),
        }
    }
}

/// A mapping or list being read; a mapping alternates between keys and values.
enum Open {
    Mapping { expects_key: bool },
    Sequence,
}

/// Highlights the YAML stream starting at byte `from` until it ends (None) or a syntax error
/// stops the parser (the error's byte offset).
fn document(text: &str, from: usize, offsets: &CharOffsets, tokens: &mut Tokens) -> Option<usize> {
    let source = text.get(from..).unwrap_or_default();
    let base = offsets.chars_before(from);
    let byte = |index: usize| offsets.byte(base + index).max(from);
    let mut parser = Parser::new_from_str(source);
    let mut stack: Vec<Open> = Vec::new();
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(error) => return Some(byte(error.marker().index())),
        };
        let (start, end) = (byte(span.start.index()), byte(span.end.index()));
        let is_key = matches!(stack.last(), Some(Open::Mapping { expects_key: true }));
        let (class, completes) = match event {
            Event::Scalar(..) if is_key => (Some(Class::Key), true),
            Event::Scalar(value, style, _, _) => (Some(scalar_class(value.as_ref(), style)), true),
            Event::Alias(_) => (Some(Class::Annotation), true),
            Event::MappingStart(..) => {
                stack.push(Open::Mapping { expects_key: true });
                (None, false)
            }
            Event::SequenceStart(..) => {
                stack.push(Open::Sequence);
                (None, false)
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                (None, true)
            }
            _ => (None, false),
        };
        if completes {
            if let Some(Open::Mapping { expects_key }) = stack.last_mut() {
                *expects_key = !*expects_key;
            }
        }
        if let Some(class) = class {
            let (start, end) = scalar_range(text, start, end);
            gap(text, start, tokens);
            tokens.push(start, end, class);
        }
    }
    None
}

/// The bytes of the scalar (or alias) an event spans over `start..end`: without the anchor
/// and tag in front (the gap shows those), and for a quoted scalar up to its closing quote (the
/// parser's span may run on over the comment after it). A plain or block scalar loses trailing
/// whitespace.
fn scalar_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let span = text.get(start..end).unwrap_or_default();
    let mut rest = span;
    while rest.starts_with(['&', '!']) {
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest.get(word..).unwrap_or_default().trim_start();
    }
    let start = start + (span.len() - rest.len());
    let length = match rest.as_bytes().first() {
        Some(&quote @ (b'"' | b'\'')) => quoted_length(rest.as_bytes(), quote),
        _ => rest.trim_end().len(),
    };
    (start, start + length)
}

/// The length of the quoted scalar at the start of `bytes` up to its closing quote (all of
/// `bytes` when it has none): `\` escapes in double quotes, `''` is a quote in single ones.
fn quoted_length(bytes: &[u8], quote: u8) -> usize {
    let mut i = 1;
    while let Some(&byte) = bytes.get(i) {
        if quote == b'"' && byte == b'\\' {
            i += 2;
        } else if byte == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&quote) {
                i += 2;
            } else {
                return i + 1;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// A value scalar's class: quoted and block scalars are strings; a plain one is what the
/// reader takes it for (null and booleans are keywords).
fn scalar_class(value: &str, style: ScalarStyle) -> Class {
    if style != ScalarStyle::Plain {
        return Class::String;
    }
    let scalar = Scalar {
        text: value.to_string(),
        style,
    };
    match scalar.meaning() {
        ScalarMeaning::Null | ScalarMeaning::Bool => Class::Keyword,
        ScalarMeaning::Number => Class::Number,
        ScalarMeaning::Text => Class::Text,
    }
}

/// Classifies what lies between the last token and byte `to`: only indicators, anchors, tags
/// and comments can (a comment starts with `#` at a line start or after whitespace).
fn gap(text: &str, to: usize, tokens: &mut Tokens) {
    let from = tokens.end();
    let Some(region) = text.get(from..to) else {
        return;
    };
    let bytes = region.as_bytes();
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let after_space = i
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .map_or(
                from == 0
                    || text
                        .as_bytes()
                        .get(from - 1)
                        .is_some_and(u8::is_ascii_whitespace),
                u8::is_ascii_whitespace,
            );
        let end = if byte.is_ascii_whitespace() {
            i + 1
        } else if byte == b'#' && after_space {
            let end = region
                .get(i..)
                .and_then(|rest| rest.find('\n'))
                .map_or(region.len(), |at| i + at);
            tokens.push(from + i, from + end, Class::Comment);
            end
        } else if matches!(byte, b'&' | b'!' | b'*') {
            let end = region
                .get(i..)
                .and_then(|rest| rest.find(|c: char| c.is_whitespace() || ",[]{}".contains(c)))
                .map_or(region.len(), |at| i + at);
            tokens.push(from + i, from + end, Class::Annotation);
            end
        } else {
            let width = region
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .map_or(1, char::len_utf8);
            tokens.push(from + i, from + i + width, Class::Punctuation);
            i + width
        };
        i = end.max(i + 1);
    }
}
