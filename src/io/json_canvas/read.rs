//! Reading JSON Canvas: every node and field is either kept or reported with its place in the
//! file; nothing is dropped silently.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::edges::{Edges, End};
use super::*;
use crate::io::diagnostic::{Diagnostic, TextPos};
use crate::io::files::slug;
use crate::io::format::{PartnerJson, check_area, check_lane, json_text, kind, partner};
use crate::model::board::COORD_LIMIT;
use crate::model::{
    Block, Board, BoardParts, Lane, Note, NoteColor, NoteId, PartnerId, Point, Rect, Rgb, Track,
    Voting,
};

/// The fields JSON Canvas 1.0 defines on nodes, plus Tandem's own.
const NODE_FIELDS: [&str; 14] = [
    "id",
    "type",
    "x",
    "y",
    "width",
    "height",
    "color",
    "text",
    "file",
    "subpath",
    "url",
    "label",
    "background",
    "backgroundStyle",
];

/// Something the board could not keep as it was, at a byte offset of the file. Offsets become lines
/// and columns in one pass at the end ([`located`]): a canvas of 10,000 nodes may list as many.
pub(super) struct Loss {
    pub(super) at: Option<usize>,
    pub(super) message: String,
}

/// One node's fields, with where they are in the file for messages.
pub(super) struct Fields<'a> {
    pub(super) text: &'a str,
    pub(super) map: BTreeMap<String, &'a RawValue>,
    pub(super) at: Option<usize>,
    /// How messages name the node, e.g. `text node "abc"`.
    pub(super) name: String,
}

/// The byte offset of a value in the file.
pub(super) fn offset_in(text: &str, raw: &RawValue) -> Option<usize> {
    (raw.get().as_ptr() as usize).checked_sub(text.as_ptr() as usize)
}

/// A refusal at a byte offset of the file.
pub(super) fn refusal(text: &str, at: Option<usize>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(at.map(|o| TextPos::of_offset(text, o)), message)
}

/// The losses as messages with their line and column, in file order.
fn located(text: &str, mut losses: Vec<Loss>) -> Vec<Diagnostic> {
    losses.sort_by_key(|l| l.at);
    let (mut line, mut column, mut done) = (1, 1, 0);
    losses
        .into_iter()
        .map(|l| {
            let pos = l.at.map(|at| {
                for c in text.get(done..at).unwrap_or_default().chars() {
                    if c == '\n' {
                        (line, column) = (line + 1, 1);
                    } else {
                        column += 1;
                    }
                }
                done = done.max(at);
                TextPos { line, column }
            });
            Diagnostic::new(pos, l.message)
        })
        .collect()
}

pub(super) fn object<'a>(
    text: &'a str,
    raw: &'a RawValue,
    what: &str,
) -> Result<Fields<'a>, Diagnostic> {
    let at = offset_in(text, raw);
    let map = serde_json::from_str(raw.get())
        .map_err(|_| refusal(text, at, format!("{what} must be a JSON object")))?;
    Ok(Fields {
        text,
        map,
        at,
        name: what.to_owned(),
    })
}

impl Fields<'_> {
    pub(super) fn get<T: DeserializeOwned>(
        &self,
        key: &str,
        expected: &str,
    ) -> Result<Option<T>, Diagnostic> {
        let Some(raw) = self.map.get(key) else {
            return Ok(None);
        };
        if raw.get() == "null" {
            return Ok(None);
        }
        serde_json::from_str(raw.get()).map(Some).map_err(|_| {
            refusal(
                self.text,
                offset_in(self.text, raw),
                format!("{}: \"{key}\" must be {expected}", self.name),
            )
        })
    }

    fn require<T: DeserializeOwned>(&self, key: &str, expected: &str) -> Result<T, Diagnostic> {
        self.get(key, expected)?.ok_or_else(|| {
            refusal(
                self.text,
                self.at,
                format!("{}: missing field \"{key}\"", self.name),
            )
        })
    }

    /// The items of an array field; none when the field is absent or null.
    pub(super) fn array(&self, key: &str) -> Result<Vec<&RawValue>, Diagnostic> {
        match self.map.get(key) {
            None => Ok(Vec::new()),
            Some(raw) if raw.get() == "null" => Ok(Vec::new()),
            Some(raw) => serde_json::from_str(raw.get()).map_err(|_| {
                refusal(
                    self.text,
                    offset_in(self.text, raw),
                    format!("\"{key}\" must be an array"),
                )
            }),
        }
    }

    fn coord(&self, key: &str) -> Result<f32, Diagnostic> {
        let v: f64 = self.require(key, "a number")?;
        if !v.is_finite() || v.abs() > f64::from(COORD_LIMIT) {
            let at = self.map.get(key).and_then(|r| offset_in(self.text, r));
            return Err(refusal(
                self.text,
                at,
                format!(
                    "{}: \"{key}\" is outside the canvas (±{COORD_LIMIT})",
                    self.name
                ),
            ));
        }
        Ok(v as f32)
    }

    fn rect(&self) -> Result<Rect, Diagnostic> {
        Ok(Rect::new(
            self.coord("x")?,
            self.coord("y")?,
            self.coord("width")?,
            self.coord("height")?,
        ))
    }

    pub(super) fn loss(&self, message: impl std::fmt::Display) -> Loss {
        Loss {
            at: self.at,
            message: format!("{}: {message}", self.name),
        }
    }
}

