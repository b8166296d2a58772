//! JSON Canvas 1.0 (`.canvas`, the open format of Obsidian Canvas and others), both ways.
//!
//! Notes are text nodes, blocks and the journey lane (with one group per cell) are group nodes, note
//! colours are the six presets (white: no colour). What JSON Canvas has no field for — prompts, the
//! lane's stages and rows, partners, votes, the title — travels in a `"tandem"` object on the node or
//! the top level, which other apps ignore; without it an import still gives a usable board. Reading
//! never drops anything silently: what a board cannot hold (file and link nodes, edges, unknown
//! fields) is reported with its place in the file. `docs/FORMAT.md` documents the mapping.

use std::collections::{BTreeMap, HashSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::diagnostic::{Diagnostic, TextPos};
use super::format::{PartnerJson, check_area, check_lane, json_text};
use crate::export::scope::slug;
use crate::model::board::COORD_LIMIT;
use crate::model::{
    Block, Board, BoardParts, Lane, Note, NoteColor, NoteId, Partner, PartnerId, Point, Rect, Rgb,
    Track, Voting,
};

/// A board read from a `.canvas` file, with everything it could not hold, each with its place.
#[derive(Debug)]
pub struct Imported {
    pub board: Board,
    pub not_kept: Vec<Diagnostic>,
}

/// What a board holds, in words, e.g. "34 notes, 8 blocks and the journey".
pub fn summary(board: &Board) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![
        count(board.notes().len(), "note", "notes"),
        count(board.blocks().len(), "block", "blocks"),
    ];
    if board.lane().is_some() {
        parts.push("the journey".to_owned());
    }
    let last = parts.pop().unwrap_or_default();
    format!("{} and {last}", parts.join(", "))
}

/// The preset colour ("1" red … "6" purple) standing for each sticky colour; white notes have none.
fn preset(c: NoteColor) -> Option<&'static str> {
    match c {
        NoteColor::Pink => Some("1"),
        NoteColor::Orange => Some("2"),
        NoteColor::Yellow => Some("3"),
        NoteColor::Green => Some("4"),
        NoteColor::Blue => Some("5"),
        NoteColor::Purple => Some("6"),
        NoteColor::White => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

#[derive(Serialize)]
struct CanvasOut<'a> {
    nodes: Vec<NodeOut<'a>>,
    edges: [(); 0],
    tandem: BoardExt,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    x: i64,
    y: i64,
    width: i64,
    height: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "NodeExt::is_empty")]
    tandem: NodeExt,
}

impl<'a> NodeOut<'a> {
    fn new(id: String, kind: &'static str, r: &Rect) -> Self {
        // JSON Canvas positions and sizes are integers.
        let whole = |v: f32| v.round() as i64;
        NodeOut {
            id,
            kind,
            x: whole(r.x),
            y: whole(r.y),
            width: whole(r.w).max(1),
            height: whole(r.h).max(1),
            color: None,
            text: None,
            label: None,
            tandem: NodeExt::default(),
        }
    }

    fn group(id: String, r: &Rect, label: String, tandem: NodeExt) -> Self {
        NodeOut {
            label: Some(label),
            tandem,
            ..NodeOut::new(id, "group", r)
        }
    }
}

/// Board-level data JSON Canvas has no field for.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct BoardExt {
    title: Option<String>,
    partners: Vec<PartnerJson>,
    voting: Option<VotingExt>,
}

#[derive(Serialize, Deserialize)]
struct VotingExt {
    dots_per_person: u32,
    people: u32,
}

/// Node-level data JSON Canvas has no field for; each node uses the part that fits its kind.
#[derive(Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct NodeExt {
    /// Block group: the block's key and prompt.
    #[serde(skip_serializing_if = "Option::is_none")]
    block: Option<BlockExt>,
    /// The journey's group: its header sizes, stages and rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    journey: Option<LaneExt>,
    /// A journey cell's group, `[stage, row]`: drawn for other apps, rebuilt from the lane here.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<[usize; 2]>,
    /// Text node: the partner's id and the note's votes.
    #[serde(skip_serializing_if = "Option::is_none")]
    partner: Option<u64>,
    #[serde(skip_serializing_if = "is_zero")]
    votes: u32,
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

