//! Drawing the board: blocks, the journey lane and notes, with text laid out at the zoomed size.

use eframe::egui::{
    Align, Align2, Color32, FontFamily, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, pos2,
    text::LayoutJob, vec2,
};

use crate::design::fit::Fitted;
use crate::design::layout::{self, Across, At, Placed};
use crate::design::{self, VoteMarks};
use crate::model::{Block, Board, Lane, Note, PartnerId, Point};
use crate::ui::canvas::Look;
use crate::ui::canvas::note_text::EguiMeasure;
use crate::ui::fonts;
use crate::ui::style::{self, Palette, canvas_size as cs};
use crate::ui::view::View;

/// A font size for text drawn at `zoom`, rounded to half pixels so smooth zooming reuses glyphs
/// already in the font atlas instead of filling it with every fractional size.
pub fn zoomed_font(base: f32, zoom: f32) -> FontId {
    FontId::proportional(zoomed_size(base, zoom))
}

pub(super) fn zoomed_size(base: f32, zoom: f32) -> f32 {
    ((base * zoom) * 2.0).round().max(1.0) / 2.0
}

/// What shows of a note's inside.
#[derive(Clone, Copy, Debug)]
pub enum Face<'a> {
    /// Hidden under notes drawn over it (only its edge peeks out).
    Covered,
    /// Grey bars stand for text too small on screen to read.
    Bars,
    /// Its text, as fitted.
    Text(&'a Fitted),
}

/// The canvas painter with the view it draws through.
pub struct BoardPainter<'a> {
    pub painter: &'a Painter,
    pub view: View,
    pub area: Rect,
    pub palette: Palette,
    pub text_scale: f32,
    pub lens: Option<PartnerId>,
}

impl<'a> BoardPainter<'a> {
    pub fn new(painter: &'a Painter, view: View, area: Rect, look: &Look) -> Self {
        Self {
            painter,
            view,
            area,
            palette: look.palette,
            text_scale: look.text_scale,
            lens: look.lens,
        }
    }

    fn rect(&self, r: &crate::model::Rect) -> Rect {
        self.view.rect_to_screen(self.area, r)
    }

    fn zoom(&self) -> f32 {
        self.view.zoom
    }

    fn visible(&self, r: Rect) -> bool {
        self.painter.clip_rect().intersects(r)
    }

