//! Checking a parsed file of the current version and turning it into a board, with repairs.

use std::collections::HashSet;

use super::flows::{read_flows, read_kinds};
use super::json::{FileJson, PartnerJson};
use super::locate::{Seg, locate};
use super::{Diagnostic, Loaded, MAX_ID};
use crate::model::board::{
    COORD_LIMIT, MAX_AUTHOR_CHARS, MAX_DOTS_PER_PERSON, MAX_PEOPLE, MAX_TEXT_CHARS, MAX_TRACKS,
    MAX_VOTES, clip_chars,
};
use crate::model::{
    Block, Board, BoardParts, Lane, Note, NoteId, Partner, PartnerId, Point, Rect, Rgb, Track,
    Voting,
};

/// Checks a parsed file and turns it into a board, repairing what a user would expect repaired.
pub(super) fn from_current(text: &str, file: FileJson) -> Result<Loaded, Diagnostic> {
    let err = |path: &[Seg], msg: String| Diagnostic::new(locate(text, path), msg);
    // A refusal at `path` when `problem` has one.
    let refuse = |path: &[Seg], problem: Option<String>| match problem {
        Some(msg) => Err(err(path, msg)),
        None => Ok(()),
    };
    let text_ok = |path: &[Seg], what: &str, s: &str| refuse(path, too_long(what, s));
    let id_ok = |path: &[Seg], what: &str, id: u64| refuse(path, too_large(what, id));
    let mut repairs = Vec::new();

    text_ok(&[Seg::Key("title")], "the title", &file.title)?;
    let mut blocks = Vec::with_capacity(file.blocks.len());
    let mut keys = HashSet::new();
    for (i, b) in file.blocks.into_iter().enumerate() {
        let path = [Seg::Key("blocks"), Seg::Index(i)];
        for (what, s) in [("key", &b.key), ("title", &b.title), ("prompt", &b.prompt)] {
            text_ok(&path, &format!("block {}: its {what}", i + 1), s)?;
        }
        let rect = Rect::new(b.x, b.y, b.w, b.h);
        check_area(&rect).map_err(|m| err(&path, format!("block \"{}\": {m}", b.title)))?;
        if !keys.insert(b.key.clone()) {
            return Err(err(&path, format!("two blocks have the key \"{}\"", b.key)));
        }
        blocks.push(Block {
            key: b.key,
            title: b.title,
            prompt: b.prompt,
            rect,
        });
    }

    let lane = match file.journey {
        None => None,
        Some(l) => {
            let path = [Seg::Key("journey")];
            for (what, n) in [("stages", l.stages.len()), ("rows", l.rows.len())] {
                if n > MAX_TRACKS {
                    return Err(err(
                        &path,
                        format!("journey: {n} {what}; a journey has up to {MAX_TRACKS}"),
                    ));
                }
            }
            let names = l
                .stages
                .iter()
                .map(|t| &t.name)
                .chain(l.rows.iter().map(|t| &t.name));
            for name in std::iter::once(&l.title).chain(names) {
                text_ok(&path, "a journey name", name)?;
            }
            let lane = Lane {
                title: l.title,
                origin: Point::new(l.x, l.y),
                label_width: l.label_width,
                header_height: l.header_height,
                stages: l
                    .stages
                    .into_iter()
                    .map(|t| Track::new(t.name, t.width))
                    .collect(),
                rows: l
                    .rows
                    .into_iter()
                    .map(|t| Track::new(t.name, t.height))
                    .collect(),
            };
            check_lane(&lane).map_err(|m| err(&path, format!("journey: {m}")))?;
            Some(lane)
        }
    };

    let partners: Vec<Partner> = named_colors(text, file.partners, "partners", "partner")?
        .into_iter()
        .map(partner)
        .collect();
    let flow_kinds = read_kinds(text, file.flow_kinds)?;
    let partner_ids: HashSet<u64> = partners.iter().map(|p| p.id.0).collect();

    let mut notes = Vec::with_capacity(file.notes.len());
    let mut seen = HashSet::with_capacity(file.notes.len());
    let mut next_free = file
        .notes
        .iter()
        .map(|n| n.id)
        .max()
        .map_or(1, |m| m.saturating_add(1));
    // Every id is checked before `next_free` is relied on to be small.
    for (i, n) in file.notes.iter().enumerate() {
        let path = [Seg::Key("notes"), Seg::Index(i), Seg::Key("id")];
        id_ok(&path, "note", n.id)?;
        text_ok(
            &[Seg::Key("notes"), Seg::Index(i), Seg::Key("text")],
            &format!("note {}: its text", n.id),
            &n.text,
        )?;
    }
    for (i, n) in file.notes.into_iter().enumerate() {
        let path = [Seg::Key("notes"), Seg::Index(i)];
        for (v, name) in [(n.x, "x"), (n.y, "y")] {
            if !v.is_finite() || v.abs() > COORD_LIMIT {
                let field = [Seg::Key("notes"), Seg::Index(i), Seg::Key(name)];
                return Err(err(
                    &field,
                    format!(
                        "note {}: {name} is outside the canvas (±{COORD_LIMIT})",
                        n.id
                    ),
                ));
            }
        }
        let mut id = n.id;
        if !seen.insert(id) {
            id = next_free;
            next_free = next_free.saturating_add(1);
            seen.insert(id);
            repairs.push(err(
                &path,
                format!("note id {} was used twice; this note is now {id}", n.id),
            ));
        }
        let mut rect = Rect::new(n.x, n.y, n.w, n.h);
        let (w, h) = (clamp_size(n.w), clamp_size(n.h));
        if (w, h) != (n.w, n.h) {
            repairs.push(err(
                &path,
                format!(
                    "note {id}: size {}×{} set to {w}×{h} (sizes run from {} to {})",
                    n.w,
                    n.h,
                    Note::MIN_SIZE,
                    Note::MAX_SIZE
                ),
            ));
            (rect.w, rect.h) = (w, h);
        }
        let partner = match n.partner {
            Some(p) if !partner_ids.contains(&p) => {
                repairs.push(err(
                    &path,
                    format!("note {id}: partner {p} does not exist; tag removed"),
                ));
                None
            }
            p => p.map(PartnerId),
        };
        let votes = n.votes.min(MAX_VOTES);
        if votes != n.votes {
            repairs.push(err(
                &path,
                format!(
                    "note {id}: {} votes set to {votes}, the most a note holds",
                    n.votes
                ),
            ));
        }
        let author = n.author.map(|mut name| {
            let len = name.chars().count();
            if len > MAX_AUTHOR_CHARS {
                clip_chars(&mut name, MAX_AUTHOR_CHARS);
                let field = [Seg::Key("notes"), Seg::Index(i), Seg::Key("author")];
                repairs.push(err(
                    &field,
                    format!("note {id}: author name of {len} characters cut to {MAX_AUTHOR_CHARS}"),
                ));
            }
            name
        });
        notes.push(Note {
            id: NoteId(id),
            text: n.text,
            rect,
            color: n.color,
            partner,
            votes,
            author,
            face_down: n.face_down.unwrap_or(false),
        });
    }

    let voting = file.voting.map_or_else(Voting::default, |v| {
        let voting = Voting {
            dots_per_person: v.dots_per_person.min(MAX_DOTS_PER_PERSON),
            people: v.people.min(MAX_PEOPLE),
        };
        if (voting.dots_per_person, voting.people) != (v.dots_per_person, v.people) {
            repairs.push(err(
                &[Seg::Key("voting")],
                format!(
                    "voting: {} dots for {} people set to {} for {} (up to {MAX_DOTS_PER_PERSON} \
                     dots and {MAX_PEOPLE} people)",
                    v.dots_per_person, v.people, voting.dots_per_person, voting.people
                ),
            ));
        }
        voting
    });
    let note_ids: HashSet<u64> = notes.iter().map(|n| n.id.0).collect();
    let flows = read_flows(
        text,
        file.flows.unwrap_or_default(),
        &note_ids,
        &flow_kinds,
        &mut repairs,
    )?;
    let board = Board::from_parts(BoardParts {
        title: file.title,
        blocks,
        lane,
        partners,
        voting,
        notes,
        flow_kinds,
        flows,
    });
    Ok(Loaded { board, repairs })
}

