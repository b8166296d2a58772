//! The `.tandem.json` file format: reading (with checks, repairs and precise errors) and writing.
//!
//! `docs/FORMAT.md` documents every field. Output is pretty-printed with a fixed key and element
//! order, so saving twice gives the same bytes and one edited note changes a few lines of a diff.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::diagnostic::{Diagnostic, TextPos};
pub(crate) use super::format_flows::{FlowJson, FlowKindJson};
use super::format_flows::{flows_to_write, kinds_to_write, read_flows, read_kinds};
use crate::model::board::COORD_LIMIT;
use crate::model::{
    Block, Board, BoardParts, Lane, Note, NoteColor, NoteId, Partner, PartnerId, Point, Rect, Rgb,
    Track, Voting,
};

/// The value of the `"format"` field.
pub const FORMAT_NAME: &str = "tandem-board";
/// The newest format version this build reads, and the one it writes.
pub const CURRENT_VERSION: u64 = 3;
/// Larger files are refused before parsing (a 10,000-note board is about 3 MB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The model's limits, which files are held to on load: beyond them a file is refused (text, lane
/// size) or repaired (votes), as docs/FORMAT.md says.
pub use crate::model::board::{
    MAX_DOTS_PER_PERSON, MAX_PEOPLE, MAX_TEXT_CHARS, MAX_TRACKS, MAX_VOTES,
};
/// Ids stay integers that every JSON tool reads exactly (2^53 - 1).
pub const MAX_ID: u64 = (1 << 53) - 1;

/// A board read from a file, with what was repaired on the way (each repair says where and what).
#[derive(Debug)]
pub struct Loaded {
    pub board: Board,
    pub repairs: Vec<Diagnostic>,
}

