//! Writing a board as JSON Canvas: notes as text nodes, blocks and journey cells as groups, what
//! the format has no field for in `"tandem"` objects.

use serde::Serialize;

use super::edges::EdgeExt;
use super::*;
use crate::io::format::{FlowKindJson, PartnerJson};
use crate::model::{Board, FlowDirection, Rect};

#[derive(Serialize)]
struct CanvasOut<'a> {
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut<'a>>,
    tandem: BoardExt,
}

/// A flow as an edge; JSON Canvas names its fields in camel case.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EdgeOut<'a> {
    id: String,
    from_node: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_side: Option<&'static str>,
    from_end: &'static str,
    to_node: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_side: Option<&'static str>,
    to_end: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    label: &'a str,
    /// Marks the edge as Tandem's own (its sides are where Tandem draws it), with its kind.
    tandem: EdgeExt,
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

/// The board as a JSON Canvas document: the journey and its cells, then blocks (all below), then
/// notes in drawing order; flows as edges.
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
                author: n.author.clone(),
                ..NodeExt::default()
            },
            ..NodeOut::new(format!("note-{}", n.id.0), "text", &n.rect)
        });
    }
    let p = board.parts();
    let canvas = CanvasOut {
        nodes,
        edges: edges(board),
        tandem: BoardExt {
            title: Some(p.title.clone()),
            partners: p.partners.iter().map(PartnerJson::from).collect(),
            voting: Some(VotingExt {
                dots_per_person: p.voting.dots_per_person,
                people: p.voting.people,
            }),
            flow_kinds: Some(p.flow_kinds.iter().map(FlowKindJson::from).collect()),
        },
    };
    let mut out = serde_json::to_string_pretty(&canvas).expect("a canvas always serialises");
    out.push('\n');
    out
}

/// Each flow as an edge from its `from` note to its `to` note, with its sides where Tandem draws
/// it, an arrowhead at `to` (and at `from` both ways), its kind's colour and its label.
fn edges(board: &Board) -> Vec<EdgeOut<'_>> {
    board
        .flows()
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let line = board.flow_line(i);
            let end = |arrow: bool| if arrow { "arrow" } else { "none" };
            EdgeOut {
                id: format!("flow-{}", f.id.0),
                from_node: format!("note-{}", f.from.0),
                from_side: line.map(|l| l.from_side.name()),
                from_end: end(f.direction == FlowDirection::BothWays),
                to_node: format!("note-{}", f.to.0),
                to_side: line.map(|l| l.to_side.name()),
                to_end: end(true),
                color: f.kind.map(|_| board.flow_color(f).to_hex()),
                label: &f.label,
                tandem: EdgeExt {
                    kind: f.kind.map(|k| k.0),
                },
            }
        })
        .collect()
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