/// A partner from its checked id, name and colour.
pub(crate) fn partner((id, name, color): (u64, String, Rgb)) -> Partner {
    Partner {
        id: PartnerId(id),
        name,
        color,
    }
}

/// Partners or flow kinds (`key` in the file, each called `what`): ids and names within the
/// limits, no id twice, colours as `#RRGGBB`; otherwise refused where the entry is.
pub(super) fn named_colors(
    text: &str,
    list: Vec<PartnerJson>,
    key: &str,
    what: &str,
) -> Result<Vec<(u64, String, Rgb)>, Diagnostic> {
    let mut out: Vec<(u64, String, Rgb)> = Vec::with_capacity(list.len());
    for (i, p) in list.into_iter().enumerate() {
        let at = || locate(text, &[Seg::Key(key), Seg::Index(i)]);
        let problem = too_large(what, p.id)
            .or_else(|| too_long(&format!("a {what} name"), &p.name))
            .or_else(|| {
                out.iter()
                    .any(|q| q.0 == p.id)
                    .then(|| format!("two {what}s have the id {}", p.id))
            });
        if let Some(message) = problem {
            return Err(Diagnostic::new(at(), message));
        }
        let color = Rgb::parse_hex(&p.color).ok_or_else(|| {
            let message = format!(
                "{what} \"{}\": colour \"{}\" is not #RRGGBB",
                p.name, p.color
            );
            Diagnostic::new(at(), message)
        })?;
        out.push((p.id, p.name, color));
    }
    Ok(out)
}

