//! What a pane's textarea holds of its text: all of it while the text is short, else a window
//! of whole lines around the visible ones (`seams_core::text_window` does the arithmetic and
//! keeps the edits). The pane scrolls a box as tall as the whole text; the textarea does not
//! scroll itself but sits in that box where its window's lines are, as tall as they are.
//!
//! A browser lays out a textarea's whole value, and a 1 MB paste took 600–900 ms of layout in
//! one task; a window of a few hundred lines takes a few. The window moves as the pane scrolls
//! (`TextView::follow_scroll`), and everything a person does that could reach past it is
//! done on the whole text: a paste into a long text ([`TextView::paste`]), Ctrl+Home and
//! Ctrl+End, Page Up and Page Down (a textarea as tall as its text would page by its height),
//! undo and redo (the browser's own history cannot span the window's moves), and
//! select-all followed by typing, cut or copy (a selection of the whole window stands for the
//! whole text). Left to the browser, within the window: typing, caret moves, mouse selection.

use leptos::html;
use leptos::prelude::*;
use seams_core::text_window::{self, Edit, History, Window};
use seams_core::Pane;
use std::cell::RefCell;
use web_sys::HtmlTextAreaElement;

/// A pane's textarea holds a window of its text once the text is this long (bytes): a
/// textarea of 64 KB took 40–80 ms of layout in headless Chromium, one of 1 MB 490–630 ms.
pub const WINDOWED_FROM: usize = 64 * 1024;

/// A windowed pane holds its whole text again once the text is shorter than this (below
/// [`WINDOWED_FROM`], so an edit at the edge does not switch back and forth).
const WHOLE_BELOW: usize = 48 * 1024;

/// Height of one line in the editor, in pixels (must match `styles/main.css`).
pub const LINE_HEIGHT: f64 = 18.0;

/// The padding above the first line and below the last, in pixels (must match
/// `styles/main.css`).
pub const PADDING: f64 = 6.0;

/// Lines assumed visible before the textarea has been laid out.
const DEFAULT_VISIBLE_LINES: usize = 40;

/// Lines shown above and below the visible ones, so small scrolls move nothing.
const WINDOW_MARGIN: usize = 100;

/// The window's edges move in steps of this many lines, so it changes only now and then.
const WINDOW_STEP: usize = 50;

/// The lines `[first, last)` around the visible ones when the pane is scrolled to `scroll_top`
/// pixels and shows `visible` lines: [`WINDOW_MARGIN`] more on each side, with edges rounded
/// outwards to [`WINDOW_STEP`]. The highlighting and the gutter draw the same lines.
pub fn window_lines(scroll_top: i32, visible: usize) -> (usize, usize) {
    let first_visible = first_visible(scroll_top);
    let first = first_visible.saturating_sub(WINDOW_MARGIN) / WINDOW_STEP * WINDOW_STEP;
    let last = (first_visible + visible + WINDOW_MARGIN).div_ceil(WINDOW_STEP) * WINDOW_STEP;
    (first, last)
}

/// The first line visible when the pane is scrolled to `scroll_top` pixels.
fn first_visible(scroll_top: i32) -> usize {
    (f64::from(scroll_top.max(0)) / LINE_HEIGHT) as usize
}

/// The scroll offset that shows 0-based line `line` three lines below the top.
pub fn scroll_to_line(line: usize) -> i32 {
    (line.saturating_sub(3) as f64 * LINE_HEIGHT) as i32
}

thread_local! {
    /// The text above and below each windowed pane's window, by pane (`pane_index`): the crash
    /// overlay reads the panes back from their textareas in the panic hook, where the reactive
    /// runtime must not be touched.
    static OUTSIDE: RefCell<[Option<(String, String)>; 3]> = const { RefCell::new([None, None, None]) };
}

/// Where pane `pane`'s text around its window is kept in `OUTSIDE`.
fn pane_index(pane: Pane) -> usize {
    match pane {
        Pane::Schema => 0,
        Pane::Services => 1,
        Pane::Models => 2,
    }
}

/// The whole text of pane `pane`, given what its textarea holds (`shown`): with the text
/// around the window when the pane is windowed. For the panic hook: never panics.
pub fn whole_text(pane: Pane, shown: String) -> String {
    OUTSIDE
        .try_with(|outside| {
            outside.try_borrow().ok().and_then(|outside| {
                outside
                    .get(pane_index(pane))
                    .and_then(Option::as_ref)
                    .map(|(before, after)| format!("{before}{shown}{after}"))
            })
        })
        .ok()
        .flatten()
        .unwrap_or(shown)
}

