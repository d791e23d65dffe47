//! A long pane text shown through a window of its lines, and the edits made through it.
//!
//! A browser lays out a `<textarea>`'s whole value: a 1 MB paste took 600–900 ms of layout in
//! one task, whatever the page did. So the page's editor gives its textarea only a [`Window`] of
//! whole lines around the visible ones, with the lines above and below it stood in for by
//! padding, and moves the window as the pane scrolls. Edits made in the window are spliced back
//! into the whole text ([`Window::replace`]); since the browser's own undo cannot span the
//! window's moves, a windowed pane keeps its own [`History`].
//!
//! Positions here are byte offsets into the whole text; the DOM counts UTF-16 units from the
//! start of the window ([`byte_to_utf16`], [`utf16_to_byte`]). Pure text arithmetic: the page
//! decides when to window, the rules that keep the text right are tested here.

/// Where a window of whole lines sits in a text. The window's text ends at its last line's end,
/// without that line's newline, unless the window reaches the end of the text; so a textarea
/// holding it shows exactly its lines, and the lines after it start one line lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    /// Byte offset of the window's first character.
    pub start: usize,
    /// Byte offset just past the window's last character.
    pub end: usize,
    /// Lines of the text above the window.
    pub lines_before: usize,
    /// Lines of the text below the window.
    pub lines_after: usize,
}

/// Lines in `text`, counted as a textarea shows them: one more than its newlines (an empty text
/// is one empty line; a final newline starts an empty last line).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The 0-based line that byte `at` of `text` is on (`at` past the end: the last line).
pub fn line_of(text: &str, at: usize) -> usize {
    text.bytes().take(at).filter(|&b| b == b'\n').count()
}

