//! Note text fitted to its note, as Miro does: short texts large, long texts smaller, between a
//! minimum and a maximum size. Lines break only between words; a word too wide for the note at the
//! minimum size sets the whole text smaller instead. Text that still does not fit ends with an
//! ellipsis. The window and the exporters both call [`fit`], each with its own measure of Inter, so
//! a picture breaks its lines where the screen does.

use super::size;

/// How wide text is and how tall its lines are, at a font size.
pub trait Measure {
    /// The advance width of `text` on one line at `size`.
    fn width(&self, text: &str, size: f32) -> f32;
    /// The distance from one line's top to the next at `size`.
    fn line_height(&self, size: f32) -> f32;
}

/// The sizes note text may take, in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizeRange {
    pub min: f32,
    pub max: f32,
}

impl SizeRange {
    /// Both ends multiplied by `factor` (the "large text" setting).
    pub fn scaled(self, factor: f32) -> SizeRange {
        SizeRange {
            min: self.min * factor,
            max: self.max * factor,
        }
    }
}

/// Text set to fit a box: its size and its lines, in order (blank lines kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
    /// Some text did not fit: the last line (or an over-long word) ends with `…`.
    pub clipped: bool,
}

impl Fitted {
    /// How wide the widest line is and how tall the lines are together, measured with `m`.
    pub fn extent(&self, m: &dyn Measure) -> (f32, f32) {
        let widest = self
            .lines
            .iter()
            .map(|l| m.width(l, self.size))
            .fold(0.0, f32::max);
        (widest, self.lines.len() as f32 * m.line_height(self.size))
    }
}

/// A note's text fitted inside its padding, above its partner tag when it has one; `scale` is
/// the "large text" factor. The window and the exporters both set note text with this.
pub fn fit_note(text: &str, note: (f32, f32), tagged: bool, scale: f32, m: &dyn Measure) -> Fitted {
    let (w, h) = note_text_box(note, tagged);
    fit(text, w, h, size::NOTE_TEXT.scaled(scale), m)
}

/// Width and height a note of size `note` leaves for its text.
pub fn note_text_box((w, h): (f32, f32), tagged: bool) -> (f32, f32) {
    let tag = if tagged {
        size::TAG_HEIGHT + size::NOTE_PADDING / 2.0
    } else {
        0.0
    };
    (
        (w - 2.0 * size::NOTE_PADDING).max(1.0),
        (h - 2.0 * size::NOTE_PADDING - tag).max(1.0),
    )
}

/// Sizes are tried on this grid (canvas units): finer steps would not show, and fewer distinct
/// sizes keep the window's glyph atlas small.
const STEP: f32 = 0.5;

/// Never smaller than this, even for a word that cannot fit: it is cut with `…` instead.
pub const HARD_MIN: f32 = 6.0;

/// Advances scale in proportion to the size (outline fonts, no hinting), so each word is
/// measured once at this size and scaled.
const REFERENCE: f32 = 100.0;

/// The largest size in `range` at which `text` fits `width` × `height`, with its lines.
pub fn fit(text: &str, width: f32, height: f32, range: SizeRange, m: &dyn Measure) -> Fitted {
    let words = Words::measure(text, m);
    let line_height = m.line_height(REFERENCE) / REFERENCE;
    // The largest size at which every word fits on a line of its own.
    let word_fit = if words.widest > 0.0 {
        width * REFERENCE / words.widest
    } else {
        f32::INFINITY
    };
    let hi = snap(range.max.min(word_fit)).max(HARD_MIN);
    let lo = snap(range.min.min(hi)).max(HARD_MIN);
    let fits = |size: f32| {
        let per_line = width * REFERENCE / size;
        words.widest <= per_line
            && words.line_count(per_line) as f32 * line_height * size <= height + 0.01
    };
    if !fits(lo) {
        return clip(&words, lo, width, height, line_height, m);
    }
    // Fewer lines fit as the size grows (greedy breaking never needs more lines on a wider
    // line), so the largest fitting size on the grid is found by bisection.
    let (mut good, mut bad) = (0, ((hi - lo) / STEP).round() as i32 + 1);
    while bad - good > 1 {
        let mid = (good + bad) / 2;
        if fits(lo + mid as f32 * STEP) {
            good = mid;
        } else {
            bad = mid;
        }
    }
    let size = lo + good as f32 * STEP;
    Fitted {
        size,
        lines: words.lines(width * REFERENCE / size),
        clipped: false,
    }
}