/// How an edit under way began (`beforeinput`): whether the selection covered the whole
/// window of a windowed text, which stands for the whole text.
#[derive(Debug, Clone, Copy)]
pub struct Began {
    whole: bool,
}

/// What became of a paste.
#[derive(Debug, Clone, Copy)]
pub struct Pasted {
    /// It replaces the whole text (all of it was selected, or the pane was empty).
    pub whole: bool,
    /// It was made on the text already (no input event follows).
    pub made: bool,
}

/// Where a pane's textarea stands.
#[derive(Debug, Clone, Copy)]
struct Marks {
    /// The part of the text the textarea holds.
    window: Window,
    /// Whether the textarea holds a window (else the whole text).
    windowed: bool,
    /// A selection (byte offsets into the text) the window moved away from while the pane
    /// scrolled; put back before the next key, as a textarea scrolls back to its caret.
    parked: Option<(usize, usize)>,
    /// Lines the pane shows at once (measured when it scrolls).
    visible: usize,
    /// The scroll offset last measured, in pixels.
    seen_top: i32,
    /// Set while the textarea's own edit is written into the text, so it is not pushed back.
    typed: bool,
    /// How the edit under way began; `None` when a script set the textarea's value.
    began: Option<Began>,
    /// A measurement of the content's width is asked for in the next frame.
    fit_pending: bool,
    /// The scroll offset to keep through a focus (the browser scrolls a focused textarea into
    /// view, and a windowed one reaches past the pane); cleared in the next frame.
    hold_top: Option<i32>,
}

/// One pane's textarea and the text it edits. Cheap to copy: every part is a handle.
#[derive(Clone, Copy)]
pub struct TextView {
    pane: Pane,
    text: RwSignal<String>,
    area: NodeRef<html::Textarea>,
    /// The pane's scrolling box (the textarea and the highlighting scroll together in it).
    scroller: NodeRef<html::Div>,
    /// The width of the widest line shown, in pixels, for the scrolling box's content.
    width: RwSignal<i32>,
    /// Where the textarea stands (a `Copy` record in one handle: fewer generic instances in
    /// the wasm than one handle per field).
    marks: StoredValue<Marks>,
    /// The changes made, to undo and redo in a windowed pane.
    history: StoredValue<History>,
}

impl TextView {
    pub fn new(
        pane: Pane,
        text: RwSignal<String>,
        area: NodeRef<html::Textarea>,
        scroller: NodeRef<html::Div>,
    ) -> TextView {
        TextView {
            pane,
            text,
            area,
            scroller,
            width: RwSignal::new(0),
            marks: StoredValue::new(Marks {
                window: Window::default(),
                windowed: false,
                parked: None,
                visible: DEFAULT_VISIBLE_LINES,
                seen_top: 0,
                typed: false,
                began: None,
                fit_pending: false,
                hold_top: None,
            }),
            history: StoredValue::new(History::default()),
        }
    }

    fn marks(&self) -> Marks {
        self.marks.get_value()
    }

    fn mark(&self, change: impl FnOnce(&mut Marks)) {
        let mut marks = self.marks.get_value();
        change(&mut marks);
        self.marks.set_value(marks);
    }

    /// The width of the widest line shown, in pixels (0 before it is measured).
    pub fn content_width(&self) -> i32 {
        self.width.get()
    }

    /// Widens the content to the textarea's widest line, measured in the next frame (reading
    /// it now would lay the page out inside this task, beside a new picture). `anew`: from the
    /// pane's width, so a narrower text narrows it (else it only grows while it is edited).
    fn fit_width(&self, anew: bool) {
        if anew && self.width.get_untracked() != 0 {
            self.width.set(0);
        }
        if self.marks().fit_pending {
            return;
        }
        self.mark(|m| m.fit_pending = true);
        let view = *self;
        request_animation_frame(move || {
            view.mark(|m| m.fit_pending = false);
            if let Some(area) = view.area.get_untracked() {
                view.measure_width(&area);
            }
        });
    }

    /// Widens the content to the textarea's widest line now.
    fn measure_width(&self, area: &HtmlTextAreaElement) {
        let width = area.scroll_width().max(self.width.get_untracked());
        if width != self.width.get_untracked() {
            self.width.set(width);
        }
    }