    /// Measures in `family` at this painter's fonts.
    pub(super) fn measure(&self, family: FontFamily) -> EguiMeasure<'_> {
        EguiMeasure {
            ctx: self.painter.ctx(),
            family,
        }
    }

    /// Fitted lines at their place, laid out at the zoomed size and cut off at `clip` (screen).
    pub(super) fn lines(
        &self,
        text: &Fitted,
        at: At,
        family: FontFamily,
        color: Color32,
        clip: Rect,
    ) {
        let lines = &text.lines;
        if lines.iter().all(String::is_empty) {
            return;
        }
        let font = FontId::new(zoomed_size(text.size, self.zoom()), family);
        let mut job = LayoutJob::simple(lines.join("\n"), font, color, f32::INFINITY);
        let x = match at.across {
            Across::Left(x) => x,
            Across::Center(x) => {
                job.halign = Align::Center;
                x
            }
        };
        let pos = self.view.to_screen(self.area, Point::new(x, at.top));
        let galley = self.painter.layout_job(job);
        self.painter
            .with_clip_rect(clip.intersect(self.painter.clip_rect()))
            .galley(pos, galley, color);
    }

    fn placed(&self, p: &Placed, family: FontFamily, color: Color32) {
        self.lines(&p.text, p.at, family, color, self.painter.clip_rect());
    }

    pub fn background(&self) {
        self.painter
            .rect_filled(self.area, 0.0, self.palette.background);
    }

    /// A block, with its title and question unless `with_heading` is off (the presentation's
    /// heading band shows them).
    pub fn block(&self, board: &Board, block: &Block, with_heading: bool) {
        let r = self.rect(&block.rect);
        if !self.visible(r) {
            return;
        }
        let p = &self.palette;
        let corner = 8.0 * self.zoom();
        self.painter
            .rect(r, corner, p.block_fill, p.block_border, StrokeKind::Inside);
        if !with_heading || cs::BLOCK_TITLE_FONT * self.zoom() < cs::MIN_TITLE_PX {
            return;
        }
        let title = layout::block_title(block, &self.measure(fonts::title_family()));
        self.placed(&title, fonts::title_family(), p.title);
        if let Some(prompt) =
            layout::block_prompt(board, block, &self.measure(FontFamily::Proportional))
        {
            self.placed(&prompt, FontFamily::Proportional, p.prompt);
        }
    }

    pub fn lane(&self, lane: &Lane) {
        let outer = self.rect(&lane.rect());
        if !self.visible(outer) {
            return;
        }
        let p = &self.palette;
        let z = self.zoom();
        self.painter.rect_filled(outer, 8.0 * z, p.block_fill);
        // Header row and label column.
        let header = Rect::from_min_size(outer.min, vec2(outer.width(), lane.header_height * z));
        let labels = Rect::from_min_size(outer.min, vec2(lane.label_width * z, outer.height()));
        self.painter.rect_filled(header, 0.0, p.lane_header_fill);
        self.painter.rect_filled(labels, 0.0, p.lane_header_fill);
        // Grid.
        for i in 0..=lane.stages.len() {
            let x = self
                .view
                .to_screen(
                    self.area,
                    crate::model::Point::new(lane.track_start(crate::model::Axis::Stage, i), 0.0),
                )
                .x;
            self.painter
                .line_segment([pos2(x, outer.top()), pos2(x, outer.bottom())], p.lane_grid);
        }
        for i in 0..=lane.rows.len() {
            let y = self
                .view
                .to_screen(
                    self.area,
                    crate::model::Point::new(0.0, lane.track_start(crate::model::Axis::Row, i)),
                )
                .y;
            self.painter
                .line_segment([pos2(outer.left(), y), pos2(outer.right(), y)], p.lane_grid);
        }
        self.painter
            .rect_stroke(outer, 8.0 * z, p.block_border, StrokeKind::Inside);
        if zoomed_font(cs::LANE_HEADER_FONT, z).size < cs::MIN_TITLE_PX {
            return;
        }
        for header in layout::lane_headers(lane, &self.measure(FontFamily::Proportional)) {
            self.placed(&header, FontFamily::Proportional, p.title);
        }
    }

    /// Highlights the area a dragged note would land in.
    pub fn drop_target(&self, area: &crate::model::Rect) {
        self.painter
            .rect_filled(self.rect(area), 8.0 * self.zoom(), self.palette.drop_target);
    }

    /// Draws a note with what shows of its inside; `with_text` is false while the text is being
    /// typed in place.
    pub fn note(&self, board: &Board, note: &Note, face: Face<'_>, with_text: bool) {
        let r = self.rect(&note.rect);
        if !self.visible(r) {
            return;
        }
        let z = self.zoom();
        let partner = note.partner.and_then(|id| board.partner(id));
        let readable = matches!(face, Face::Text(_));
        if note.face_down {
            self.face_down(r, note, readable);
            return;
        }
        // With a partner lens on, other partners' notes fade into the background.
        let faded = self.lens.is_some_and(|lens| note.partner != Some(lens));
        let fade = |c: Color32| if faded { c.gamma_multiply(0.22) } else { c };
        // Too small to read or under other notes, a note is drawn plainly: square corners and no
        // shadow are a few vertices instead of dozens, which is what lets a whole 10,000-note
        // board draw in a frame.
        let corner = if readable { cs::NOTE_CORNER * z } else { 0.0 };
        if !faded && readable {
            self.painter.rect_filled(
                r.translate(vec2(3.0, 4.0) * z.min(1.5)),
                corner,
                self.palette.shadow,
            );
        }
        self.painter
            .rect_filled(r, corner, fade(style::note_fill(note.color)));
        if let (Some(lens), Some(p)) = (self.lens, partner)
            && p.id == lens
        {
            let stroke = Stroke::new((4.0 * z).max(2.0), style::partner_color(p.color));
            self.painter
                .rect_stroke(r, corner, stroke, StrokeKind::Outside);
        }
        match face {
            Face::Covered => {}
            Face::Bars => self.text_bars(note, r, partner.map(|p| p.color), &fade),
            Face::Text(text) => {
                if with_text {
                    let m = self.measure(FontFamily::Proportional);
                    let at = layout::note_text_at(&note.rect, partner.is_some(), text, &m);
                    let color = fade(style::note_text());
                    self.lines(text, at, FontFamily::Proportional, color, r);
                }
                if let Some(p) = partner {
                    let fill = fade(style::note_fill(note.color));
                    self.partner_tag(r, &p.name, fade(style::partner_color(p.color)), fill);
                }
            }
        }
        self.votes(r, note.votes);
    }

    /// Too small to read: a hint of how much text there is, without laying it out, and the
    /// partner's colour as a strip along the bottom, which still tells partners apart.
    fn text_bars(
        &self,
        note: &Note,
        r: Rect,
        partner: Option<crate::model::Rgb>,
        fade: &dyn Fn(Color32) -> Color32,
    ) {
        let z = self.zoom();
        let text_area = r.shrink(cs::NOTE_PADDING * z);
        if !note.text.is_empty() {
            let bar_h = (cs::NOTE_TEXT.min * z * 0.6).max(0.5);
            let lines = (note.text.len() as f32 / 18.0).ceil().clamp(1.0, 3.0);
            for k in 0..lines as usize {
                let y = text_area.top() + (k as f32 + 0.5) * text_area.height() / 4.0;
                let bar = Rect::from_min_size(
                    pos2(text_area.left(), y),
                    vec2(text_area.width() * 0.8, bar_h),
                );
                self.painter
                    .rect_filled(bar, 0.0, fade(Color32::from_black_alpha(60)));
            }
        }
        // The partner's colour as a bar along the bottom, inset so the note's own colour rings
        // it: a near-black partner still shows against a dark board.
        if let Some(color) = partner {
            let strip_h = (cs::TAG_HEIGHT * z / 2.0).max(1.0);
            let inset = (cs::NOTE_PADDING * z / 2.0).max(1.0);
            let bottom = r.bottom() - inset;
            let strip = Rect::from_min_max(
                pos2(r.left() + inset, bottom - strip_h),
                pos2(r.right() - inset, bottom),
            );
            self.painter
                .rect_filled(strip, 0.0, fade(style::partner_color(color)));
        }
    }

    /// A note held face down (silent writing, or hidden by the facilitator): its colour, muted,
    /// with a mark instead of its text, which nobody sees until Reveal.
    fn face_down(&self, r: Rect, note: &Note, readable: bool) {
        let z = self.zoom();
        let corner = if readable { cs::NOTE_CORNER * z } else { 0.0 };
        let fill = style::note_fill(note.color).gamma_multiply(0.55);
        self.painter.rect(
            r,
            corner,
            fill,
            Stroke::new((2.0 * z).max(1.0), style::note_fill(note.color)),
            StrokeKind::Inside,
        );
        if readable {
            self.painter.text(
                r.center(),
                Align2::CENTER_CENTER,
                "face down",
                zoomed_font(cs::TAG_FONT, z),
                self.palette.title,
            );
        }
    }

    /// How many notes wait face down in a block or journey stage, as a badge on its corner, so
    /// the room sees the pile grow without seeing a word.
    pub fn held_badge(&self, area: &crate::model::Rect, n: usize) {
        let r = self.rect(area);
        if !self.visible(r) {
            return;
        }
        // Read from the back of the room even when the whole board is on screen.
        let size = (cs::TAG_FONT * self.zoom()).max(cs::MIN_BADGE_PX);
        let text = format!("{n} face down");
        let g = self
            .painter
            .layout_no_wrap(text, FontId::proportional(size), Color32::WHITE);
        let pad = vec2(0.5, 0.2) * size;
        let badge = Rect::from_min_size(
            pos2(
                r.right() - g.size().x - 2.0 * pad.x - pad.y,
                r.top() + pad.y,
            ),
            g.size() + 2.0 * pad,
        );
        self.painter
            .rect_filled(badge, badge.height() / 2.0, self.palette.vote_dot);
        self.painter.galley(badge.min + pad, g, Color32::WHITE);
    }

    /// Dims everything but `area`, to keep a room's eyes on one block or stage.
    pub fn spotlight(&self, area: &crate::model::Rect) {
        let hole = self.rect(area).expand(6.0);
        let full = self.area;
        let dim = Color32::from_black_alpha(160);
        let parts = [
            Rect::from_min_max(full.min, pos2(full.max.x, hole.min.y)),
            Rect::from_min_max(pos2(full.min.x, hole.max.y), full.max),
            Rect::from_min_max(pos2(full.min.x, hole.min.y), pos2(hole.min.x, hole.max.y)),
            Rect::from_min_max(pos2(hole.max.x, hole.min.y), pos2(full.max.x, hole.max.y)),
        ];
        for part in parts {
            let part = part.intersect(full);
            if part.is_positive() {
                self.painter.rect_filled(part, 0.0, dim);
            }
        }
    }

    /// Vote dots in a row centred on the note's top edge, from the right; many votes as a count.
    fn votes(&self, note: Rect, votes: u32) {
        let z = self.zoom();
        let radius = cs::VOTE_DOT_RADIUS * z;
        let step = 2.0 * radius + cs::VOTE_DOT_GAP * z;
        let right = note.right() - cs::NOTE_PADDING * z;
        let color = self.palette.vote_dot;
        if votes > 0 && radius < 3.0 {
            // Tiny: one square mark, as long as the dots would be.
            let n = votes.min(design::MAX_VOTE_DOTS) as f32;
            let mark = Rect::from_min_max(
                pos2(right - n * step, note.top() - radius),
                pos2(right, note.top() + radius),
            );
            self.painter.rect_filled(mark, 0.0, color);
            return;
        }
        match design::vote_marks(votes) {
            VoteMarks::None => {}
            VoteMarks::Dots(n) => {
                for k in 0..n {
                    let c = pos2(right - radius - k as f32 * step, note.top());
                    self.painter
                        .circle(c, radius, color, Stroke::new(1.5 * z, Color32::WHITE));
                }
            }
            VoteMarks::Count(n) => {
                let g = self.painter.layout_no_wrap(
                    n.to_string(),
                    zoomed_font(cs::TAG_FONT, z),
                    Color32::WHITE,
                );
                let w = g.size().x + 2.0 * radius;
                let pill = Rect::from_center_size(
                    pos2(right - w / 2.0, note.top()),
                    vec2(w, 2.0 * radius),
                );
                self.painter.rect(
                    pill,
                    radius,
                    color,
                    Stroke::new(1.5 * z, Color32::WHITE),
                    StrokeKind::Outside,
                );
                self.painter
                    .galley(pill.center() - g.size() / 2.0, g, Color32::WHITE);
            }
        }
    }

    /// The partner's name on a chip in its colour at the bottom left of a note.
    fn partner_tag(&self, note: Rect, name: &str, color: Color32, note_fill: Color32) {
        let z = self.zoom();
        let pad = cs::NOTE_PADDING * z;
        let text_color = style::text_on(color);
        let g =
            self.painter
                .layout_no_wrap(name.to_owned(), zoomed_font(cs::TAG_FONT, z), text_color);
        let h = cs::TAG_HEIGHT * z;
        let w = (g.size().x + h).min(note.width() - 2.0 * pad);
        let chip = Rect::from_min_size(
            pos2(note.left() + pad, note.bottom() - pad / 2.0 - h),
            vec2(w, h),
        );
        let ring = style::partner_ring(color, note_fill, &self.palette);
        self.painter
            .rect(chip, h / 2.0, color, ring, StrokeKind::Inside);
        let text_pos = pos2(chip.left() + h / 2.0, chip.center().y - g.size().y / 2.0);
        self.painter
            .with_clip_rect(chip.intersect(self.painter.clip_rect()))
            .galley(text_pos, g, text_color);
    }

    /// Selection outline, with the resize grip when `grip` is set.
    pub fn selection(&self, drawn: &crate::model::Rect, grip: bool) {
        let r = self.rect(drawn);
        let stroke = Stroke::new(style::screen_size::SELECTION_WIDTH, self.palette.selection);
        self.painter.rect_stroke(
            r.expand(2.0),
            cs::NOTE_CORNER * self.zoom(),
            stroke,
            StrokeKind::Outside,
        );
        if grip {
            let g = grip_rect(r);
            self.painter
                .rect(g, 2.0, Color32::WHITE, stroke, StrokeKind::Inside);
        }
    }

    pub fn rubber_band(&self, r: Rect) {
        let stroke = Stroke::new(1.5, self.palette.selection);
        self.painter.rect(
            r,
            0.0,
            self.palette.rubber_band_fill,
            stroke,
            StrokeKind::Inside,
        );
    }

    /// A message in the middle of an empty board, so a new user knows where to start.
    pub fn hint(&self, text: &str) {
        self.painter.text(
            self.area.center(),
            Align2::CENTER_CENTER,
            text,
            FontId::proportional(20.0),
            self.palette.prompt,
        );
    }
}

/// The resize grip of a note drawn at `note` on screen.
pub fn grip_rect(note: Rect) -> Rect {
    let s = style::screen_size::RESIZE_GRIP;
    Rect::from_min_size(Pos2::new(note.right() - s, note.bottom() - s), vec2(s, s))
}