/// `text` at `size`, cut to the lines that fit `height` (at least one), the last ending in `…`.
fn clip(
    words: &Words<'_>,
    size: f32,
    width: f32,
    height: f32,
    line_height: f32,
    m: &dyn Measure,
) -> Fitted {
    let mut lines = words.lines(width * REFERENCE / size);
    let keep = ((height + 0.01) / (line_height * size)).floor().max(1.0) as usize;
    let mut clipped = lines.len() > keep;
    lines.truncate(keep);
    for (i, line) in lines.iter_mut().enumerate() {
        if i + 1 == keep && clipped {
            *line = cut(line, size, width, m);
        } else if m.width(line, size) > width {
            *line = cut(line, size, width, m);
            clipped = true;
        }
    }
    Fitted {
        size,
        lines,
        clipped,
    }
}

/// `text` as it is if it fits `width` on one line, else shortened with a trailing `…` until it
/// does (a partner's name on its tag, a word too long for its note).
pub fn ellipsize(text: &str, size: f32, width: f32, m: &dyn Measure) -> String {
    if m.width(text, size) <= width {
        text.to_owned()
    } else {
        cut(text, size, width, m)
    }
}

/// `line` shortened until it and a trailing `…` fit `width`; the `…` is added even when the line
/// fits, as it marks text cut after it. Widths add up character by character, so this is linear
/// in the line's length, even for a 5,000-character word.
fn cut(line: &str, size: f32, width: f32, m: &dyn Measure) -> String {
    let room = width - m.width("…", size);
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in line.char_indices() {
        used += m.width(c.encode_utf8(&mut [0; 4]), size);
        if used > room {
            break;
        }
        end = i + c.len_utf8();
    }
    format!("{}…", line[..end].trim_end())
}

fn snap(size: f32) -> f32 {
    (size / STEP).floor() * STEP
}

/// A word and its width.
struct Word<'a> {
    text: &'a str,
    /// Width at the reference size.
    width: f32,
}

/// The text's paragraphs as measured words.
struct Words<'a> {
    paragraphs: Vec<Vec<Word<'a>>>,
    space: f32,
    widest: f32,
}

impl<'a> Words<'a> {
    fn measure(text: &'a str, m: &dyn Measure) -> Self {
        let space = m.width(" ", REFERENCE);
        let mut widest = 0.0f32;
        let paragraphs = text
            .split('\n')
            .map(|p| {
                p.strip_suffix('\r')
                    .unwrap_or(p)
                    .split([' ', '\t'])
                    .filter(|w| !w.is_empty())
                    .map(|w| {
                        let width = m.width(w, REFERENCE);
                        widest = widest.max(width);
                        Word { text: w, width }
                    })
                    .collect()
            })
            .collect();
        Words {
            paragraphs,
            space,
            widest,
        }
    }