    /// The textarea was scrolled inside itself (a caret moved past its edge before the pane
    /// followed): it widens and scrolls back, so its text stays over the highlighting.
    pub fn hold_still(&self) {
        let Some(area) = self.area.get_untracked() else {
            return;
        };
        if area.scroll_left() != 0 || area.scroll_top() != 0 {
            self.measure_width(&area);
            area.set_scroll_left(0);
            area.set_scroll_top(0);
        }
    }

    /// Lines the textarea shows at once.
    pub fn visible_lines(&self) -> usize {
        self.marks().visible
    }

    /// Notes the pane's height and scroll offset, in pixels (read where layout is already
    /// done).
    pub fn measured(&self, client_height: i32, scroll_top: i32) {
        self.mark(|m| m.seen_top = scroll_top);
        let lines = (f64::from(client_height) / LINE_HEIGHT).ceil() as usize;
        if lines > 0 {
            self.mark(|m| m.visible = lines);
        }
    }

    /// Takes the flag that the text was just written from the textarea (else the text came
    /// from elsewhere: an example, a link, an undo).
    pub fn take_typed(&self) -> bool {
        let typed = self.marks().typed;
        self.mark(|m| m.typed = false);
        typed
    }

    /// Writes `text` as the pane's text, from the textarea's side.
    fn write(&self, text: String) {
        self.mark(|m| m.typed = true);
        self.text.set(text);
    }

    /// Puts the text into the textarea after it changed from elsewhere (an example, a link):
    /// the window around the lines now visible, a new history.
    pub fn replaced(&self) {
        self.history.update_value(History::clear);
        self.mark(|m| m.parked = None);
        if let Some(area) = self.area.get_untracked() {
            // The scroll offset last seen, not read now (reading it would lay out the page in
            // this task, beside the new picture).
            self.show(&area, self.marks().seen_top, None, None, true);
        }
    }

    /// Moves the window when the pane scrolled past its margin. Returns whether it moved.
    pub fn follow_scroll(&self, area: &HtmlTextAreaElement, scroll_top: i32) -> bool {
        if !self.marks().windowed {
            return false;
        }
        // Counted in the window, not the whole text: this runs on every scroll event.
        let window = self.marks().window;
        let shown = self
            .text
            .with_untracked(|t| text_window::line_count(window.shown(t)));
        let (first, last) = (window.lines_before, window.lines_before + shown);
        let total = last + window.lines_after;
        let wanted = window_lines(scroll_top, self.marks().visible);
        if (first, last) == (wanted.0, wanted.1.min(total)) {
            return false;
        }
        self.show(area, scroll_top, None, None, false);
        true
    }

    /// Shows the window around the lines visible at `scroll_top` (the whole text when it is
    /// short), with `selection` (byte offsets into the text; else the one the textarea has),
    /// and scrolls to `scroll_to` when given. `fresh`: the text changed, so the value is set
    /// even when the window did not move.
    fn show(
        &self,
        area: &HtmlTextAreaElement,
        scroll_top: i32,
        scroll_to: Option<i32>,
        selection: Option<(usize, usize)>,
        fresh: bool,
    ) {
        // A select-all stays one when the window moves (a focus can scroll the pane).
        let all = selection.is_none() && !fresh && self.whole_selected(area);
        let selection = selection
            .or_else(|| self.marks().parked)
            .or_else(|| (!fresh).then(|| self.selection(area)).flatten());
        let (first, last) = window_lines(scroll_top, self.marks().visible);
        let window = self.text.with_untracked(|t| {
            let long = if self.marks().windowed {
                t.len() >= WHOLE_BELOW
            } else {
                t.len() >= WINDOWED_FROM
            };
            self.mark(|m| m.windowed = long);
            if long {
                Window::of_lines(t, first, last)
            } else {
                Window::whole(t)
            }
        });
        if fresh || window != self.marks().window {
            self.mark(|m| m.window = window);
            self.text.with_untracked(|t| {
                area.set_value(window.shown(t));
                self.place(area, window, t);
                self.keep_outside(t, window);
            });
            self.fit_width(fresh);
        }
        if all {
            area.select();
        } else if let Some((from, to)) = selection {
            if window.holds(from) && window.holds(to) {
                self.mark(|m| m.parked = None);
                self.select(area, from, to);
            } else {
                self.mark(|m| m.parked = Some((from, to)));
            }
        }
        if let Some(pane_box) = self.scroller.get_untracked() {
            if let Some(top) = scroll_to {
                pane_box.set_scroll_top(top);
            } else if !fresh {
                // A new value can move the scroll offset; the pane stays where it was.
                pane_box.set_scroll_top(scroll_top);
            }
        }
    }