/// A board file as JSON. One shape serves every version: fields a version does not have are
/// optional here, and `read_board` checks them against the file's version.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJson {
    format: String,
    version: u64,
    title: String,
    blocks: Vec<BlockJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    journey: Option<LaneJson>,
    partners: Vec<PartnerJson>,
    /// Since version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    voting: Option<VotingJson>,
    /// Since version 3; absent: the default kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flow_kinds: Option<Vec<FlowKindJson>>,
    notes: Vec<NoteJson>,
    /// Since version 3; absent: no flows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flows: Option<Vec<FlowJson>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VotingJson {
    dots_per_person: u32,
    people: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlockJson {
    key: String,
    title: String,
    prompt: String,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LaneJson {
    title: String,
    x: f32,
    y: f32,
    label_width: f32,
    header_height: f32,
    stages: Vec<StageJson>,
    rows: Vec<RowJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StageJson {
    name: String,
    width: f32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowJson {
    name: String,
    height: f32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartnerJson {
    pub id: u64,
    pub name: String,
    pub color: String,
}

impl From<&Partner> for PartnerJson {
    fn from(p: &Partner) -> Self {
        PartnerJson {
            id: p.id.0,
            name: p.name.clone(),
            color: p.color.to_hex(),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoteJson {
    pub id: u64,
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    #[serde(default)]
    pub color: NoteColor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<u64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub votes: u32,
}

impl From<&Note> for NoteJson {
    fn from(n: &Note) -> Self {
        NoteJson {
            id: n.id.0,
            text: n.text.clone(),
            x: n.rect.x,
            y: n.rect.y,
            w: n.rect.w,
            h: n.rect.h,
            color: n.color,
            partner: n.partner.map(|id| id.0),
            votes: n.votes,
        }
    }
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

/// Just enough of any file to decide how to read the rest.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Serialises a board in the current format.
pub fn write_board(board: &Board) -> String {
    let p = board.parts();
    let file = FileJson {
        format: FORMAT_NAME.to_owned(),
        version: CURRENT_VERSION,
        title: p.title.clone(),
        blocks: p
            .blocks
            .iter()
            .map(|b| BlockJson {
                key: b.key.clone(),
                title: b.title.clone(),
                prompt: b.prompt.clone(),
                x: b.rect.x,
                y: b.rect.y,
                w: b.rect.w,
                h: b.rect.h,
            })
            .collect(),
        journey: p.lane.as_ref().map(|l| LaneJson {
            title: l.title.clone(),
            x: l.origin.x,
            y: l.origin.y,
            label_width: l.label_width,
            header_height: l.header_height,
            stages: l
                .stages
                .iter()
                .map(|t| StageJson {
                    name: t.name.clone(),
                    width: t.size,
                })
                .collect(),
            rows: l
                .rows
                .iter()
                .map(|t| RowJson {
                    name: t.name.clone(),
                    height: t.size,
                })
                .collect(),
        }),
        partners: p.partners.iter().map(PartnerJson::from).collect(),
        voting: Some(VotingJson {
            dots_per_person: p.voting.dots_per_person,
            people: p.voting.people,
        }),
        flow_kinds: kinds_to_write(&p.flow_kinds),
        notes: p.notes.iter().map(NoteJson::from).collect(),
        flows: flows_to_write(&p.flows),
    };
    let mut out = serde_json::to_string_pretty(&file).expect("a board always serialises");
    out.push('\n');
    out
}

/// The refusal of a file over `MAX_FILE_BYTES`.
pub(crate) fn too_big(len: u64) -> Diagnostic {
    Diagnostic::new(
        None,
        format!(
            "the file is {} MB; Tandem opens boards of up to {} MB",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Reads a board from a file's bytes. Never panics; every refusal says where and why.
pub fn read_board(bytes: &[u8]) -> Result<Loaded, Diagnostic> {
    let text = json_text(bytes)?;
    // serde would also fill the header from an array, so insist on an object first.
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with('{') {
        return Err(Diagnostic::new(
            Some(TextPos::of_offset(text, start)),
            "not a Tandem board: expected a JSON object at the top",
        ));
    }
    let header: Header = serde_json::from_str(text).map_err(|e| Diagnostic::from(&e))?;
    let at = |key: &str| locate(text, &[Seg::Key(key)]);
    match header.format {
        Some(serde_json::Value::String(f)) if f == FORMAT_NAME => {}
        Some(other) => {
            return Err(Diagnostic::new(
                at("format"),
                format!("not a Tandem board: \"format\" is {other}, expected \"{FORMAT_NAME}\""),
            ));
        }
        None => {
            return Err(Diagnostic::new(
                Some(TextPos { line: 1, column: 1 }),
                format!("not a Tandem board: no \"format\": \"{FORMAT_NAME}\" field"),
            ));
        }
    }
    let version = match header.version {
        Some(serde_json::Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or(0),
        Some(other) => {
            return Err(Diagnostic::new(
                at("version"),
                format!("\"version\" must be a whole number, found {other}"),
            ));
        }
        None => {
            return Err(Diagnostic::new(
                Some(TextPos { line: 1, column: 1 }),
                "missing field `version`",
            ));
        }
    };
    match version {
        1..=CURRENT_VERSION => {
            let file: FileJson = serde_json::from_str(text).map_err(|e| Diagnostic::from(&e))?;
            let file = migrate(text, file)?;
            from_current(text, file)
        }
        v if v > CURRENT_VERSION => Err(Diagnostic::new(
            at("version"),
            format!(
                "written by a newer Tandem (format version {v}); this Tandem reads versions 1 to \
                 {CURRENT_VERSION}: update Tandem to open it"
            ),
        )),
        v => Err(Diagnostic::new(
            at("version"),
            format!("unknown format version {v}"),
        )),
    }
}

/// The text of a JSON file Tandem reads (a board or a canvas): not too large, UTF-8 (a leading
/// byte-order mark dropped), not empty.
pub(crate) fn json_text(bytes: &[u8]) -> Result<&str, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        Diagnostic::new(
            Some(TextPos::of_offset(valid, valid.len())),
            format!("not UTF-8 text (byte 0x{:02X})", bytes[e.valid_up_to()]),
        )
    })?;
    // Editors on some systems add a byte-order mark; it carries no meaning in JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::new(None, "the file is empty"));
    }
    Ok(text)
}

/// Brings a file of any known version to the current one.
fn migrate(text: &str, mut file: FileJson) -> Result<FileJson, Diagnostic> {
    // Version 3 added flows and their kinds; older files have none and the default kinds, which
    // is what the fields' absence means.
    for (name, used) in [
        ("flow_kinds", file.flow_kinds.is_some()),
        ("flows", file.flows.is_some()),
    ] {
        if used && file.version < 3 {
            return Err(Diagnostic::new(
                locate(text, &[Seg::Key(name)]),
                format!("\"{name}\" needs format version 3 or later"),
            ));
        }
    }
    // Version 1 had no voting settings: they take their defaults.
    if file.version == 1 {
        if file.voting.is_some() {
            return Err(Diagnostic::new(
                locate(text, &[Seg::Key("voting")]),
                "\"voting\" needs format version 2 or later",
            ));
        }
        let d = Voting::default();
        file.voting = Some(VotingJson {
            dots_per_person: d.dots_per_person,
            people: d.people,
        });
        file.version = 2;
    }
    file.version = file.version.max(3);
    if file.voting.is_none() {
        return Err(Diagnostic::new(
            Some(TextPos { line: 1, column: 1 }),
            "missing field `voting`",
        ));
    }
    Ok(file)
}

/// Checks a parsed file and turns it into a board, repairing what a user would expect repaired.
fn from_current(text: &str, file: FileJson) -> Result<Loaded, Diagnostic> {
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
        notes.push(Note {
            id: NoteId(id),
            text: n.text,
            rect,
            color: n.color,
            partner,
            votes,
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

/// One step of a path into a JSON document.
pub(super) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The position of the value at `path` in `text`, found by a second, borrowing parse. Only called
/// when there is something to report, so the common path parses once.
pub(super) fn locate(text: &str, path: &[Seg]) -> Option<TextPos> {
    let mut raw: &RawValue = serde_json::from_str(text).ok()?;
    for seg in path {
        raw = match seg {
            Seg::Key(k) => {
                let map: HashMap<String, &RawValue> = serde_json::from_str(raw.get()).ok()?;
                *map.get(*k)?
            }
            Seg::Index(i) => {
                let items: Vec<&RawValue> = serde_json::from_str(raw.get()).ok()?;
                *items.get(*i)?
            }
        };
    }
    let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    Some(TextPos::of_offset(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(notes: &str) -> String {
        format!(
            r##"{{
  "format": "tandem-board",
  "version": 1,
  "title": "T",
  "blocks": [],
  "partners": [{{"id": 1, "name": "Uber", "color": "#000000"}}],
  "notes": [{notes}]
}}"##
        )
    }

    fn note(id: u64, extra: &str) -> String {
        format!(r#"{{"id": {id}, "text": "hi", "x": 0, "y": 0, "w": 200, "h": 120{extra}}}"#)
    }

    fn error_of(text: &str) -> Diagnostic {
        read_board(text.as_bytes()).expect_err("should be refused")
    }

    #[test]
    fn minimal_board_reads() {
        let loaded = read_board(minimal(&note(1, "")).as_bytes()).unwrap();
        assert!(loaded.repairs.is_empty());
        let n = &loaded.board.notes()[0];
        assert_eq!(n.color, NoteColor::Yellow);
        assert_eq!(n.rect, Rect::new(0.0, 0.0, 200.0, 120.0));
    }

    #[test]
    fn write_then_read_is_identity_and_stable() {
        let text = minimal(&format!(
            "{},\n{}",
            note(1, r#", "color": "blue", "partner": 1, "votes": 3"#),
            note(2, "")
        ));
        let board = read_board(text.as_bytes()).unwrap().board;
        let written = write_board(&board);
        let again = read_board(written.as_bytes()).unwrap().board;
        assert_eq!(again, board);
        assert_eq!(write_board(&again), written);
        assert!(written.contains("\"format\": \"tandem-board\""));
        assert!(written.contains("\"version\": 3"));
        assert!(written.ends_with("}\n"));
    }

    #[test]
    fn bad_json_says_where() {
        let d = error_of("{\n  \"format\": \"tandem-board\",\n  \"version\": 1,\n  oops\n}");
        assert_eq!(d.pos, Some(TextPos { line: 4, column: 3 }));
        assert!(d.message.contains("key must be a string"), "{d}");
    }

    #[test]
    fn wrong_format_and_versions() {
        let d = error_of(r#"{"type": "excalidraw", "version": 2}"#);
        assert!(d.message.contains("not a Tandem board"), "{d}");
        let d = error_of("[1, 2]");
        assert!(d.message.contains("JSON object"), "{d}");
        let d = error_of("{\"format\": \"tandem-board\",\n \"version\": 99}");
        assert!(
            d.message.contains("newer Tandem (format version 99)"),
            "{d}"
        );
        assert_eq!(
            d.pos,
            Some(TextPos {
                line: 2,
                column: 13
            })
        );
        let d = error_of(r#"{"format": "tandem-board", "version": "1"}"#);
        assert!(d.message.contains("whole number"), "{d}");
        let d = error_of(r#"{"format": "tandem-board"}"#);
        assert!(d.message.contains("version"), "{d}");
        let d = error_of(r#"{"format": "tandem-board", "version": 0}"#);
        assert!(d.message.contains("unknown format version 0"), "{d}");
    }

    #[test]
    fn missing_and_unknown_fields_are_named() {
        let d = error_of(&minimal(r#"{"id": 1, "x": 0, "y": 0, "w": 1, "h": 1}"#));
        assert!(d.message.contains("missing field `text`"), "{d}");
        assert_eq!(d.pos.unwrap().line, 7);
        let d = error_of(&minimal(&note(1, r#", "colour": "red""#)));
        assert!(d.message.contains("unknown field `colour`"), "{d}");
        let d = error_of(&minimal(&note(1, r#", "color": "teal""#)));
        assert!(d.message.contains("unknown variant `teal`"), "{d}");
    }

    #[test]
    fn empty_and_non_utf8_files() {
        assert_eq!(error_of("  \n").message, "the file is empty");
        let mut bytes = minimal(&note(1, "")).into_bytes();
        let at = bytes.windows(2).position(|w| w == b"hi").unwrap();
        bytes[at] = 0xFF;
        let d = read_board(&bytes).unwrap_err();
        assert!(d.message.contains("not UTF-8"), "{d}");
        assert_eq!(d.pos.unwrap().line, 7);
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{}", minimal(""));
        assert!(read_board(text.as_bytes()).is_ok());
    }

    #[test]
    fn repairs_are_reported_with_their_place() {
        let notes = [
            note(1, ""),
            note(1, r#", "partner": 9"#),
            r#"{"id": 3, "text": "", "x": 0, "y": 0, "w": -5, "h": 99999}"#.to_owned(),
        ]
        .join(",\n");
        let loaded = read_board(minimal(&notes).as_bytes()).unwrap();
        let b = &loaded.board;
        assert_eq!(b.notes().len(), 3, "no note is lost");
        let ids: HashSet<u64> = b.notes().iter().map(|n| n.id.0).collect();
        assert_eq!(ids.len(), 3, "duplicate id renumbered");
        assert_eq!(b.notes()[1].partner, None);
        assert_eq!(b.notes()[2].rect.w, Note::MIN_SIZE);
        assert_eq!(b.notes()[2].rect.h, Note::MAX_SIZE);
        let messages: Vec<String> = loaded.repairs.iter().map(|d| d.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("line 8, column 1: note id 1 was used twice"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("partner 9 does not exist"),
            "{messages:?}"
        );
        assert!(messages[2].contains("size -5×99999"), "{messages:?}");
    }

    #[test]
    fn version_1_files_are_migrated_and_cannot_carry_version_2_fields() {
        let loaded = read_board(minimal(&note(1, "")).as_bytes()).unwrap();
        assert_eq!(loaded.board.voting(), Voting::default());
        let written = write_board(&loaded.board);
        assert!(written.contains("\"version\": 3"));
        assert!(written.contains("\"voting\": {"));
        let v1_with_voting = minimal("").replace(
            "\"blocks\": [],",
            "\"blocks\": [], \"voting\": {\"dots_per_person\": 5, \"people\": 2},",
        );
        let d = error_of(&v1_with_voting);
        assert!(d.message.contains("needs format version 2"), "{d}");
        let v2_without = minimal("").replace("\"version\": 1", "\"version\": 2");
        assert!(
            error_of(&v2_without)
                .message
                .contains("missing field `voting`")
        );
        let v2 = v1_with_voting.replace("\"version\": 1", "\"version\": 2");
        let voting = read_board(v2.as_bytes()).unwrap().board.voting();
        assert_eq!((voting.dots_per_person, voting.people), (5, 2));
    }

    #[test]
    fn huge_coordinates_are_refused_at_the_field() {
        let d = error_of(&minimal(
            r#"{"id": 1, "text": "", "x": 1e39, "y": 0, "w": 1, "h": 1}"#,
        ));
        assert!(d.message.contains("x is outside the canvas"), "{d}");
        assert_eq!(
            d.pos,
            Some(TextPos {
                line: 7,
                column: 40
            })
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let d = error_of(&minimal(&deep));
        assert!(d.message.contains("invalid type: sequence"), "{d}");
        let d = error_of(&format!(
            r#"{{"format": {}1{}}}"#,
            "[".repeat(1000),
            "]".repeat(1000)
        ));
        assert!(d.message.contains("recursion limit"), "{d}");
        let d = error_of(&format!(
            "{}1{}",
            r#"{"a": "#.repeat(100_000),
            "}".repeat(100_000)
        ));
        assert!(d.message.contains("not a Tandem board"), "{d}");
    }

    #[test]
    fn bad_partner_colour_and_lane() {
        let text = minimal("").replace("#000000", "black");
        assert!(error_of(&text).message.contains("not #RRGGBB"));
        let text = minimal("").replace(
            "\"blocks\": [],",
            r#""blocks": [], "journey": {"title": "J", "x": 0, "y": 0, "label_width": 10, "header_height": 10, "stages": [], "rows": []},"#,
        );
        assert!(error_of(&text).message.contains("at least one stage"));
    }
}