/// A node, read and checked, before it becomes part of the board.
struct Node {
    id: String,
    kind: String,
    rect: Rect,
    color: Option<String>,
    label: Option<String>,
    /// The text a note gets from this node.
    text: String,
    ext: NodeExt,
    /// Tandem's note id, from an id written as `note-N`.
    note_id: Option<u64>,
    fields: Vec<Loss>,
    at: Option<usize>,
    name: String,
}

/// Reads a JSON Canvas file. `fallback_title` names the board when the file carries no title (the
/// file's name, as other apps show it). Never panics; a refusal says where and why.
pub fn read_canvas(bytes: &[u8], fallback_title: &str) -> Result<Imported, Diagnostic> {
    let text = json_text(bytes)?;
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| {
        let mut d = Diagnostic::from(&e);
        if d.message.starts_with("invalid type") {
            d.message = "not a JSON Canvas file: expected a JSON object at the top".to_owned();
        }
        d
    })?;
    if top.contains_key("format") && top.contains_key("notes") {
        return Err(Diagnostic::new(
            Some(TextPos { line: 1, column: 1 }),
            "this is a Tandem board, not a JSON Canvas file: open it instead of importing it",
        ));
    }
    let ext_at = top.get("tandem").and_then(|raw| offset_in(text, raw));
    let top_fields = Fields {
        text,
        map: top,
        at: ext_at,
        name: "the canvas".to_owned(),
    };
    let mut not_kept = Vec::new();
    for (key, raw) in &top_fields.map {
        if !["nodes", "edges", "tandem"].contains(&key.as_str()) {
            not_kept.push(Loss {
                at: offset_in(text, raw),
                message: format!("top-level field \"{key}\" not kept"),
            });
        }
    }
    let ext: BoardExt = match top_fields.get::<serde_json::Value>("tandem", "an object")? {
        None => BoardExt::default(),
        Some(v) => serde_json::from_value(v).unwrap_or_else(|e| {
            not_kept.push(top_fields.loss(format!(
                "its \"tandem\" data was not understood ({e}); title, partners, voting and \
                 flow kinds not kept"
            )));
            BoardExt::default()
        }),
    };

    let raw_nodes = top_fields.array("nodes")?;
    let mut nodes = Vec::with_capacity(raw_nodes.len());
    let mut ids = HashSet::new();
    for (i, raw) in raw_nodes.iter().enumerate() {
        let node = read_node(text, raw, i)?;
        if !ids.insert(node.id.clone()) {
            return Err(refusal(
                text,
                node.at,
                format!("{}: the id \"{}\" is used twice", node.name, node.id),
            ));
        }
        nodes.push(node);
    }
    let kinds_given = ext.flow_kinds.is_some();
    let (mut parts, ends) = build(nodes, ext, ext_at, fallback_title, &mut not_kept);
    let edges = Edges {
        ends: &ends,
        kinds_given,
    };
    edges.read(text, &top_fields, &mut parts, &mut not_kept)?;
    Ok(Imported {
        board: Board::from_parts(parts),
        not_kept: located(text, not_kept),
    })
}