    /// Puts the textarea where its window's lines are in the pane, as tall as they are (a
    /// whole text: the CSS stretches it over the pane).
    fn place(&self, area: &HtmlTextAreaElement, window: Window, text: &str) {
        let style = web_sys::HtmlElement::style(area);
        if !self.marks().windowed {
            for property in ["top", "bottom", "height"] {
                let _ = style.remove_property(property);
            }
            return;
        }
        let lines = text_window::line_count(window.shown(text));
        let px = |v: f64| format!("{}px", seams_core::scene::num(v));
        let _ = style.set_property("top", &px(window.lines_before as f64 * LINE_HEIGHT));
        let _ = style.set_property("bottom", "auto");
        let _ = style.set_property("height", &px(lines as f64 * LINE_HEIGHT + 2.0 * PADDING));
    }

    /// Keeps the text around the window where the panic hook can read it.
    fn keep_outside(&self, text: &str, window: Window) {
        let outside = self.marks().windowed.then(|| {
            (
                text.get(..window.start).unwrap_or("").to_string(),
                text.get(window.end..).unwrap_or("").to_string(),
            )
        });
        OUTSIDE.with_borrow_mut(|kept| {
            if let Some(slot) = kept.get_mut(pane_index(self.pane)) {
                *slot = outside;
            }
        });
    }

    /// The textarea's selection as byte offsets into the whole text.
    fn selection(&self, area: &HtmlTextAreaElement) -> Option<(usize, usize)> {
        let (from, to) = dom_selection(area);
        let window = self.marks().window;
        self.text.with_untracked(|t| {
            let shown = window.shown(t);
            Some((
                window.start + text_window::utf16_to_byte(shown, from),
                window.start + text_window::utf16_to_byte(shown, to),
            ))
        })
    }

    /// Selects bytes `[from, to)` of the text (both in the window).
    fn select(&self, area: &HtmlTextAreaElement, from: usize, to: usize) {
        let window = self.marks().window;
        let (from, to) = self.text.with_untracked(|t| {
            let shown = window.shown(t);
            let unit = |at: usize| {
                text_window::byte_to_utf16(shown, at.saturating_sub(window.start)) as u32
            };
            (unit(from), unit(to))
        });
        let _ = area.set_selection_range(from, to);
    }

    /// Whether the textarea's selection covers the whole window of a windowed text (select
    /// all), which stands for the whole text.
    fn whole_selected(&self, area: &HtmlTextAreaElement) -> bool {
        let (from, to) = dom_selection(area);
        let len = area.text_length() as usize;
        self.marks().windowed
            && from == 0
            && to == len
            && len > 0
            && !self
                .marks()
                .window
                .is_whole(self.text.with_untracked(String::len))
    }

    /// Scrolls to byte `at` of the text (when it is not in view) and selects `[from, to)`.
    pub fn reveal(&self, at: usize, from: usize, to: usize) {
        let Some(area) = self.area.get_untracked() else {
            return;
        };
        let line = self.text.with_untracked(|t| text_window::line_of(t, at));
        let top = self.scroll_top();
        let shown_from = first_visible(top);
        let visible = self.marks().visible.max(2);
        let target = if (shown_from..shown_from + visible - 1).contains(&line) {
            top
        } else {
            scroll_to_line(line)
        };
        self.show(&area, target, Some(target), Some((from, to)), true);
    }

    /// Scrolls to 0-based line `line` and puts the caret at its start.
    pub fn go_to_line(&self, line: usize) {
        let at = self
            .text
            .with_untracked(|t| text_window::line_start(t, line));
        let Some(area) = self.area.get_untracked() else {
            return;
        };
        let top = scroll_to_line(line);
        self.show(&area, top, Some(top), Some((at, at)), false);
    }

    /// Notes how the edit under way began (`beforeinput`).
    pub fn begin_edit(&self, area: &HtmlTextAreaElement) {
        let whole = self.whole_selected(area);
        self.mark(|m| m.began = Some(Began { whole }));
    }