impl NodeExt {
    fn is_empty(&self) -> bool {
        self.block.is_none()
            && self.journey.is_none()
            && self.cell.is_none()
            && self.partner.is_none()
            && self.votes == 0
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlockExt {
    key: String,
    prompt: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LaneExt {
    label_width: f32,
    header_height: f32,
    stages: Vec<TrackExt>,
    rows: Vec<TrackExt>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackExt {
    name: String,
    size: f32,
}

fn tracks_out(tracks: &[Track]) -> Vec<TrackExt> {
    tracks
        .iter()
        .map(|t| TrackExt {
            name: t.name.clone(),
            size: t.size,
        })
        .collect()
}

/// The board as a JSON Canvas document: the journey and its cells, then blocks (all below), then
/// notes in drawing order.
pub fn write_canvas(board: &Board) -> String {
    let mut nodes = Vec::new();
    if let Some(lane) = board.lane() {
        let ext = NodeExt {
            journey: Some(LaneExt {
                label_width: lane.label_width,
                header_height: lane.header_height,
                stages: tracks_out(&lane.stages),
                rows: tracks_out(&lane.rows),
            }),
            ..NodeExt::default()
        };
        nodes.push(NodeOut::group(
            "journey".into(),
            &lane.rect(),
            lane.title.clone(),
            ext,
        ));
        for (s, stage) in lane.stages.iter().enumerate() {
            for (r, row) in lane.rows.iter().enumerate() {
                let ext = NodeExt {
                    cell: Some([s, r]),
                    ..NodeExt::default()
                };
                let label = format!("{} · {}", stage.name, row.name);
                nodes.push(NodeOut::group(
                    format!("journey-{s}-{r}"),
                    &lane.cell_rect(s, r),
                    label,
                    ext,
                ));
            }
        }
    }
    for b in board.blocks() {
        let ext = NodeExt {
            block: Some(BlockExt {
                key: b.key.clone(),
                prompt: b.prompt.clone(),
            }),
            ..NodeExt::default()
        };
        nodes.push(NodeOut::group(
            format!("block-{}", b.key),
            &b.rect,
            b.title.clone(),
            ext,
        ));
    }
    for n in board.notes() {
        nodes.push(NodeOut {
            color: preset(n.color),
            text: Some(&n.text),
            tandem: NodeExt {
                partner: n.partner.map(|p| p.0),
                votes: n.votes,
                ..NodeExt::default()
            },
            ..NodeOut::new(format!("note-{}", n.id.0), "text", &n.rect)
        });
    }
    let p = board.parts();
    let canvas = CanvasOut {
        nodes,
        edges: [],
        tandem: BoardExt {
            title: Some(p.title.clone()),
            partners: p.partners.iter().map(PartnerJson::from).collect(),
            voting: Some(VotingExt {
                dots_per_person: p.voting.dots_per_person,
                people: p.voting.people,
            }),
        },
    };
    let mut out = serde_json::to_string_pretty(&canvas).expect("a canvas always serialises");
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------------------------
// Reading

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
struct Loss {
    at: Option<usize>,
    message: String,
}

/// One node's fields, with where they are in the file for messages.
struct Fields<'a> {
    text: &'a str,
    map: BTreeMap<String, &'a RawValue>,
    at: Option<usize>,
    /// How messages name the node, e.g. `text node "abc"`.
    name: String,
}

/// The byte offset of a value in the file.
fn offset_in(text: &str, raw: &RawValue) -> Option<usize> {
    (raw.get().as_ptr() as usize).checked_sub(text.as_ptr() as usize)
}

/// A refusal at a byte offset of the file.
fn refusal(text: &str, at: Option<usize>, message: impl Into<String>) -> Diagnostic {
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

fn object<'a>(text: &'a str, raw: &'a RawValue, what: &str) -> Result<Fields<'a>, Diagnostic> {
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
    fn get<T: DeserializeOwned>(&self, key: &str, expected: &str) -> Result<Option<T>, Diagnostic> {
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
    fn array(&self, key: &str) -> Result<Vec<&RawValue>, Diagnostic> {
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

    fn loss(&self, message: impl std::fmt::Display) -> Loss {
        Loss {
            at: self.at,
            message: format!("{}: {message}", self.name),
        }
    }
}

/// A node, read and checked, before it becomes part of the board.
struct Node {
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
                "its \"tandem\" data was not understood ({e}); title, partners and voting \
                 not kept"
            )));
            BoardExt::default()
        }),
    };

    let raw_nodes = top_fields.array("nodes")?;
    let mut nodes = Vec::with_capacity(raw_nodes.len());
    let mut ids = HashSet::new();
    for (i, raw) in raw_nodes.iter().enumerate() {
        let node = read_node(text, raw, i)?;
        if !ids.insert(node.1.clone()) {
            return Err(refusal(
                text,
                node.0.at,
                format!("{}: the id \"{}\" is used twice", node.0.name, node.1),
            ));
        }
        nodes.push(node.0);
    }
    report_edges(text, &top_fields, &mut not_kept)?;
    let board = build(nodes, ext, ext_at, fallback_title, &mut not_kept);
    Ok(Imported {
        board,
        not_kept: located(text, not_kept),
    })
}

/// Reads node `i`; returns it with its id.
fn read_node(text: &str, raw: &RawValue, i: usize) -> Result<(Node, String), Diagnostic> {
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
    Ok((node, id))
}

/// Edges cannot be kept: each is listed by its ends and label.
fn report_edges(text: &str, top: &Fields<'_>, not_kept: &mut Vec<Loss>) -> Result<(), Diagnostic> {
    let edges = top.array("edges")?;
    for (i, raw) in edges.iter().enumerate() {
        let e = object(text, raw, &format!("edge {}", i + 1))?;
        let end = |key| e.get::<String>(key, "a string");
        let mut what = format!(
            "edge \"{}\" from \"{}\" to \"{}\"",
            end("id")?.unwrap_or_default(),
            end("fromNode")?.unwrap_or_default(),
            end("toNode")?.unwrap_or_default()
        );
        if let Some(label) = end("label")? {
            what.push_str(&format!(" labelled \"{label}\""));
        }
        not_kept.push(Loss {
            at: e.at,
            message: format!("{what} not kept: Tandem has no connectors"),
        });
    }
    Ok(())
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

/// Builds the board from checked nodes; what it cannot hold goes to `not_kept`.
fn build(
    nodes: Vec<Node>,
    ext: BoardExt,
    ext_at: Option<usize>,
    fallback_title: &str,
    not_kept: &mut Vec<Loss>,
) -> Board {
    let mut parts = BoardParts {
        title: ext.title.unwrap_or_else(|| fallback_title.to_owned()),
        voting: ext.voting.map_or_else(Voting::default, |v| Voting {
            dots_per_person: v.dots_per_person,
            people: v.people,
        }),
        ..BoardParts::default()
    };
    for p in ext.partners {
        match Rgb::parse_hex(&p.color) {
            Some(color) if !parts.partners.iter().any(|q: &Partner| q.id.0 == p.id) => {
                parts.partners.push(Partner {
                    id: PartnerId(p.id),
                    name: p.name,
                    color,
                })
            }
            _ => not_kept.push(Loss {
                at: ext_at,
                message: format!(
                    "partner \"{}\" not kept: its id is used twice or its colour is not #RRGGBB",
                    p.name
                ),
            }),
        }
    }
    let with_lane = nodes.iter().any(|n| journey_of(n).is_some());
    let mut keys = HashSet::new();
    let mut note_ids = HashSet::new();
    let mut pending_notes = Vec::new();
    for mut node in nodes {
        not_kept.append(&mut node.fields);
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
                    id,
                    Note {
                        id: NoteId(0),
                        text: node.text,
                        rect,
                        color,
                        partner,
                        votes: node.ext.votes,
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
    for (id, mut note) in pending_notes {
        note.id = NoteId(id.unwrap_or_else(|| {
            next += 1;
            next - 1
        }));
        parts.notes.push(note);
    }
    Board::from_parts(parts)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Template;

    use crate::io::example_board as example;

    fn import(text: &str) -> Imported {
        read_canvas(text.as_bytes(), "Imported").unwrap()
    }

    fn messages(i: &Imported) -> Vec<String> {
        i.not_kept.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn export_then_import_gives_the_same_board() {
        let mut boards = vec![example()];
        boards.extend(Template::ALL.iter().map(|t| t.board()));
        for board in boards {
            let back = import(&write_canvas(&board));
            assert!(back.not_kept.is_empty(), "{:?}", messages(&back));
            assert_eq!(back.board, board, "{}", board.title());
        }
    }

    #[test]
    fn every_colour_round_trips() {
        let notes = NoteColor::ALL
            .iter()
            .enumerate()
            .map(|(i, &c)| Note {
                color: c,
                ..Note::new(NoteId(i as u64 + 1), i as f32 * 250.0, 0.0)
            })
            .collect();
        let board = Board::from_parts(BoardParts {
            notes,
            ..BoardParts::default()
        });
        let back = import(&write_canvas(&board)).board;
        let colors: Vec<NoteColor> = back.notes().iter().map(|n| n.color).collect();
        assert_eq!(colors, NoteColor::ALL);
    }

    #[test]
    fn fractional_positions_are_rounded_to_whole_units() {
        let mut n = Note::new(NoteId(1), 10.4, 20.6);
        n.rect.w = 200.5;
        let board = Board::from_parts(BoardParts {
            notes: vec![n],
            ..BoardParts::default()
        });
        let back = import(&write_canvas(&board)).board;
        assert_eq!(back.notes()[0].rect, Rect::new(10.0, 21.0, 201.0, 120.0));
    }

    #[test]
    fn a_canvas_from_another_app_becomes_a_usable_board_and_losses_are_listed() {
        let text = r##"{
  "nodes": [
    {"id": "g1", "type": "group", "x": 0, "y": 0, "width": 800, "height": 600, "label": "Ideas", "color": "4"},
    {"id": "a1b2", "type": "text", "x": 20, "y": 40, "width": 250, "height": 60, "text": "Hello **world**", "color": "#FFAACC"},
    {"id": "c3", "type": "text", "x": 300, "y": 40, "width": 10, "height": 60, "text": "tiny", "color": "5"},
    {"id": "f1", "type": "file", "x": 20, "y": 200, "width": 400, "height": 300, "file": "notes/Plan.md", "subpath": "#Goals"},
    {"id": "l1", "type": "link", "x": 500, "y": 200, "width": 200, "height": 100, "url": "https://example.com"},
    {"id": "t2", "type": "text", "x": 900, "y": 0, "width": 200, "height": 100, "text": "outside", "styleAttributes": {}}
  ],
  "edges": [
    {"id": "e1", "fromNode": "a1b2", "fromSide": "right", "toNode": "c3", "toSide": "left", "label": "leads to"}
  ]
}"##;
        let imported = import(text);
        let b = &imported.board;
        assert_eq!(b.title(), "Imported");
        assert_eq!(b.blocks().len(), 1);
        assert_eq!(b.blocks()[0].key, "ideas");
        assert_eq!(b.blocks()[0].title, "Ideas");
        let texts: Vec<&str> = b.notes().iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Hello **world**",
                "tiny",
                "notes/Plan.md#Goals",
                "https://example.com",
                "outside"
            ]
        );
        let ids: Vec<u64> = b.notes().iter().map(|n| n.id.0).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5]);
        assert_eq!(
            b.notes()[0].color,
            NoteColor::Pink,
            "the nearest sticky colour"
        );
        assert_eq!(b.notes()[1].color, NoteColor::Blue);
        assert_eq!(b.notes()[1].rect.w, Note::MIN_SIZE);
        assert_eq!(b.notes()[2].color, NoteColor::White);
        let m = messages(&imported);
        let expect = [
            "line 3, column 5: group node \"g1\": colour not kept",
            "line 4, column 5: text node \"a1b2\": colour #FFAACC shown as the nearest sticky colour, pink",
            "line 5, column 5: text node \"c3\": size 10×60 set to 40×60",
            "line 6, column 5: file node \"f1\": kept as a note naming the file",
            "line 7, column 5: link node \"l1\": kept as a note showing its URL",
            "line 8, column 5: text node \"t2\": field \"styleAttributes\" not kept",
            "line 11, column 5: edge \"e1\" from \"a1b2\" to \"c3\" labelled \"leads to\" not kept",
        ];
        assert_eq!(m.len(), expect.len(), "{m:#?}");
        for (got, want) in m.iter().zip(expect) {
            assert!(got.starts_with(want), "{got}\n  should start with\n{want}");
        }
    }