/// Reads node `i`.
fn read_node(text: &str, raw: &RawValue, i: usize) -> Result<Node, Diagnostic> {
    let mut f = object(text, raw, &format!("node {}", i + 1))?;
    let id: String = f.require("id", "a string")?;
    let kind: String = f.require("type", "a string")?;
    f.name = format!("{kind} node \"{id}\"");
    let rect = f.rect()?;
    let mut fields = Vec::new();
    for key in f.map.keys() {
        if !NODE_FIELDS.contains(&key.as_str()) && key != "tandem" {
            fields.push(f.loss(format!("field \"{key}\" not kept")));
        }
    }
    let ext = match f.get::<serde_json::Value>("tandem", "an object")? {
        None => NodeExt::default(),
        Some(v) => serde_json::from_value(v).unwrap_or_else(|e| {
            fields.push(f.loss(format!("its \"tandem\" data was not understood ({e})")));
            NodeExt::default()
        }),
    };
    let string = |key: &str| f.get::<String>(key, "a string");
    let text_of = match kind.as_str() {
        "text" => string("text")?.unwrap_or_else(|| {
            fields.push(f.loss("has no \"text\"; it becomes an empty note"));
            String::new()
        }),
        "file" => {
            let file = string("file")?.unwrap_or_default();
            let subpath = string("subpath")?.unwrap_or_default();
            fields.push(f.loss(format!(
                "kept as a note naming the file (Tandem cannot show \"{file}{subpath}\")"
            )));
            format!("{file}{subpath}")
        }
        "link" => {
            let url = string("url")?.unwrap_or_default();
            fields.push(f.loss("kept as a note showing its URL (Tandem cannot show web pages)"));
            url
        }
        _ => String::new(),
    };
    if kind == "group" && string("background")?.is_some() {
        fields.push(f.loss("background image not kept"));
    }
    let note_id = id
        .strip_prefix("note-")
        .and_then(|n| n.parse().ok())
        .filter(|_| kind == "text");
    let node = Node {
        id,
        rect,
        color: string("color")?,
        label: string("label")?,
        text: text_of,
        ext,
        note_id,
        fields,
        at: f.at,
        name: f.name.clone(),
        kind,
    };
    Ok(node)
}

/// The sticky colour for a node's colour, and a message when it is only the nearest one.
fn note_color(color: Option<&str>) -> (NoteColor, Option<String>) {
    let Some(c) = color else {
        return (NoteColor::White, None);
    };
    if let Some(exact) = NoteColor::ALL.into_iter().find(|&n| preset(n) == Some(c)) {
        return (exact, None);
    }
    let Some(Rgb(rgb)) = Rgb::parse_hex(c) else {
        return (
            NoteColor::White,
            Some(format!(
                "colour \"{c}\" is not \"1\"–\"6\" or #RRGGBB; the note is white"
            )),
        );
    };
    let distance = |n: NoteColor| {
        n.rgb()
            .iter()
            .zip(rgb)
            .map(|(&a, b)| (i32::from(a) - i32::from(b)).pow(2))
            .sum::<i32>()
    };
    let nearest = NoteColor::ALL
        .into_iter()
        .min_by_key(|&n| distance(n))
        .unwrap_or_default();
    let message = (distance(nearest) != 0).then(|| {
        format!(
            "colour {c} shown as the nearest sticky colour, {}",
            nearest.name()
        )
    });
    (nearest, message)
}