    /// Writes what the textarea now holds into the text (after `input`): spliced in place of
    /// the window, or as the whole text when the whole was selected, the text was short, or a
    /// script set the value. Records the change and moves between whole and windowed.
    pub fn take_edit(&self, area: &HtmlTextAreaElement) {
        let began = self.marks().began;
        self.mark(|m| m.began = None);
        let value = area.value();
        let window = self.marks().window;
        let windowed = self.marks().windowed;
        let whole = !windowed || began.is_none_or(|b| b.whole);
        let (text, after, edit) = self.text.with_untracked(|t| {
            if whole {
                let edit = Edit::between(0, t, &value);
                (value.clone(), Window::whole(&value), edit)
            } else {
                let edit = Edit::between(window.start, window.shown(t), &value);
                let (text, after) = window.replace(t, &value);
                (text, after, edit)
            }
        });
        if let Some(edit) = edit {
            self.history.update_value(|h| h.record(edit));
        }
        self.mark(|m| m.parked = None);
        let len = text.len();
        self.mark(|m| m.window = after);
        if windowed && !whole {
            self.place(area, after, &text);
        }
        self.write(text);
        let switch = if windowed {
            whole || len < WHOLE_BELOW
        } else {
            len >= WINDOWED_FROM
        };
        if switch {
            // The offset last seen, not read now: the textarea may hold a whole long text
            // still, and reading would lay it out (0.8 s for 1 MB).
            self.show(area, self.marks().seen_top, None, None, true);
        } else {
            self.fit_width(false);
        }
    }

    /// The pane's scroll offset from the top, in pixels.
    fn scroll_top(&self) -> i32 {
        self.scroller
            .get_untracked()
            .map_or(0, |pane_box| pane_box.scroll_top())
    }

    /// Takes an edit the page wrote into the textarea itself (a completion) as an edit of the
    /// window, whatever was selected before.
    pub fn take_page_edit(&self, area: &HtmlTextAreaElement) {
        self.mark(|m| m.began = Some(Began { whole: false }));
        self.take_edit(area);
    }