/// The byte offset where 0-based line `line` of `text` starts (past the last line: the end).
pub fn line_start(text: &str, line: usize) -> usize {
    if line == 0 {
        return 0;
    }
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .nth(line - 1)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// The position `lines` lines below (negative: above) byte `at` of `text`, in the same column
/// (counted in characters) or at the end of a shorter line; clamped to the first and last
/// lines. What Page Up and Page Down do to a caret.
pub fn moved_by_lines(text: &str, at: usize, lines: isize) -> usize {
    let line = line_of(text, at);
    let start = line_start(text, line);
    let column = text
        .get(start..floor_boundary(text, at.max(start)))
        .map_or(0, |s| s.chars().count());
    let last = line_count(text) - 1;
    let target = line.saturating_add_signed(lines).min(last);
    let target_start = line_start(text, target);
    let rest = text.get(target_start..).unwrap_or("");
    let line_text = rest.split('\n').next().unwrap_or("");
    target_start
        + line_text
            .char_indices()
            .nth(column)
            .map_or(line_text.len(), |(i, _)| i)
}

impl Window {
    /// The whole of `text` (what a short text is shown as).
    pub fn whole(text: &str) -> Window {
        Window {
            start: 0,
            end: text.len(),
            lines_before: 0,
            lines_after: 0,
        }
    }

    /// The window over lines `[first, last)` of `text`, clamped to the text and never empty of
    /// lines (a `first` past the end shows the last line).
    pub fn of_lines(text: &str, first: usize, last: usize) -> Window {
        let total = line_count(text);
        let last = last.clamp(1, total);
        let first = first.min(last - 1);
        let start = line_start(text, first);
        // The window ends before the newline that ends its last line.
        let end = if last == total {
            text.len()
        } else {
            line_start(text, last).saturating_sub(1).max(start)
        };
        Window {
            start,
            end,
            lines_before: first,
            lines_after: total - last,
        }
    }

    /// The lines `[first, last)` this window shows of a text of `total` lines.
    pub fn lines(&self, total: usize) -> (usize, usize) {
        (
            self.lines_before,
            total
                .saturating_sub(self.lines_after)
                .max(self.lines_before),
        )
    }

    /// Whether this window shows all of a text `len` bytes long.
    pub fn is_whole(&self, len: usize) -> bool {
        self.start == 0 && self.end >= len
    }

    /// The window's text (empty if the window does not fit `text`).
    pub fn shown<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether byte offset `at` of the whole text is in the window (its end included, where a
    /// caret can stand).
    pub fn holds(&self, at: usize) -> bool {
        (self.start..=self.end).contains(&at)
    }

    /// `text` with the window's text replaced by `shown` (what the textarea holds after an
    /// edit), and the window over the new text: the same lines around it, as many in it as
    /// `shown` has.
    pub fn replace(&self, text: &str, shown: &str) -> (String, Window) {
        let end = self.end.min(text.len()).max(self.start);
        let whole = splice(text, self.start, end, shown);
        let window = Window {
            end: self.start + shown.len(),
            ..*self
        };
        (whole, window)
    }
}

/// `text` with bytes `[from, to)` replaced by `inserted` (the range clamped to the text and
/// moved back to character boundaries).
pub fn splice(text: &str, from: usize, to: usize, inserted: &str) -> String {
    let from = floor_boundary(text, from.min(text.len()));
    let to = floor_boundary(text, to.clamp(from, text.len())).max(from);
    let mut out = String::with_capacity(text.len() - (to - from) + inserted.len());
    out.push_str(text.get(..from).unwrap_or(""));
    out.push_str(inserted);
    out.push_str(text.get(to..).unwrap_or(""));
    out
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The byte offset in `text` of the position `units` UTF-16 units from its start (the DOM's
/// measure), clamped to the end; a position inside a character's surrogate pair is its start.
pub fn utf16_to_byte(text: &str, units: usize) -> usize {
    let mut counted = 0;
    for (i, c) in text.char_indices() {
        if counted + c.len_utf16() > units {
            return i;
        }
        counted += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 units before byte offset `at` of `text` (clamped to the text).
pub fn byte_to_utf16(text: &str, at: usize) -> usize {
    text.get(..floor_boundary(text, at))
        .map_or(0, |head| head.chars().map(char::len_utf16).sum())
}

/// One change of a text: at byte `at`, `removed` was replaced by `inserted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte offset of the change in the text before it.
    pub at: usize,
    /// The text the change took out.
    pub removed: String,
    /// The text the change put in.
    pub inserted: String,
}

impl Edit {
    /// The change that turns `before` into `after`: what lies between their common beginning and
    /// common end (in whole characters), placed `offset` bytes into the whole text (`before` and
    /// `after` may be a window of it). `None` when they are the same.
    pub fn between(offset: usize, before: &str, after: &str) -> Option<Edit> {
        let head = before
            .char_indices()
            .zip(after.chars())
            .find(|((_, a), b)| a != b)
            .map_or(before.len().min(after.len()), |((i, _), _)| i);
        let (rest_before, rest_after) = (before.get(head..)?, after.get(head..)?);
        let tail: usize = rest_before
            .chars()
            .rev()
            .zip(rest_after.chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let removed = rest_before.get(..rest_before.len() - tail)?;
        let inserted = rest_after.get(..rest_after.len() - tail)?;
        (!removed.is_empty() || !inserted.is_empty()).then(|| Edit {
            at: offset + head,
            removed: removed.to_string(),
            inserted: inserted.to_string(),
        })
    }

    /// `text` with this change made; the caret after it (the end of what was put in).
    fn redo(&self, text: &str) -> (String, usize) {
        let out = splice(text, self.at, self.at + self.removed.len(), &self.inserted);
        (out, self.at + self.inserted.len())
    }

    /// `text` with this change taken back; the caret after it (the end of what came back).
    fn undo(&self, text: &str) -> (String, usize) {
        let out = splice(text, self.at, self.at + self.inserted.len(), &self.removed);
        (out, self.at + self.removed.len())
    }

    /// Joins `next` into this change when both are one run of typing: characters typed one
    /// after another, or deleted one after another with Backspace or Delete, on one line.
    fn absorb(&mut self, next: &Edit) -> bool {
        let one_char = |s: &str| s.chars().count() == 1 && !s.contains('\n');
        let typed_on = self.removed.is_empty()
            && next.removed.is_empty()
            && one_char(&next.inserted)
            && !self.inserted.contains('\n')
            && next.at == self.at + self.inserted.len();
        if typed_on {
            self.inserted.push_str(&next.inserted);
            return true;
        }
        let deleting = self.inserted.is_empty()
            && next.inserted.is_empty()
            && one_char(&next.removed)
            && !self.removed.contains('\n');
        if deleting && next.at + next.removed.len() == self.at {
            // Backspace: the next character deleted is before this run.
            self.removed.insert_str(0, &next.removed);
            self.at = next.at;
            return true;
        }
        if deleting && next.at == self.at {
            // Delete: the next character deleted followed this run.
            self.removed.push_str(&next.removed);
            return true;
        }
        false
    }

    /// Bytes this change keeps in memory.
    fn size(&self) -> usize {
        self.removed.len() + self.inserted.len()
    }
}

/// Most bytes of changes a [`History`] keeps; the oldest go first.
const HISTORY_BYTES: usize = 32 << 20;

/// Most changes a [`History`] keeps.
const HISTORY_EDITS: usize = 1_000;

/// The changes made to a text, to undo and redo them. Typing runs are one change each, as in a
/// textarea; a new change clears what could be redone.
#[derive(Debug, Clone, Default)]
pub struct History {
    undone: Vec<Edit>,
    done: Vec<Edit>,
    bytes: usize,
}

impl History {
    /// Records `edit`, made after the ones recorded before.
    pub fn record(&mut self, edit: Edit) {
        self.undone.clear();
        let joined = match self.done.last_mut() {
            Some(last) => {
                let before = last.size();
                let joined = last.absorb(&edit);
                if joined {
                    self.bytes = self.bytes - before + last.size();
                }
                joined
            }
            None => false,
        };
        if !joined {
            self.bytes += edit.size();
            self.done.push(edit);
        }
        while self.done.len() > HISTORY_EDITS || (self.bytes > HISTORY_BYTES && self.done.len() > 1)
        {
            let oldest = self.done.remove(0);
            self.bytes -= oldest.size();
        }
    }

    /// `text` with the last change taken back and the caret after it; `None` when there is none.
    pub fn undo(&mut self, text: &str) -> Option<(String, usize)> {
        let edit = self.done.pop()?;
        self.bytes -= edit.size();
        let out = edit.undo(text);
        self.undone.push(edit);
        Some(out)
    }

    /// `text` with the last undone change made again and the caret after it; `None` when there
    /// is none.
    pub fn redo(&mut self, text: &str) -> Option<(String, usize)> {
        let edit = self.undone.pop()?;
        let out = edit.redo(text);
        self.bytes += edit.size();
        self.done.push(edit);
        Some(out)
    }

    /// Forgets every change (the text was replaced from elsewhere).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TEXT: &str = "a\nbb\nccc\ndddd\n";

    #[test]
    fn lines_are_counted_as_a_textarea_shows_them() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a"), 1);
        assert_eq!(line_count("a\n"), 2);
        assert_eq!(line_count(TEXT), 5);
        assert_eq!(line_start(TEXT, 0), 0);
        assert_eq!(line_start(TEXT, 2), 5);
        assert_eq!(line_start(TEXT, 4), TEXT.len());
        assert_eq!(line_start(TEXT, 9), TEXT.len());
        assert_eq!(line_of(TEXT, 0), 0);
        assert_eq!(line_of(TEXT, 5), 2);
        assert_eq!(line_of(TEXT, 99), 4);
    }

    #[test]
    fn a_window_holds_whole_lines_without_its_last_newline() {
        let w = Window::of_lines(TEXT, 1, 3);
        assert_eq!(w.shown(TEXT), "bb\nccc");
        assert_eq!((w.lines_before, w.lines_after), (1, 2));
        assert_eq!(w.lines(5), (1, 3));
        // Up to the end: the final newline and the empty line after it are in.
        let w = Window::of_lines(TEXT, 3, 50);
        assert_eq!(w.shown(TEXT), "dddd\n");
        assert_eq!((w.lines_before, w.lines_after), (3, 0));
        // Past the end: the last line.
        let w = Window::of_lines(TEXT, 40, 50);
        assert_eq!((w.shown(TEXT), w.lines_before), ("", 4));
        assert!(Window::of_lines(TEXT, 0, 5).is_whole(TEXT.len()));
        assert!(!Window::of_lines(TEXT, 0, 4).is_whole(TEXT.len()));
    }

    #[test]
    fn an_edit_in_the_window_is_an_edit_of_the_text() {
        let w = Window::of_lines(TEXT, 1, 3);
        let (text, after) = w.replace(TEXT, "bb\nX\nccc");
        assert_eq!(text, "a\nbb\nX\nccc\ndddd\n");
        assert_eq!(after.shown(&text), "bb\nX\nccc");
        assert_eq!(after, Window::of_lines(&text, 1, 4));
    }

    #[test]
    fn a_page_moves_the_caret_by_lines_in_its_column() {
        // From "ccc" column 2 two lines down: "dddd" column 2.
        assert_eq!(moved_by_lines(TEXT, 7, 1), 11);
        assert_eq!(moved_by_lines(TEXT, 7, -2), 1, "line 0 is shorter: its end");
        assert_eq!(
            moved_by_lines(TEXT, 7, 99),
            TEXT.len(),
            "the empty last line"
        );
        assert_eq!(moved_by_lines(TEXT, 7, -99), 1);
        assert_eq!(moved_by_lines("€€\n€€", 3, 1), 10, "columns in characters");
    }

    #[test]
    fn positions_convert_between_bytes_and_utf16_units() {
        let s = "a€😀b";
        assert_eq!(byte_to_utf16(s, 0), 0);
        assert_eq!(byte_to_utf16(s, 4), 2);
        assert_eq!(byte_to_utf16(s, 8), 4);
        assert_eq!(byte_to_utf16(s, 99), 5);
        assert_eq!(utf16_to_byte(s, 2), 4);
        assert_eq!(
            utf16_to_byte(s, 3),
            4,
            "inside the surrogate pair: its start"
        );
        assert_eq!(utf16_to_byte(s, 4), 8);
        assert_eq!(utf16_to_byte(s, 99), s.len());
    }

    #[test]
    fn a_change_is_what_lies_between_the_common_ends() {
        let e = Edit::between(10, "create table", "create a table");
        assert_eq!(
            e,
            Some(Edit {
                at: 17,
                removed: String::new(),
                inserted: "a ".into()
            })
        );
        assert_eq!(Edit::between(0, "same", "same"), None);
        let e = Edit::between(0, "x€y", "x£y").unwrap();
        assert_eq!(
            (e.at, e.removed.as_str(), e.inserted.as_str()),
            (1, "€", "£")
        );
    }

    #[test]
    fn typing_runs_undo_as_one_change_and_redo() {
        let mut history = History::default();
        let mut text = String::from("ab");
        for typed in ["abc", "abcd", "abcde"] {
            history.record(Edit::between(0, &text, typed).unwrap());
            text = typed.to_string();
        }
        // A newline ends the run.
        history.record(Edit::between(0, &text, "abcde\n").unwrap());
        text = "abcde\n".into();
        let (t, caret) = history.undo(&text).unwrap();
        assert_eq!((t.as_str(), caret), ("abcde", 5));
        let (t, caret) = history.undo(&t).unwrap();
        assert_eq!((t.as_str(), caret), ("ab", 2));
        assert_eq!(history.undo(&t), None);
        let (t, caret) = history.redo(&t).unwrap();
        assert_eq!((t.as_str(), caret), ("abcde", 5));
        // Backspace and Delete runs.
        let mut history = History::default();
        let mut text = String::from("hello world");
        for next in ["hello worl", "hello wor", "hello wo"] {
            history.record(Edit::between(0, &text, next).unwrap());
            text = next.to_string();
        }
        for next in ["ello wo", "llo wo"] {
            history.record(Edit::between(0, &text, next).unwrap());
            text = next.to_string();
        }
        let (t, _) = history.undo(&text).unwrap();
        assert_eq!(t, "hello wo");
        let (t, _) = history.undo(&t).unwrap();
        assert_eq!(t, "hello world");
    }

    #[test]
    fn a_new_change_clears_what_could_be_redone() {
        let mut history = History::default();
        history.record(Edit::between(0, "a", "a\nb").unwrap());
        let (t, _) = history.undo("a\nb").unwrap();
        history.record(Edit::between(0, &t, "a\nc").unwrap());
        assert_eq!(history.redo("a\nc"), None);
    }

    #[test]
    fn the_history_forgets_its_oldest_changes_past_its_bounds() {
        let mut history = History::default();
        let big = "x".repeat(HISTORY_BYTES / 2 + 1);
        history.record(Edit::between(0, "", &big).unwrap());
        history.record(Edit::between(0, &big, "\n").unwrap());
        assert_eq!(history.done.len(), 1);
        assert!(history.bytes <= HISTORY_BYTES);
        let mut history = History::default();
        let mut text = String::new();
        for i in 0..HISTORY_EDITS + 10 {
            let next = format!("{text}{i}\n");
            history.record(Edit::between(0, &text, &next).unwrap());
            text = next;
        }
        assert_eq!(history.done.len(), HISTORY_EDITS);
    }

    /// Texts of a few short lines with multi-byte characters.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec("[a€😀 ]{0,4}", 1..12).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        /// Any edit made through any window is the same edit of the whole text, the new window
        /// is the one over the same lines, and undoing it gives the text back.
        #[test]
        fn edits_through_a_window_keep_the_text(
            text in text(),
            first in 0usize..14,
            count in 0usize..14,
            cut in 0usize..40,
            length in 0usize..6,
            typed in "[b\n😀]{0,3}",
        ) {
            let w = Window::of_lines(&text, first, first + count);
            let shown = w.shown(&text);
            prop_assert!(text.get(..w.start).is_some_and(|h| h.is_empty() || h.ends_with('\n')));
            let (total, lines) = (line_count(&text), line_count(shown));
            prop_assert_eq!(w.lines_before + lines + w.lines_after, total);
            let from = floor_boundary(shown, cut);
            let to = floor_boundary(shown, from + length).max(from);
            let edited = splice(shown, from, to, &typed);
            let (whole, after) = w.replace(&text, &edited);
            prop_assert_eq!(
                &whole,
                &format!("{}{}{}", &text[..w.start], edited, &text[w.end..])
            );
            let (first_line, last_line) = after.lines(line_count(&whole));
            prop_assert_eq!(after, Window::of_lines(&whole, first_line, last_line));
            let mut history = History::default();
            if let Some(edit) = Edit::between(w.start, shown, &edited) {
                history.record(edit);
                let (back, _) = history.undo(&whole).unwrap();
                prop_assert_eq!(&back, &text);
                let (again, _) = history.redo(&back).unwrap();
                prop_assert_eq!(&again, &whole);
            } else {
                prop_assert_eq!(&whole, &text);
            }
        }

        /// Positions survive the trip to UTF-16 units and back.
        #[test]
        fn positions_round_trip(text in text(), at in 0usize..80) {
            let at = floor_boundary(&text, at);
            prop_assert_eq!(utf16_to_byte(&text, byte_to_utf16(&text, at)), at);
        }
    }
}