    #[test]
    fn bad_input_is_refused_with_its_place() {
        let err = |text: &str| read_canvas(text.as_bytes(), "x").unwrap_err().to_string();
        assert_eq!(err(""), "the file is empty");
        assert_eq!(
            err("{\n  \"nodes\": [,]\n}"),
            "line 2, column 13: expected value"
        );
        assert!(err("[1]").contains("expected a JSON object"));
        assert_eq!(
            err("{\"nodes\": {}}"),
            "line 1, column 11: \"nodes\" must be an array"
        );
        assert_eq!(
            err(
                "{\"nodes\": [\n  {\"id\": \"a\", \"type\": \"text\", \"x\": \"1\", \"y\": 0, \"width\": 1, \"height\": 1}]}"
            ),
            "line 2, column 36: text node \"a\": \"x\" must be a number"
        );
        assert_eq!(
            err("{\"nodes\": [\n  {\"type\": \"text\"}]}"),
            "line 2, column 3: node 1: missing field \"id\""
        );
        let two = r#"{"nodes": [
  {"id": "a", "type": "text", "x": 0, "y": 0, "width": 1, "height": 1},
  {"id": "a", "type": "text", "x": 0, "y": 0, "width": 1, "height": 1}]}"#;
        assert_eq!(
            err(two),
            "line 3, column 3: text node \"a\": the id \"a\" is used twice"
        );
        let far = r#"{"nodes": [{"id": "a", "type": "text", "x": 1e12, "y": 0, "width": 1, "height": 1}]}"#;
        assert!(err(far).contains("\"x\" is outside the canvas"));
        let board = crate::io::write_board(&example());
        assert!(err(&board).contains("this is a Tandem board"));
    }

    #[test]
    fn a_second_or_broken_journey_becomes_a_block_and_is_reported() {
        let canvas = write_canvas(&example());
        let value: serde_json::Value = serde_json::from_str(&canvas).unwrap();
        let journey = value["nodes"][0].clone();
        let mut broken = journey.clone();
        broken["id"] = "j2".into();
        broken["tandem"]["journey"]["stages"] = serde_json::json!([]);
        let mut second = journey.clone();
        second["id"] = "j3".into();
        let text = serde_json::json!({ "nodes": [journey, broken, second] }).to_string();
        let imported = import(&text);
        assert!(imported.board.lane().is_some());
        assert_eq!(imported.board.blocks().len(), 2);
        let m = messages(&imported);
        assert!(
            m[0].contains("\"j2\": its journey stages and rows are not valid"),
            "{m:?}"
        );
        assert!(m[1].contains("\"j3\": a board has one journey"), "{m:?}");
    }

    #[test]
    fn an_empty_canvas_is_an_empty_board() {
        let imported = import("{}");
        assert!(imported.board.notes().is_empty());
        assert!(imported.not_kept.is_empty());
        assert!(import(r#"{"nodes": [], "edges": []}"#).not_kept.is_empty());
    }
}