    /// Greedy breaking at spaces into lines of at most `per_line` (reference units): calls
    /// `line` with the range of each paragraph's words that makes a line.
    fn each_line(&self, per_line: f32, mut line: impl FnMut(&[Word<'a>])) {
        for words in &self.paragraphs {
            let (mut start, mut used) = (0, 0.0f32);
            for (i, w) in words.iter().enumerate() {
                if i > start && used + self.space + w.width > per_line {
                    line(&words[start..i]);
                    (start, used) = (i, w.width);
                } else {
                    used += if i > start { self.space } else { 0.0 } + w.width;
                }
            }
            line(&words[start..]);
        }
    }

    fn line_count(&self, per_line: f32) -> usize {
        let mut n = 0;
        self.each_line(per_line, |_| n += 1);
        n
    }

    fn lines(&self, per_line: f32) -> Vec<String> {
        let mut out = Vec::new();
        self.each_line(per_line, |words| {
            let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
            out.push(texts.join(" "));
        });
        out
    }
}

/// Every character 0.5 em wide, lines 1.25 em: a measure easy to reason about in tests.
#[cfg(test)]
pub(super) struct Mono;

#[cfg(test)]
impl Measure for Mono {
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().count() as f32 * size * 0.5
    }
    fn line_height(&self, size: f32) -> f32 {
        size * 1.25
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RANGE: SizeRange = SizeRange {
        min: 10.0,
        max: 40.0,
    };

    #[test]
    fn short_text_is_large_and_long_text_smaller() {
        let short = fit("Hi", 200.0, 100.0, RANGE, &Mono);
        assert_eq!(short.size, 40.0);
        assert_eq!(short.lines, ["Hi"]);
        let long = fit(
            "a much longer text that needs several lines",
            200.0,
            100.0,
            RANGE,
            &Mono,
        );
        assert!(long.size < 40.0 && long.size >= 10.0, "{}", long.size);
        assert!(!long.clipped);
        let lh = long.size * 1.25;
        assert!(long.lines.len() as f32 * lh <= 100.0);
        for l in &long.lines {
            assert!(Mono.width(l, long.size) <= 200.0, "{l}");
        }
        // Half a step larger does not fit.
        let up = SizeRange {
            min: long.size + STEP,
            max: long.size + STEP,
        };
        let text = "a much longer text that needs several lines";
        assert!(fit(text, 200.0, 100.0, up, &Mono).clipped);
    }

    #[test]
    fn lines_break_only_between_words_and_keep_paragraphs() {
        let f = fit("one two three\n\nfour", 60.0, 200.0, RANGE, &Mono);
        for l in &f.lines {
            assert!(
                ["one", "two", "three", "one two", "two three", "", "four"].contains(&l.as_str()),
                "{l:?}"
            );
        }
        assert_eq!(f.lines.iter().filter(|l| l.is_empty()).count(), 1);
        assert_eq!(f.lines.last().unwrap(), "four");
    }

    #[test]
    fn a_word_too_wide_at_the_minimum_makes_the_text_smaller() {
        // 12 characters at 10 units are 60 wide; the box is 48 wide.
        let f = fit("Connectivity is key", 48.0, 400.0, RANGE, &Mono);
        assert!(f.size < RANGE.min, "{}", f.size);
        assert!(
            f.lines.contains(&"Connectivity".to_owned()),
            "{:?}",
            f.lines
        );
        assert!(!f.clipped);
    }

    #[test]
    fn text_that_cannot_fit_ends_with_an_ellipsis() {
        let text = "word ".repeat(1000);
        let f = fit(&text, 100.0, 60.0, RANGE, &Mono);
        assert_eq!(f.size, RANGE.min);
        assert!(f.clipped);
        assert_eq!(f.lines.len(), 4, "{:?}", f.lines);
        assert!(f.lines.last().unwrap().ends_with('…'));
        assert!(f.lines.iter().all(|l| Mono.width(l, f.size) <= 100.0));
    }

    #[test]
    fn a_word_wider_than_the_note_at_the_hard_minimum_is_cut_not_broken() {
        let word = "x".repeat(5000);
        let f = fit(&word, 100.0, 60.0, RANGE, &Mono);
        assert_eq!(f.size, HARD_MIN);
        assert_eq!(f.lines.len(), 1);
        assert!(f.clipped && f.lines[0].ends_with('…'));
        assert!(Mono.width(&f.lines[0], f.size) <= 100.0);
    }

    #[test]
    fn ellipsis_when_a_line_is_too_wide() {
        let cut = ellipsize("Spotify Technology S.A.", 10.0, 60.0, &Mono);
        assert!(
            cut.ends_with('…') && Mono.width(&cut, 10.0) <= 60.0,
            "{cut}"
        );
        assert_eq!(ellipsize("Uber", 10.0, 60.0, &Mono), "Uber");
        assert_eq!(ellipsize("Uber", 10.0, 1.0, &Mono), "…");
    }

    #[test]
    fn boards_laid_out_for_the_old_fixed_text_size_show_every_note_whole() {
        let file = include_bytes!("../../tests/fixtures/v2.tandem.json");
        let old = crate::io::read_board(file).unwrap().board;
        let face = crate::export::text::Weight::Regular.face();
        for n in old.notes() {
            let tagged = n.partner.is_some();
            let f = fit_note(&n.text, (n.rect.w, n.rect.h), tagged, 1.0, face);
            assert!(
                !f.clipped && f.size >= size::NOTE_TEXT.min,
                "{:?}: {f:?}",
                n.text
            );
        }
    }

    #[test]
    fn empty_text_has_no_lines_to_draw() {
        let f = fit("", 100.0, 60.0, RANGE, &Mono);
        assert!(f.lines.iter().all(String::is_empty));
        assert!(!f.clipped);
    }
}
