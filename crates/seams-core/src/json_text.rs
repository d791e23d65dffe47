//! JSON written and read by hand, for the few places the page needs it (share links, the
//! autosave, the OpenAPI export): serde_json's reader and writer cost the page's bundle about
//! 8 KB gzip of wasm (docs/budgets.md), more than these small fixed shapes need.
//!
//! [`push_string`] writes a string exactly as serde_json does (same escapes), so text written
//! here is byte for byte what `serde_json::to_string` gives. [`Reader`] reads JSON text one
//! value at a time; it accepts what serde_json's reader accepts for the shapes read with it
//! (whitespace anywhere, `\uXXXX` escapes with surrogate pairs, unknown object keys skipped) and
//! refuses what it refuses (control characters in strings, lone surrogates, trailing text).
//! It never panics and bounds nesting at [`MAX_DEPTH`], as serde_json does.

/// The deepest nesting [`Reader::skip_value`] follows (serde_json's recursion limit).
pub const MAX_DEPTH: usize = 128;

/// Appends `text` to `out` as a JSON string, quotes included, with serde_json's escapes:
/// `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, and `\u00xx` for other control characters.
pub fn push_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let byte = c as u32 as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX.get(byte >> 4).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(byte & 15).copied().unwrap_or(b'0')));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A reader over JSON text. Errors are short phrases with the byte offset where reading stopped.
pub struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text` (which must be UTF-8: serde_json refuses other bytes).
    pub fn new(text: &'a [u8]) -> Result<Self, String> {
        std::str::from_utf8(text)
            .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
        Ok(Reader { text, at: 0 })
    }

    /// An error phrase placed at the current offset.
    pub fn error(&self, what: &str) -> String {
        format!("{what} at byte {}", self.at)
    }

    /// The next byte after whitespace, not consumed.
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.text.get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// Consumes `byte` (after whitespace) or fails with "expected `byte`".
    pub fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", char::from(byte))))
        }
    }

    /// Consumes `byte` if it comes next (after whitespace).
    pub fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    /// Fails unless only whitespace is left.
    pub fn end(&mut self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters")),
        }
    }

    /// Reads `null` if it comes next; false (nothing consumed) otherwise.
    pub fn null(&mut self) -> Result<bool, String> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.word(b"null")?;
        Ok(true)
    }

    /// Consumes the literal `word` (`null`, `true`, `false`).
    fn word(&mut self, word: &[u8]) -> Result<(), String> {
        let end = self.at + word.len();
        if self.text.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(self.error("expected a value"))
        }
    }

    /// Reads a string, escapes decoded.
    pub fn string(&mut self) -> Result<String, String> {
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string"));
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let Some(&b) = self.text.get(self.at) else {
                return Err(self.error("EOF while parsing a string"));
            };
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => self.escape(&mut out)?,
                0..=0x1f => return Err(self.error("control character in a string")),
                _ => out.push(b),
            }
        }
        // The input is UTF-8 and escapes push whole characters, so this cannot fail.
        String::from_utf8(out).map_err(|_| self.error("invalid UTF-8"))
    }

    /// Decodes the escape after a backslash onto `out`.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        let Some(&b) = self.text.get(self.at) else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        let simple = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let c = self.unicode_escape()?;
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                return Ok(());
            }
            _ => return Err(self.error("invalid escape")),
        };
        out.push(simple);
        Ok(())
    }

    /// The character of a `\uXXXX` escape (its `\u` consumed), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.text.get(self.at..self.at + 2) != Some(b"\\u".as_slice()) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            other => other,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid escape"))
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Result<u32, String> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = self
                .text
                .get(self.at)
                .and_then(|&b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("invalid escape"))?;
            value = value * 16 + digit;
            self.at += 1;
        }
        Ok(value)
    }

    /// Reads a non-negative integer no greater than `max` (a fraction, exponent or sign fails).
    pub fn unsigned(&mut self, max: u64) -> Result<u64, String> {
        self.peek();
        let start = self.at;
        let mut value: u64 = 0;
        while let Some(digit) = self
            .text
            .get(self.at)
            .and_then(|&b| char::from(b).to_digit(10))
        {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(digit)))
                .ok_or_else(|| self.error("number out of range"))?;
            self.at += 1;
        }
        let digits = self.at - start;
        let leading_zero = digits > 1 && self.text.get(start) == Some(&b'0');
        let more = matches!(self.text.get(self.at), Some(b'.' | b'e' | b'E'));
        if digits == 0 || leading_zero || more {
            return Err(self.error("expected an unsigned integer"));
        }
        if value > max {
            return Err(self.error("number out of range"));
        }
        Ok(value)
    }

    /// Skips one value of any kind (an unknown key's), nested at most [`MAX_DEPTH`] deep.
    pub fn skip_value(&mut self) -> Result<(), String> {
        self.skip_nested(0)
    }

    fn skip_nested(&mut self, depth: usize) -> Result<(), String> {
        if depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'n') => self.word(b"null"),
            Some(b't') => self.word(b"true"),
            Some(b'f') => self.word(b"false"),
            Some(b'[') => {
                self.at += 1;
                if self.eat(b']') {
                    return Ok(());
                }
                loop {
                    self.skip_nested(depth + 1)?;
                    if self.eat(b']') {
                        return Ok(());
                    }
                    self.expect(b',')?;
                }
            }
            Some(b'{') => {
                self.at += 1;
                if self.eat(b'}') {
                    return Ok(());
                }
                loop {
                    self.skip_string()?;
                    self.expect(b':')?;
                    self.skip_nested(depth + 1)?;
                    if self.eat(b'}') {
                        return Ok(());
                    }
                    self.expect(b',')?;
                }
            }
            Some(b'-' | b'0'..=b'9') => self.skip_number(),
            _ => Err(self.error("expected a value")),
        }
    }

    /// Skips a string. As serde_json's reader does for a value it ignores, a `\\uXXXX` escape
    /// is only checked for its four hex digits (a lone surrogate passes).
    fn skip_string(&mut self) -> Result<(), String> {
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string"));
        }
        self.at += 1;
        loop {
            let Some(&b) = self.text.get(self.at) else {
                return Err(self.error("EOF while parsing a string"));
            };
            self.at += 1;
            match b {
                b'"' => return Ok(()),
                b'\\' => {
                    let escape = self.text.get(self.at).copied();
                    self.at += 1;
                    match escape {
                        Some(b'u') => drop(self.hex4()?),
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {}
                        _ => return Err(self.error("invalid escape")),
                    }
                }
                0..=0x1f => return Err(self.error("control character in a string")),
                _ => {}
            }
        }
    }

    /// Skips a number: `-? int (. digits)? ([eE] [+-]? digits)?`.
    fn skip_number(&mut self) -> Result<(), String> {
        self.eat(b'-');
        let int = self.digits();
        let leading_zero = int > 1 && self.text.get(self.at - int) == Some(&b'0');
        if int == 0 || leading_zero {
            return Err(self.error("invalid number"));
        }
        if self.text.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.text.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.text.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        Ok(())
    }

    /// Consumes ASCII digits; returns how many.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.text.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at - start
    }
}