pub(super) fn too_long(what: &str, s: &str) -> Option<String> {
    let n = s.chars().count();
    (n > MAX_TEXT_CHARS)
        .then(|| format!("{what} is {n} characters long; texts hold up to {MAX_TEXT_CHARS}"))
}

pub(super) fn too_large(what: &str, id: u64) -> Option<String> {
    (id > MAX_ID).then(|| format!("{what} id {id} is too large (ids run up to {MAX_ID})"))
}

fn clamp_size(v: f32) -> f32 {
    if v.is_nan() {
        Note::MIN_SIZE
    } else {
        v.clamp(Note::MIN_SIZE, Note::MAX_SIZE)
    }
}

/// A template area must be finite, inside the canvas and not empty.
pub(crate) fn check_area(r: &Rect) -> Result<(), String> {
    let coords_ok = [r.x, r.y, r.right(), r.bottom()]
        .iter()
        .all(|v| v.is_finite() && v.abs() <= COORD_LIMIT);
    if !coords_ok {
        return Err(format!("area is outside the canvas (±{COORD_LIMIT})"));
    }
    if r.w <= 0.0 || r.h <= 0.0 {
        return Err(format!("size {}×{} is not positive", r.w, r.h));
    }
    Ok(())
}

pub(crate) fn check_lane(l: &Lane) -> Result<(), String> {
    if l.stages.is_empty() || l.rows.is_empty() {
        return Err("needs at least one stage and one row".to_owned());
    }
    for t in l.stages.iter().chain(&l.rows) {
        if !(t.size.is_finite() && t.size > 0.0) {
            return Err(format!(
                "\"{}\" has size {}, which is not positive",
                t.name, t.size
            ));
        }
    }
    if !(l.label_width >= 0.0 && l.header_height >= 0.0) {
        return Err("label_width and header_height must not be negative".to_owned());
    }
    check_area(&l.rect())
}