/// Builds the board's parts from checked nodes, and says what each node became, for the edges;
/// what the board cannot hold goes to `not_kept`.
fn build(
    nodes: Vec<Node>,
    ext: BoardExt,
    ext_at: Option<usize>,
    fallback_title: &str,
    not_kept: &mut Vec<Loss>,
) -> (BoardParts, HashMap<String, End>) {
    let mut parts = BoardParts {
        title: ext.title.unwrap_or_else(|| fallback_title.to_owned()),
        voting: ext.voting.map_or_else(Voting::default, |v| Voting {
            dots_per_person: v.dots_per_person,
            people: v.people,
        }),
        ..BoardParts::default()
    };
    let mut named = |list: Vec<PartnerJson>, what: &str| {
        named_colors(
            list,
            |name| Loss {
                at: ext_at,
                message: format!(
                    "{what} \"{name}\" not kept: its id is used twice or its colour is not #RRGGBB"
                ),
            },
            not_kept,
        )
    };
    parts.partners = named(ext.partners, "partner")
        .into_iter()
        .map(partner)
        .collect();
    if let Some(kinds) = ext.flow_kinds {
        parts.flow_kinds = named(kinds, "flow kind").into_iter().map(kind).collect();
    }
    let mut ends = HashMap::new();
    let with_lane = nodes.iter().any(|n| journey_of(n).is_some());
    let mut keys = HashSet::new();
    let mut note_ids = HashSet::new();
    let mut pending_notes = Vec::new();
    for mut node in nodes {
        not_kept.append(&mut node.fields);
        if !matches!(node.kind.as_str(), "text" | "file" | "link") {
            ends.insert(node.id.clone(), End::Not(format!("a {} node", node.kind)));
        }
        let at = |message: String| Loss {
            at: node.at,
            message: format!("{}: {message}", node.name),
        };
        match node.kind.as_str() {
            "group" => {
                if node.ext.cell.is_some() && with_lane {
                    // A journey cell: the lane draws it again from its stages and rows.
                    continue;
                }
                match journey_of(&node) {
                    Some(lane) if parts.lane.is_none() => {
                        let drawn = lane.rect();
                        if (drawn.w - node.rect.w).abs() > 1.0
                            || (drawn.h - node.rect.h).abs() > 1.0
                        {
                            not_kept.push(at("its size is not kept: the journey's size \
                                              follows its stages and rows"
                                .to_owned()));
                        }
                        parts.lane = Some(lane);
                        continue;
                    }
                    Some(_) => not_kept.push(at(
                        "a board has one journey; this one is kept as a block".to_owned(),
                    )),
                    None if node.ext.journey.is_some() => not_kept.push(at(
                        "its journey stages and rows are not valid; kept as a block".to_owned(),
                    )),
                    None => {}
                }
                if let Err(m) = check_area(&node.rect) {
                    not_kept.push(at(format!("not kept: {m}")));
                    continue;
                }
                if node.color.is_some() {
                    not_kept.push(at("colour not kept (blocks have no colour)".to_owned()));
                }
                let title = node.label.clone().unwrap_or_default();
                let (key, prompt) = match node.ext.block.take() {
                    Some(b) => (b.key, b.prompt),
                    None => (slug(&title), String::new()),
                };
                parts.blocks.push(Block {
                    key: unique_key(&mut keys, &key),
                    title,
                    prompt,
                    rect: node.rect,
                });
            }
            "text" | "file" | "link" => {
                let (color, message) = note_color(node.color.as_deref());
                if let Some(m) = message {
                    not_kept.push(at(m));
                }
                let mut rect = node.rect;
                let clamp = |v: f32| v.clamp(Note::MIN_SIZE, Note::MAX_SIZE);
                if (clamp(rect.w), clamp(rect.h)) != (rect.w, rect.h) {
                    not_kept.push(at(format!(
                        "size {}×{} set to {}×{} (notes are {} to {} units)",
                        rect.w,
                        rect.h,
                        clamp(rect.w),
                        clamp(rect.h),
                        Note::MIN_SIZE,
                        Note::MAX_SIZE
                    )));
                    (rect.w, rect.h) = (clamp(rect.w), clamp(rect.h));
                }
                let partner = match node.ext.partner {
                    Some(p) if !parts.partners.iter().any(|q| q.id.0 == p) => {
                        not_kept.push(at(format!("partner {p} does not exist; tag not kept")));
                        None
                    }
                    p => p.map(PartnerId),
                };
                let id = node.note_id.filter(|id| note_ids.insert(*id));
                pending_notes.push((
                    node.id,
                    id,
                    Note {
                        id: NoteId(0),
                        text: node.text,
                        rect,
                        color,
                        partner,
                        votes: node.ext.votes,
                        author: node.ext.author,
                        face_down: false,
                    },
                ));
            }
            other => not_kept.push(at(format!(
                "not kept: \"{other}\" is not a JSON Canvas 1.0 node type"
            ))),
        }
    }
    // Notes keep the ids they had in Tandem; nodes from other apps get fresh ones after those.
    let mut next = note_ids.iter().max().map_or(1, |m| m.saturating_add(1));
    for (node_id, id, mut note) in pending_notes {
        note.id = NoteId(id.unwrap_or_else(|| {
            next += 1;
            next - 1
        }));
        ends.insert(node_id, End::Note(note.id));
        parts.notes.push(note);
    }
    (parts, ends)
}

/// Partners or flow kinds from Tandem's data: id, name and colour, each checked; the ones with an
/// id used twice or a colour that is not `#RRGGBB` are reported through `lost`.
fn named_colors(
    list: Vec<PartnerJson>,
    lost: impl Fn(&str) -> Loss,
    not_kept: &mut Vec<Loss>,
) -> Vec<(u64, String, Rgb)> {
    let mut out: Vec<(u64, String, Rgb)> = Vec::with_capacity(list.len());
    for p in list {
        match Rgb::parse_hex(&p.color) {
            Some(color) if !out.iter().any(|q| q.0 == p.id) => out.push((p.id, p.name, color)),
            _ => not_kept.push(lost(&p.name)),
        }
    }
    out
}

/// The journey lane a group stands for, when it carries Tandem's lane data and that data is sound.
fn journey_of(node: &Node) -> Option<Lane> {
    let ext = node.ext.journey.as_ref()?;
    let tracks = |t: &[TrackExt]| -> Vec<Track> {
        t.iter()
            .map(|t| Track::new(t.name.clone(), t.size))
            .collect()
    };
    let lane = Lane {
        title: node.label.clone().unwrap_or_default(),
        origin: Point::new(node.rect.x, node.rect.y),
        label_width: ext.label_width,
        header_height: ext.header_height,
        stages: tracks(&ext.stages),
        rows: tracks(&ext.rows),
    };
    check_lane(&lane).ok().map(|()| lane)
}

/// `key`, or `key-2`, `key-3`… when taken; never empty.
fn unique_key(taken: &mut HashSet<String>, key: &str) -> String {
    let base = if key.is_empty() { "group" } else { key };
    let mut candidate = base.to_owned();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}