    /// A paste: left to the browser while the text stays short; else made on the whole text
    /// (the browser would lay the pasted text out whole) and the caret shown after it. Returns
    /// what became of it.
    pub fn paste(&self, area: &HtmlTextAreaElement, ev: &web_sys::ClipboardEvent) -> Pasted {
        let whole = self.whole_selected(area)
            || {
                let (from, to) = dom_selection(area);
                from == 0 && to == area.text_length() as usize
            }
            || self.text.with_untracked(|t| t.trim().is_empty());
        let Some(pasted) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return Pasted { whole, made: false };
        };
        let Some((from, to)) = (if self.whole_selected(area) {
            Some((0, self.text.with_untracked(String::len)))
        } else {
            self.selection(area)
        }) else {
            return Pasted { whole, made: false };
        };
        let len = self
            .text
            .with_untracked(String::len)
            .saturating_sub(to.saturating_sub(from))
            + pasted.len();
        if !self.marks().windowed && len < WINDOWED_FROM {
            return Pasted { whole, made: false };
        }
        ev.prevent_default();
        self.splice(from, to, &pasted);
        Pasted { whole, made: true }
    }

    /// Replaces bytes `[from, to)` of the text with `inserted`, records it, and shows the caret
    /// after it.
    fn splice(&self, from: usize, to: usize, inserted: &str) {
        let (text, edit) = self.text.with_untracked(|t| {
            let removed = t.get(from..to).unwrap_or("").to_string();
            let edit = Edit {
                at: from,
                removed,
                inserted: inserted.to_string(),
            };
            (text_window::splice(t, from, to, inserted), edit)
        });
        self.history.update_value(|h| h.record(edit));
        self.mark(|m| m.parked = None);
        self.write(text);
        let caret = from + inserted.len();
        self.reveal(caret, caret, caret);
    }

    /// A copy or cut of a windowed text with the whole window selected: the whole text goes
    /// to the clipboard (and, for a cut, out of the pane). Returns whether it was handled.
    pub fn copy_whole(&self, area: &HtmlTextAreaElement, ev: &web_sys::ClipboardEvent) -> bool {
        if !self.whole_selected(area) {
            return false;
        }
        let Some(data) = ev.clipboard_data() else {
            return false;
        };
        let copied = self
            .text
            .with_untracked(|t| data.set_data("text/plain", t).is_ok());
        if !copied {
            return false;
        }
        ev.prevent_default();
        if ev.type_() == "cut" {
            let len = self.text.with_untracked(String::len);
            self.splice(0, len, "");
        }
        true
    }

    /// The keys a windowed text handles itself: undo and redo, Ctrl+Home and Ctrl+End; and
    /// any other key first brings back a selection the window moved away from. Returns whether
    /// the key was handled.
    pub fn key(&self, ev: &web_sys::KeyboardEvent) -> bool {
        if !self.marks().windowed {
            if let Some(page) = page_key(ev) {
                ev.prevent_default();
                self.page(page, ev.shift_key());
                return true;
            }
            return false;
        }
        let command = ev.ctrl_key() || ev.meta_key();
        let key = ev.key();
        let shift = ev.shift_key();
        let handled = match key.as_str() {
            "z" | "Z" if command => {
                self.step(shift);
                true
            }
            "y" | "Y" if command && !shift => {
                self.step(true);
                true
            }
            "Home" if command && !shift => {
                self.reveal(0, 0, 0);
                true
            }
            "End" if command && !shift => {
                let end = self.text.with_untracked(String::len);
                self.reveal(end, end, end);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
            return true;
        }
        if let Some(page) = page_key(ev) {
            ev.prevent_default();
            self.page(page, shift);
            return true;
        }
        let modifier = matches!(key.as_str(), "Control" | "Shift" | "Alt" | "Meta");
        if let (false, Some((from, to))) = (modifier, self.marks().parked) {
            self.reveal(to, from, to);
        }
        false
    }

    /// Page Down (`down`) or Page Up: the pane scrolls by its height less a line and the caret
    /// moves as many lines, in its column (with Shift, the selection grows to it).
    fn page(&self, down: bool, extend: bool) {
        let (Some(area), Some(pane_box)) =
            (self.area.get_untracked(), self.scroller.get_untracked())
        else {
            return;
        };
        let lines = self.marks().visible.saturating_sub(1).max(1) as isize;
        let lines = if down { lines } else { -lines };
        let Some((from, to)) = self.marks().parked.or_else(|| self.selection(&area)) else {
            return;
        };
        let caret = if down { to } else { from };
        let moved = self
            .text
            .with_untracked(|t| text_window::moved_by_lines(t, caret, lines));
        let selection = if extend {
            (from.min(moved), to.max(moved))
        } else {
            (moved, moved)
        };
        let top = (pane_box.scroll_top() + lines as i32 * LINE_HEIGHT as i32).max(0);
        self.show(&area, top, Some(top), Some(selection), false);
    }

    /// An undo or redo asked for by the browser (its Edit menu): a windowed text's own.
    pub fn history_input(&self, ev: &web_sys::InputEvent) -> bool {
        let redo = match ev.input_type().as_str() {
            "historyUndo" => false,
            "historyRedo" => true,
            _ => return false,
        };
        if !self.marks().windowed {
            return false;
        }
        ev.prevent_default();
        self.step(redo);
        true
    }

    /// Undoes (or redoes) the last change and shows the caret after it.
    fn step(&self, redo: bool) {
        let stepped = self.text.with_untracked(|t| {
            self.history
                .try_update_value(|h| if redo { h.redo(t) } else { h.undo(t) })
                .flatten()
        });
        let Some((text, caret)) = stepped else {
            return;
        };
        self.mark(|m| m.parked = None);
        self.write(text);
        self.reveal(caret, caret, caret);
    }

    /// The textarea got the focus: the pane stays where it is, though the browser scrolls the
    /// textarea into view (by half a pane and more for a window of a long text).
    pub fn focused(&self) {
        let top = self.marks().seen_top;
        self.mark(|m| m.hold_top = Some(top));
        let view = *self;
        request_animation_frame(move || view.mark(|m| m.hold_top = None));
    }

    /// The scroll offset to go back to, when the pane scrolled because the textarea got the
    /// focus.
    pub fn held_top(&self) -> Option<i32> {
        self.marks().hold_top
    }

    /// A click in the textarea places the caret anew.
    pub fn pointer_down(&self) {
        self.mark(|m| m.parked = None);
    }
}

/// Whether `ev` is Page Down (`Some(true)`) or Page Up (`Some(false)`), without Ctrl or Alt.
fn page_key(ev: &web_sys::KeyboardEvent) -> Option<bool> {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return None;
    }
    match ev.key().as_str() {
        "PageDown" => Some(true),
        "PageUp" => Some(false),
        _ => None,
    }
}

/// The textarea's selection, in UTF-16 units from the start of its value.
fn dom_selection(area: &HtmlTextAreaElement) -> (usize, usize) {
    let from = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let to = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    (from, to.max(from))
}
